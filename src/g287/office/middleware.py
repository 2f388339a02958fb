"""A GET on a URL that only takes POST (a form's action, opened from history or a link) gets a page
saying what the URL is for, not Django's empty 405. The API keeps its JSON answers."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class MethodNotAllowedPage:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.method in ("GET", "HEAD")
            and not request.path.startswith("/api/")
            and not response.content
        ):
            page = HttpResponse(
                render_to_string("405.html", {"allowed": response.get("Allow", "POST")}, request=request),
                status=405,
            )
            page["Allow"] = response.get("Allow", "POST")
            return page
        return response
