"""How a person appears in the audit log, and the middleware that tells the audit log who is acting."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from g287.core.audit import current_actor


def actor_of(user: Any) -> str:
    """`user:NAME`, plus the token prefix when the request came with an API token."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    label = f"user:{user.get_username()}"
    prefix = getattr(user, "api_token_prefix", None)
    return f"{label} token:{prefix}" if prefix else label


class ActorMiddleware:
    """Sets the audit actor for the request, so services of every app record who made a change. API
    token authentication sets it again for token requests; both are undone when the request ends."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        token = current_actor.set(actor_of(user) if user is not None and user.is_authenticated else "")
        try:
            return self.get_response(request)
        finally:
            current_actor.reset(token)
