"""Sign-in for every door (/office/login/, /admin/login/, anything calling `authenticate`): a username
locked out by accounts.throttle is refused before its password is even checked."""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from g287.accounts import throttle


class LockoutModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username and throttle.locked_for(username) is not None:
            # Stops authenticate() for every backend; the forms show why (LockoutMixin).
            raise PermissionDenied("locked out")
        return super().authenticate(request, username=username, password=password, **kwargs)
