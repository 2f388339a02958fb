"""Termination and suspension notices on agreements, with the notice period each MOA sets for each
model and party (docs/domain.md; line numbers in ../shared/docs/moa/):

- JEM and TFM: the agency's termination (or suspension) takes effect on its written notice, with no
  notice period (HamiltonCoIN_JEM_MOA_03.03.2025.txt l.253-255; brevardCo_TFM_MOA_03.04.2025.txt
  l.286-288). ICE may suspend at once (Hamilton l.258-260; Brevard l.289-291). Only when ICE moves from
  suspension to termination does it give 90 days' notice (Hamilton l.276; Brevard l.307), and those
  MOAs allow no shorter period.
- WSO: either party ends or suspends on 90 days' written notice, taking effect 90 days after receipt
  unless exigent circumstances involving public safety dictate otherwise, which the record must explain
  (CrenshawCoAL_WSO_MOA_04.16.2025.txt l.241-246).

Every notice is public."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from g287.accounts.actor import actor_of
from g287.accounts.roles import Perm, require
from g287.accounts.scoping import get_in_scope, restrict, scoped_write
from g287.officers.rules import RuleViolation
from g287.oversight.audit import audit, audit_snapshot
from g287.oversight.choices import NoticeKind, NoticeParty
from g287.oversight.models import Notice
from g287.registry.models import Agreement

NOTICE_DAYS = 90


@dataclass(frozen=True)
class NoticeRule:
    days: int  # the notice period: effective this many days after receipt
    exigent_may_shorten: bool  # a shorter period is allowed with a stated public-safety reason
    text: str


def notice_rule(model: str, kind: str, given_by: str) -> NoticeRule:
    if model == "WSO":
        return NoticeRule(
            NOTICE_DAYS,
            True,
            "WSO: 90 days after receipt, unless exigent circumstances involving public safety dictate otherwise.",
        )
    if given_by == NoticeParty.AGENCY:
        return NoticeRule(0, False, "JEM/TFM: the agency's written notice takes effect when received.")
    if kind == NoticeKind.SUSPENSION:
        return NoticeRule(0, False, "JEM/TFM: ICE may suspend the agreement at once.")
    return NoticeRule(
        NOTICE_DAYS,
        False,
        "JEM/TFM: ICE gives 90 days' notice when it moves from suspension to termination.",
    )


def default_effective(received_on: date, rule: NoticeRule | None = None) -> date:
    return received_on + timedelta(days=rule.days if rule else NOTICE_DAYS)


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
    require(by, Perm.OVERSIGHT_NOTICES)
    agreement = restrict(Agreement.objects.all(), by, "agency").filter(pk=agreement_id).first()
    if agreement is None:
        raise Http404("No agreement matches the given query.")
    rule = notice_rule(agreement.model, kind, given_by)
    effective = effective_on or default_effective(received_on, rule)
    exigent_reason, summary = exigent_reason.strip(), summary.strip()
    errors: dict[str, list[str]] = {}
    if kind not in NoticeKind.values:
        errors["kind"] = [_("Choose termination or suspension.")]
    if given_by not in NoticeParty.values:
        errors["given_by"] = [_("Choose who gave the notice.")]
    if effective < received_on:
        errors["effective_on"] = [_("The notice cannot take effect before it was received.")]
    elif effective < default_effective(received_on, rule) and not rule.exigent_may_shorten:
        errors["effective_on"] = [
            _("%(rule)s It cannot take effect before %(date)s.")
            % {"rule": rule.text, "date": default_effective(received_on, rule)}
        ]
    elif effective < default_effective(received_on, rule) and not exigent_reason:
        errors["exigent_reason"] = [
            _("Less than %(days)s days' notice: explain the exigent circumstances involving public safety.")
            % {"days": rule.days}
        ]
    if errors:
        raise RuleViolation(errors)
    with scoped_write(by) as guard:
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
    require(by, Perm.OVERSIGHT_NOTICES)
    with scoped_write(by) as guard:
        notice = get_in_scope(Notice.objects.select_for_update(), by, pk=notice_id)
        if notice.withdrawn_on is not None:
            raise RuleViolation(
                {"on": [_("The notice was withdrawn on %(date)s.") % {"date": notice.withdrawn_on}]}
            )
        if on < notice.received_on:
            raise RuleViolation({"on": [_("The withdrawal is before the notice was received.")]})
        before = audit_snapshot(notice)
        notice.withdrawn_on = on
        notice.save()
        audit(actor_of(by), "update", notice, before)
        guard.check(notice)
    return notice


def public_notices() -> QuerySet[Notice]:
    return Notice.objects.select_related("agreement", "agreement__agency").order_by("-effective_on", "-id")
