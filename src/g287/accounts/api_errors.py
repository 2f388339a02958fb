"""JSON answers for the exceptions the services raise: a role that does not allow the action (403) and
a broken program rule (422, in the one error body of `g287.core.api_lists`, naming each field); and the
error answers every operation can give, declared in the OpenAPI document."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from g287.core.api_lists import ErrorOut, ValidationErrorOut


def install_error_handlers(api: NinjaAPI) -> None:
    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "Not allowed."}, status=403)

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, ValidationError)
        where = "query" if request.method in ("GET", "HEAD") else "body"
        if hasattr(exc, "error_dict"):
            detail = [
                {"loc": [where] if f == "__all__" else [where, f], "msg": m, "type": "value_error"}
                for f, messages in exc.message_dict.items()
                for m in messages
            ]
        else:
            detail = [{"loc": [where], "msg": m, "type": "value_error"} for m in exc.messages]
        return api.create_response(request, {"detail": detail}, status=422)

    def unreadable(request: HttpRequest, exc: Any) -> HttpResponse:
        # django-ninja answers any error of the body's parser with 400; the parser's own refusal
        # (core.api_parser: a NUL character) names its fields, as a 422.
        if isinstance(exc.__cause__, NinjaValidationError):
            return api.create_response(request, {"detail": exc.__cause__.errors}, status=422)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    api.add_exception_handler(HttpError, unreadable)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(ValidationError, invalid)


def _ref(schema: dict[str, Any], model: Any) -> dict[str, Any]:
    name = model.__name__
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if name not in components:
        components[name] = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for sub, definition in components[name].pop("$defs", {}).items():
            components.setdefault(sub, definition)
    return {
        "description": "",
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


class DocumentedAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document lists the error answers of every operation, so a client (and
    schemathesis) knows them: 422 for bad parameters or body, 401 and 403 where an account is needed,
    404 where the path names an object, 400 for a body that is not JSON."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        errors = {
            "400": ("Not readable", ErrorOut),
            "401": ("Not signed in, or an unknown token", ErrorOut),
            "403": ("Your role does not allow this", ErrorOut),
            "404": ("No such object in your scope", ErrorOut),
            "422": ("Bad parameters or body", ValidationErrorOut),
        }
        for path, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                wanted = ["422"]
                if operation.get("security"):
                    wanted += ["401", "403"]
                if "{" in path:
                    wanted.append("404")
                if "requestBody" in operation:
                    wanted.append("400")
                responses = operation.setdefault("responses", {})
                for code in wanted:
                    if code not in responses and int(code) not in responses:
                        description, model = errors[code]
                        responses[code] = {**_ref(schema, model), "description": description}
        return schema
