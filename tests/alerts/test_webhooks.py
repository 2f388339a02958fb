"""Webhooks: each change set POSTed to a loopback receiver that checks the HMAC-SHA256 signature,
retried with backoff, logged; registration by the program office only, audited without the secret."""

import hashlib
import hmac
import json
from collections.abc import Callable

import pytest
from django.test import Client
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from g287.accounts.models import Role
from g287.alerts import webhooks
from g287.alerts.models import Delivery, DeliveryStatus, Webhook
from g287.core.models import AuditEntry
from tests.accounts.fixtures import PASSWORD, make_user

SECRET = "partner-shared-secret-0123456789"


def _receiver(
    received: list[dict[str, object]], answers: list[int] | None = None
) -> Callable[[Request], Response]:
    def handle(request: Request) -> Response:
        body = request.get_data()
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, request.headers.get("X-G287-Signature", "")):
            return Response("bad signature", status=401)
        status = answers.pop(0) if answers else 204
        if status < 300:
            received.append(json.loads(body))
        return Response("", status=status)

    return handle


def test_a_loopback_receiver_gets_the_change_set_correctly_signed(
    httpserver: HTTPServer, fetch_latest: Callable[[], None]
) -> None:
    received: list[dict[str, object]] = []
    httpserver.expect_request("/hook", method="POST").respond_with_handler(_receiver(received))
    webhooks.register(httpserver.url_for("/hook"), SECRET, "partner", "user:test")

    fetch_latest()

    assert len(received) == 1
    payload = received[0]
    assert payload["list"]["date"] == "2025-08-01"  # type: ignore[index]
    kinds = {(e["agreement"], e["kind"]) for e in payload["events"]}  # type: ignore[attr-defined]
    assert ("TX-houston-police-department#WSO", "removed") in kinds
    assert str(payload["changes_url"]).endswith("/changes/?from=2025-07-15&to=2025-08-01")
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        DeliveryStatus.DELIVERED,
        1,
        204,
    )


def test_a_wrong_secret_is_refused_by_the_receiver_and_retried_then_given_up(
    httpserver: HTTPServer, fetch_latest: Callable[[], None], settings: object
) -> None:
    settings.G287_WEBHOOK_BACKOFF = 0  # type: ignore[attr-defined]
    settings.G287_WEBHOOK_ATTEMPTS = 3  # type: ignore[attr-defined]
    received: list[dict[str, object]] = []
    httpserver.expect_request("/hook", method="POST").respond_with_handler(_receiver(received))
    webhooks.register(httpserver.url_for("/hook"), "not-the-partners-secret", "", "user:test")
    fetch_latest()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_status) == (DeliveryStatus.PENDING, 401)
    webhooks.deliver_due()
    webhooks.deliver_due()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
    assert received == []


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(
    httpserver: HTTPServer, fetch_latest: Callable[[], None], settings: object
) -> None:
    settings.G287_WEBHOOK_BACKOFF = 30  # type: ignore[attr-defined]
    received: list[dict[str, object]] = []
    httpserver.expect_request("/hook", method="POST").respond_with_handler(_receiver(received, [500]))
    webhooks.register(httpserver.url_for("/hook"), SECRET, "", "user:test")
    fetch_latest()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and delivery.response_status == 500
    assert delivery.last_attempt_at is not None
    assert (delivery.next_attempt_at - delivery.last_attempt_at).total_seconds() == pytest.approx(30, abs=1)
    assert webhooks.deliver_due() == {"delivered": 0, "retrying": 0, "failed": 0}  # not yet due
    Delivery.objects.update(next_attempt_at=delivery.last_attempt_at)
    assert webhooks.deliver_due()["delivered"] == 1
    assert len(received) == 1


@pytest.mark.usefixtures("small_registry")
def test_only_the_program_office_registers_webhooks_and_the_secret_stays_out_of_the_audit_log(
    client: Client,
) -> None:
    make_user("program-admin", Role.PROGRAM_ADMIN)
    make_user("auditor", Role.AUDITOR)
    client.login(username="auditor", password=PASSWORD)
    assert client.get("/office/webhooks/").status_code == 403
    client.login(username="program-admin", password=PASSWORD)
    answer = client.post(
        "/office/webhooks/",
        {"url": "https://partner.example.org/g287", "description": "Partner"},
        follow=True,
    )
    hook = Webhook.objects.get()
    assert hook.secret in answer.content.decode()  # shown once, to the administrator
    entry = AuditEntry.objects.filter(object_type="alerts.Webhook").get()
    assert entry.actor == "user:program-admin" and hook.secret not in json.dumps(entry.after)
    client.post(f"/office/webhooks/{hook.pk}/toggle/")
    hook.refresh_from_db()
    assert hook.active is False
