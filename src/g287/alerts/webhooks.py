"""Webhooks: each change set POSTed as JSON to every active partner endpoint, signed with HMAC-SHA256,
retried with growing waits, and logged.

The receiver checks `X-G287-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw body under the shared
secret (compare in constant time)."""

import hashlib
import hmac
import json
import secrets
from datetime import timedelta
from typing import Any

import httpx
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from g287 import __version__
from g287.alerts.changesets import ChangeSet
from g287.alerts.models import Delivery, DeliveryStatus, Webhook
from g287.core import audit

SIGNATURE_HEADER = "X-G287-Signature"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, body), signature or "")


@transaction.atomic
def register(url: str, secret: str, description: str, actor: str) -> Webhook:
    hook = Webhook.objects.create(
        url=url, secret=secret, description=description, created_at=timezone.now(), created_by=actor
    )
    # The secret stays out of the audit log: it would let a reader of the log forge deliveries.
    audit.record(
        "alerts.webhook.create",
        "alerts.Webhook",
        hook.pk,
        after={"url": url, "description": description},
        actor=actor,
    )
    return hook


@transaction.atomic
def set_active(hook: Webhook, active: bool, actor: str) -> None:
    before = hook.active
    hook.active = active
    hook.save(update_fields=["active"])
    audit.record(
        "alerts.webhook.update",
        "alerts.Webhook",
        hook.pk,
        before={"active": before},
        after={"active": active},
        actor=actor,
    )


def queue(change_set: ChangeSet) -> int:
    """One pending delivery per active webhook (once per change set); returns how many were queued."""
    payload = change_set.payload()
    now = timezone.now()
    queued = 0
    for hook in Webhook.objects.filter(active=True):
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    webhook=hook, change_set=change_set.key, payload=payload, next_attempt_at=now
                )
                audit.record(
                    "alerts.delivery.queue",
                    "alerts.Delivery",
                    delivery.pk,
                    after={"webhook": hook.pk, "change_set": change_set.key},
                )
            queued += 1
        except IntegrityError:
            continue  # already queued by an earlier pass
    return queued


def _body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def deliver_due(http: httpx.Client | None = None) -> dict[str, int]:
    """Tries every pending delivery whose time has come, once. A failure waits G287_WEBHOOK_BACKOFF
    seconds, doubled after each attempt, up to G287_WEBHOOK_ATTEMPTS attempts; then it is given up."""
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    due = Delivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
    ).select_related("webhook")
    own = http is None
    http = http or httpx.Client(timeout=settings.G287_FETCH_TIMEOUT, follow_redirects=False)
    try:
        for delivery in due.order_by("id"):
            counts[_attempt(http, delivery)] += 1
    finally:
        if own:
            http.close()
    return counts


def _attempt(http: httpx.Client, delivery: Delivery) -> str:
    body = _body(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"g287-webhooks/{__version__}",
        SIGNATURE_HEADER: sign(delivery.webhook.secret, body),
        "X-G287-Delivery": str(delivery.pk),
        "X-G287-Change-Set": delivery.change_set,
    }
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    try:
        answer = http.post(delivery.webhook.url, content=body, headers=headers)
        delivery.response_status = answer.status_code
        ok = 200 <= answer.status_code < 300
        delivery.error = "" if ok else f"answered {answer.status_code}"
    except httpx.HTTPError as exc:
        ok = False
        delivery.response_status = None
        delivery.error = f"{type(exc).__name__}: {exc}"[:500]
    if ok:
        delivery.status = DeliveryStatus.DELIVERED
        outcome = "delivered"
    elif delivery.attempts >= settings.G287_WEBHOOK_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        outcome = "failed"
    else:
        wait = settings.G287_WEBHOOK_BACKOFF * 2 ** (delivery.attempts - 1)
        delivery.next_attempt_at = now + timedelta(seconds=wait)
        outcome = "retrying"
    with transaction.atomic():
        delivery.save()
        audit.record(
            "alerts.delivery.deliver",
            "alerts.Delivery",
            delivery.pk,
            after={
                "status": delivery.status,
                "attempt": delivery.attempts,
                "response": delivery.response_status,
                "error": delivery.error,
            },
        )
    return outcome
