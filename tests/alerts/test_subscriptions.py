"""E-mail subscriptions: double opt-in, a change mail, one-click unsubscribe that deletes the address."""

import json
import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from g287.alerts.models import Subscription
from g287.core.models import AuditEntry

ADDRESS = "reader@example.org"


def _link(body: str, kind: str) -> str:
    match = re.search(rf"http://[^\s]+/subscribe/{kind}/[^\s/]+/", body)
    assert match, body
    return match.group(0).split("8000", 1)[1] if "8000" in match.group(0) else match.group(0)


def test_a_subscription_goes_through_opt_in_a_change_mail_and_unsubscribe(
    client: Client, fetch_latest: Callable[[], None]
) -> None:
    answer = client.post("/subscribe/", {"email": ADDRESS, "state": "TX"})
    assert answer.status_code == 200 and "Check your mail" in answer.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [ADDRESS]
    confirm = _link(mail.outbox[0].body, "confirm")

    # Unconfirmed: nothing is sent when the list changes.
    assert client.get(confirm).status_code == 200  # a link scanner's GET does not confirm
    assert Subscription.objects.get().confirmed_at is None
    client.post(confirm)
    assert Subscription.objects.get().confirmed_at is not None

    fetch_latest()
    change = mail.outbox[-1]
    assert len(mail.outbox) == 2 and "Texas" in change.subject and "2025-08-01" in change.subject
    assert "Houston Police Department" in change.body and "Guam" not in change.body
    unsubscribe = _link(change.body, "unsubscribe")
    assert change.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in change.extra_headers["List-Unsubscribe"]

    # One click: a POST from the mail client, no form, no cookie.
    assert Client(enforce_csrf_checks=True).post(unsubscribe).status_code == 200
    assert not Subscription.objects.exists()
    trail = AuditEntry.objects.filter(object_type="alerts.Subscription").order_by("id")
    assert [e.action for e in trail] == [
        "alerts.subscription.create",
        "alerts.subscription.confirm",
        "alerts.subscription.delete",
    ]
    assert ADDRESS not in json.dumps([[e.before, e.after, e.object_id] for e in trail])


def test_subscribers_hear_only_about_their_state(client: Client, fetch_latest: Callable[[], None]) -> None:
    client.post("/subscribe/", {"email": ADDRESS, "state": "FL"})
    client.post(_link(mail.outbox[0].body, "confirm"))
    fetch_latest()  # 2025-08-01: FHP's MOA posted, so Florida does hear about it
    assert len(mail.outbox) == 2 and "Florida Highway Patrol" in mail.outbox[-1].body
    client.post("/subscribe/", {"email": "other@example.org", "state": "CA"})
    client.post(_link(mail.outbox[-1].body, "confirm"))
    count = len(mail.outbox)
    from g287.alerts.dispatch import announce
    from g287.registry.models import Snapshot

    announce([Snapshot.objects.get(date="2025-08-01").order_key])
    assert all("other@example.org" not in m.to for m in mail.outbox[count:])


@pytest.mark.usefixtures("small_registry")
def test_bad_requests_are_refused_with_a_clear_error(client: Client) -> None:
    answer = client.post("/subscribe/", {"email": "not-an-address", "state": "TX"})
    assert answer.status_code == 400
    answer = client.post("/subscribe/", {"email": ADDRESS})
    assert answer.status_code == 400 and "choose a state or an agency" in answer.content.decode()
    assert client.get("/subscribe/confirm/unknown-token/").status_code == 404
    assert not Subscription.objects.exists() and mail.outbox == []


@pytest.mark.usefixtures("small_registry")
def test_the_form_cannot_flood_a_mailbox_and_tells_nobody_who_subscribes(client: Client) -> None:
    first = client.post("/subscribe/", {"email": ADDRESS, "state": "TX"})
    again = client.post("/subscribe/", {"email": ADDRESS, "state": "TX"})
    main = lambda r: r.content.decode().split("<main", 1)[1].split("</main>")[0]  # noqa: E731
    assert main(first) == main(again)  # the same answer for a new and a known address
    assert len(mail.outbox) == 1 and Subscription.objects.count() == 1


def test_a_mail_server_that_is_down_does_not_fail_the_fetch(
    client: Client, fetch_latest: Callable[[], None], settings: object
) -> None:
    client.post("/subscribe/", {"email": ADDRESS, "state": "TX"})
    client.post(_link(mail.outbox[0].body, "confirm"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # type: ignore[attr-defined]  # nothing listens
    fetch_latest()  # no CommandError: the list is imported whatever the mail server does
    from g287.registry.models import Snapshot

    assert Snapshot.objects.filter(date="2025-08-01").exists()
