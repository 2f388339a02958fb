"""Throttling of the public forms, on the accounts app's pattern (accounts/throttle.py): count recent
uses in a window and refuse past the limit. The public has no username, so uses are counted per client
address, kept only as a keyed hash and only for the window; nothing else about the person is stored.

Limits are settings: G287_COMPLAINT_LIMIT submissions and G287_STATUS_LIMIT status checks per client
per G287_FORM_WINDOW_MINUTES."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from g287.core import ratelimit
from g287.core.clientip import client_ip
from g287.oversight.models import FormMark

SUBMIT = "submit"
STATUS = "status"
DEFAULT_LIMITS = {SUBMIT: 5, STATUS: 30}
_SETTINGS = {SUBMIT: "G287_COMPLAINT_LIMIT", STATUS: "G287_STATUS_LIMIT"}


def limit(action: str) -> int:
    return int(getattr(settings, _SETTINGS[action], DEFAULT_LIMITS[action]))


def window() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "G287_FORM_WINDOW_MINUTES", 60)))


def client_key(request: HttpRequest) -> str:
    # X-Forwarded-For counts only when the request came through one of G287_TRUSTED_PROXIES.
    address = client_ip(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def retry_after(action: str, key: str) -> timedelta | None:
    """How long until the client may use the form again, or None when it may now."""
    if ratelimit.enabled():
        return ratelimit.wait(action, key, limit(action), window())
    since = timezone.now() - window()
    recent = list(
        FormMark.objects.filter(action=action, key=key, at__gte=since)
        .order_by("at")
        .values_list("at", flat=True)
    )
    if len(recent) < limit(action):
        return None
    return recent[-limit(action)] + window() - timezone.now()


def note(action: str, key: str) -> None:
    if ratelimit.enabled():
        ratelimit.note(action, key, window())
        return
    FormMark.objects.create(action=action, key=key)
    FormMark.objects.filter(at__lt=timezone.now() - window()).delete()
