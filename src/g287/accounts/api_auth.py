"""Authentication for every router of the API: the browser session (with CSRF on writes) or an API
token in `Authorization: Bearer g287_...`. Read-only tokens are refused on writes. Reuse `API_AUTH`:
`Router(auth=API_AUTH)`."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from g287.accounts.actor import actor_of
from g287.accounts.models import TokenScope
from g287.accounts.tokens import check_token
from g287.core.audit import current_actor

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = check_token(token.strip())
        if found is None:
            return None
        if request.method not in SAFE_METHODS and found.scope != TokenScope.WRITE:
            raise HttpError(403, "This API token is read-only; make a token with write scope.")
        user = found.user
        user.api_token_prefix = found.prefix  # type: ignore[attr-defined]
        request.user = user
        # Reset by ActorMiddleware at the end of the request.
        current_actor.set(actor_of(user))
        return user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        return user if user.is_authenticated and user.is_active else None


token_auth = TokenAuth()
session_auth = ActiveSessionAuth()
API_AUTH = [token_auth, session_auth]
