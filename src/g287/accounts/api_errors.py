"""JSON answers for the exceptions the services raise: a role that does not allow the action (403) and
a broken program rule (422, naming each field)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI


def install_error_handlers(api: NinjaAPI) -> None:
    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, ValidationError)
        if hasattr(exc, "error_dict"):
            detail = [
                {"field": f, "message": m} for f, messages in exc.message_dict.items() for m in messages
            ]
        else:
            detail = [{"field": "", "message": m} for m in exc.messages]
        return api.create_response(request, {"detail": detail}, status=422)

    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(ValidationError, invalid)
