"""Lockout after repeated failed sign-ins: LIMIT failures for one username within WINDOW lock it for
the rest of the window. Counted per username (not per address), so a distributed guesser is slowed
as much as a single one, and no address is kept."""

import hashlib
import hmac
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils import timezone

from g287.accounts.models import LoginFailure
from g287.core import ratelimit

BUCKET = "login"  # in the shared cache when G287_CACHE_URL is set (g287.core.ratelimit)


def limit() -> int:
    return int(getattr(settings, "G287_LOGIN_FAILURE_LIMIT", 5))


def window() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "G287_LOGIN_LOCKOUT_MINUTES", 15)))


def _key(username: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), username.strip().lower().encode(), hashlib.sha256
    ).hexdigest()


def locked_for(username: str) -> timedelta | None:
    """How much longer the username stays locked, or None."""
    if ratelimit.enabled():
        return ratelimit.wait(BUCKET, _key(username), limit(), window())
    since = timezone.now() - window()
    recent = list(
        LoginFailure.objects.filter(key=_key(username), at__gte=since)
        .order_by("at")
        .values_list("at", flat=True)
    )
    if len(recent) < limit():
        return None
    return recent[-limit()] + window() - timezone.now()


def note_failure(username: str) -> None:
    if ratelimit.enabled():
        ratelimit.note(BUCKET, _key(username), window())
        return
    LoginFailure.objects.create(key=_key(username))
    LoginFailure.objects.filter(at__lt=timezone.now() - window()).delete()


def clear(username: str) -> None:
    if ratelimit.enabled():
        ratelimit.clear(BUCKET, _key(username))
        return
    LoginFailure.objects.filter(key=_key(username)).delete()


def _on_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    username = credentials.get("username")
    # Tries while locked (refused by LockoutModelBackend) do not extend the lock.
    if isinstance(username, str) and username and locked_for(username) is None:
        note_failure(username)


def _on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    clear(user.get_username())


def connect_signals() -> None:
    user_login_failed.connect(_on_failed, dispatch_uid="g287.accounts.throttle.failed")
    user_logged_in.connect(_on_login, dispatch_uid="g287.accounts.throttle.login")
