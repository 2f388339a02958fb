"""E-mail subscriptions by state or agency: double opt-in, one-click unsubscribe.

The address is the only personal data: it is never written to the audit log (entries name the
subscription's number and scope), and unsubscribing deletes the row. Unconfirmed requests are deleted
after G287_SUBSCRIPTION_CONFIRM_DAYS days."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from g287.alerts.changesets import ChangeSet
from g287.alerts.models import Subscription
from g287.core import audit
from g287.core.states import NAME_BY_CODE
from g287.registry.models import Agency

SYSTEM = "system:alerts"


class SubscriptionError(ValueError):
    pass


def _site(path: str) -> str:
    return settings.G287_SITE_URL.rstrip("/") + path


def scope_label(sub: Subscription) -> str:
    if sub.state:
        return NAME_BY_CODE.get(sub.state, sub.state)
    agency = Agency.objects.filter(pk=sub.agency).first()
    return f"{agency.name} ({agency.state})" if agency else sub.agency


def request(email: str, state: str = "", agency: str = "") -> Subscription:
    """Records an unconfirmed subscription (or finds the existing one) and mails the confirmation link.
    The answer to the person is the same either way, so the form tells nobody who subscribes."""
    state, agency = state.strip().upper(), agency.strip()
    if bool(state) == bool(agency):
        raise SubscriptionError("choose a state or an agency")
    if state and state not in NAME_BY_CODE:
        raise SubscriptionError(f"unknown state {state!r}")
    if agency and not Agency.objects.filter(pk=agency).exists():
        raise SubscriptionError(f"unknown agency {agency!r}")
    email = email.strip().lower()
    with transaction.atomic():
        sub = Subscription.objects.filter(email=email, state=state, agency=agency).first()
        created = sub is None
        if sub is None:
            sub = Subscription.objects.create(
                email=email,
                state=state,
                agency=agency,
                token=secrets.token_urlsafe(32),
                created_at=timezone.now(),
            )
            audit.record(
                "alerts.subscription.create",
                "alerts.Subscription",
                sub.pk,
                after={"scope": sub.scope},
                actor=SYSTEM,
            )
    resent_too_soon = not created and sub.created_at > timezone.now() - timedelta(hours=1)
    if sub.confirmed_at is None and not resent_too_soon:
        # At most one confirmation mail an hour per address and scope: the form cannot be used to
        # flood someone's mailbox.
        link = _site(reverse("alerts:confirm", args=[sub.token]))
        EmailMessage(
            subject=f"Confirm: 287(g) changes for {scope_label(sub)}",
            body=(
                f"Someone (we hope you) asked to receive an e-mail when ICE's 287(g) lists change for "
                f"{scope_label(sub)}.\n\nConfirm here: {link}\n\nIf it was not you, ignore this mail: without "
                f"confirmation the address is deleted within {settings.G287_SUBSCRIPTION_CONFIRM_DAYS} days."
            ),
            to=[sub.email],
        ).send()
    return sub


@transaction.atomic
def confirm(token: str) -> Subscription | None:
    sub = Subscription.objects.select_for_update().filter(token=token).first()
    if sub is None:
        return None
    if sub.confirmed_at is None:
        sub.confirmed_at = timezone.now()
        sub.save(update_fields=["confirmed_at"])
        audit.record(
            "alerts.subscription.confirm",
            "alerts.Subscription",
            sub.pk,
            after={"scope": sub.scope},
            actor=SYSTEM,
        )
    return sub


@transaction.atomic
def unsubscribe(token: str) -> bool:
    """Deletes the subscription, address and all. True when there was one."""
    sub = Subscription.objects.filter(token=token).first()
    if sub is None:
        return False
    audit.record(
        "alerts.subscription.delete", "alerts.Subscription", sub.pk, before={"scope": sub.scope}, actor=SYSTEM
    )
    sub.delete()
    return True


@transaction.atomic
def purge_unconfirmed() -> int:
    cutoff = timezone.now() - timedelta(days=settings.G287_SUBSCRIPTION_CONFIRM_DAYS)
    stale = list(Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff))
    for sub in stale:
        audit.record(
            "alerts.subscription.expire",
            "alerts.Subscription",
            sub.pk,
            before={"scope": sub.scope},
            actor=SYSTEM,
        )
    Subscription.objects.filter(pk__in=[s.pk for s in stale]).delete()
    return len(stale)


def notify(change_set: ChangeSet) -> int:
    """Mails every confirmed subscriber whose state or agency the change set touches; returns how many."""
    states = {e.agreement.state for e in change_set.events}
    agencies = {e.agreement.agency_id for e in change_set.events}
    subs = Subscription.objects.filter(confirmed_at__isnull=False).filter(
        state__in=states
    ) | Subscription.objects.filter(confirmed_at__isnull=False, agency__in=agencies)
    messages = []
    for sub in subs:
        events = [
            e
            for e in change_set.events
            if (e.agreement.state == sub.state if sub.state else e.agreement.agency_id == sub.agency)
        ]
        unsubscribe_url = _site(reverse("alerts:unsubscribe", args=[sub.token]))
        lines = [f"- {e.get_kind_display()}: {e.agreement.name} ({e.agreement_id})" for e in events[:100]]
        if len(events) > 100:
            lines.append(f"- … and {len(events) - 100} more")
        body = (
            f"ICE published a new 287(g) list dated {change_set.snapshot.date:%Y-%m-%d}. For {scope_label(sub)}:\n\n"
            + "\n".join(lines)
            + f"\n\nAll changes: {change_set.changes_url()}\n\nUnsubscribe (one click): {unsubscribe_url}\n"
        )
        messages.append(
            EmailMessage(
                subject=f"287(g) changes for {scope_label(sub)}, ICE's list of {change_set.snapshot.date:%Y-%m-%d}",
                body=body,
                to=[sub.email],
                headers={
                    "List-Unsubscribe": f"<{unsubscribe_url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
