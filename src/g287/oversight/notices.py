"""Termination and suspension notices on agreements. ICE gives 90 days' notice before terminating a
JEM or TFM agreement and publishes the decision; either party may end or suspend a WSO agreement on 90
days' written notice. A notice takes effect 90 days after it is received unless exigent circumstances
involving public safety dictate otherwise, which the record must explain. Every notice is public."""

from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from g287.accounts.actor import actor_of
from g287.accounts.scoping import get_in_scope, restrict, scoped_write
from g287.officers.rules import RuleViolation
from g287.oversight.audit import audit, audit_snapshot
from g287.oversight.choices import NoticeKind, NoticeParty
from g287.oversight.models import Notice
from g287.oversight.permissions import OCap, orequire
from g287.registry.models import Agreement

NOTICE_DAYS = 90


def default_effective(received_on: date) -> date:
    return received_on + timedelta(days=NOTICE_DAYS)


def record_notice(
    by: Any,
    agreement_id: str,
    kind: str,
    given_by: str,
    received_on: date,
    effective_on: date | None = None,
    exigent_reason: str = "",
    summary: str = "",
) -> Notice:
    orequire(by, OCap.NOTICES)
    effective = effective_on or default_effective(received_on)
    exigent_reason, summary = exigent_reason.strip(), summary.strip()
    errors: dict[str, list[str]] = {}
    if kind not in NoticeKind.values:
        errors["kind"] = ["Choose termination or suspension."]
    if given_by not in NoticeParty.values:
        errors["given_by"] = ["Choose who gave the notice."]
    if effective < received_on:
        errors["effective_on"] = ["The notice cannot take effect before it was received."]
    elif effective < default_effective(received_on) and not exigent_reason:
        errors["exigent_reason"] = [
            f"Less than {NOTICE_DAYS} days' notice: explain the exigent circumstances involving public safety."
        ]
    if errors:
        raise RuleViolation(errors)
    with scoped_write(by) as guard:
        agreement = restrict(Agreement.objects.all(), by, "agency").filter(pk=agreement_id).first()
        if agreement is None:
            raise Http404("No agreement matches the given query.")
        notice = Notice.objects.create(
            agreement=agreement,
            kind=kind,
            given_by=given_by,
            received_on=received_on,
            effective_on=effective,
            exigent_reason=exigent_reason,
            summary=summary,
            created_by=by,
        )
        audit(actor_of(by), "create", notice, None)
        guard.check(notice)
    return notice


def withdraw_notice(by: Any, notice_id: int, on: date) -> Notice:
    orequire(by, OCap.NOTICES)
    with scoped_write(by) as guard:
        notice = get_in_scope(Notice.objects.select_for_update(), by, pk=notice_id)
        if notice.withdrawn_on is not None:
            raise RuleViolation({"on": [f"The notice was withdrawn on {notice.withdrawn_on}."]})
        if on < notice.received_on:
            raise RuleViolation({"on": ["The withdrawal is before the notice was received."]})
        before = audit_snapshot(notice)
        notice.withdrawn_on = on
        notice.save()
        audit(actor_of(by), "update", notice, before)
        guard.check(notice)
    return notice


def public_notices() -> QuerySet[Notice]:
    return Notice.objects.select_related("agreement", "agreement__agency").order_by("-effective_on", "-id")
