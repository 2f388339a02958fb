"""Review meetings under JEM and WSO agreements: the parties meet at least once a year, the first
review about 12 months after the agreement's start. The start is the MOA's signing date, or the day the
agreement first appeared on ICE's list when no signing date is known.

A meeting is due 12 months after the start, then 12 months after the last one held; it is overdue
from the day after that. Writes go through role, scope and the audit log."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from g287.accounts.actor import actor_of
from g287.accounts.roles import Perm, require
from g287.accounts.scoping import get_in_scope, restrict, scoped_write
from g287.officers.dates import add_years
from g287.officers.rules import RuleViolation
from g287.oversight.audit import audit, audit_snapshot
from g287.oversight.choices import MeetingKind
from g287.oversight.models import Meeting
from g287.registry.models import Agreement, Status

MEETING_MODELS = ("JEM", "WSO")


def start_of(agreement: Agreement) -> date | None:
    return agreement.signed or agreement.first_listed


@dataclass
class MeetingDue:
    agreement: Agreement
    start: date | None
    last_held: Meeting | None
    upcoming: Meeting | None
    due_on: date | None

    def overdue_on(self, day: date) -> bool:
        return self.due_on is not None and day > self.due_on

    def known_overdue_on(self, day: date, records_since: date | None) -> bool:
        """Overdue, and sure of it: a meeting held before the office began recording (records_since)
        would be missing from the database, so the overdue is certain only when the whole last year,
        or the agreement's whole life, lies in the recorded period."""
        if records_since is None or not self.overdue_on(day):
            return False
        whole_year = records_since <= add_years(day, -1) + timedelta(days=1)
        return whole_year or (self.start is not None and self.start >= records_since)

    def known_due_soon(self, day: date, until: date, records_since: date | None) -> bool:
        """Due between `day` and `until`, and sure of it: the year before the due date lies in the
        recorded period (or the agreement started inside it), so no earlier meeting can be missing."""
        if records_since is None or self.due_on is None or not day <= self.due_on <= until:
            return False
        whole_year = records_since <= add_years(self.due_on, -1) + timedelta(days=1)
        return whole_year or (self.start is not None and self.start >= records_since)


def due_after(start: date | None, last_held: date | None) -> date | None:
    if last_held is not None:
        return add_years(last_held, 1)
    return add_years(start, 1) if start is not None else None


def agreements_for(user: Any) -> QuerySet[Agreement]:
    return restrict(Agreement.objects.all(), user, "agency")


def schedule_for(agreements: Iterable[Agreement], as_of: date) -> list[MeetingDue]:
    agreements = list(agreements)
    held: dict[str, list[Meeting]] = defaultdict(list)
    upcoming: dict[str, list[Meeting]] = defaultdict(list)
    ids = [a.pk for a in agreements]
    for meeting in Meeting.objects.filter(agreement_id__in=ids).order_by("scheduled_on", "id"):
        if meeting.held_on is not None and meeting.held_on <= as_of:
            held[meeting.agreement_id].append(meeting)
        elif meeting.held_on is None:
            upcoming[meeting.agreement_id].append(meeting)
    out = []
    for agreement in agreements:
        last = max(held[agreement.pk], key=lambda m: m.held_on or as_of, default=None)
        start = start_of(agreement)
        out.append(
            MeetingDue(
                agreement=agreement,
                start=start,
                last_held=last,
                upcoming=upcoming[agreement.pk][0] if upcoming[agreement.pk] else None,
                due_on=due_after(start, last.held_on if last else None),
            )
        )
    return out


def meeting_schedule(user: Any, as_of: date) -> list[MeetingDue]:
    """Every active JEM or WSO agreement in the user's scope, with its next meeting due."""
    agreements = (
        agreements_for(user)
        .filter(status=Status.ACTIVE, model__in=MEETING_MODELS)
        .select_related("agency")
        .order_by("state", "name", "model")
    )
    return schedule_for(agreements, as_of)


def held_within_year(agreement_ids: Iterable[str], as_of: date) -> set[str]:
    """Agreements with a meeting held in the 12 months up to and including `as_of`."""
    since = add_years(as_of, -1)
    return set(
        Meeting.objects.filter(agreement_id__in=list(agreement_ids), held_on__gt=since, held_on__lte=as_of)
        .values_list("agreement_id", flat=True)
        .distinct()
    )


def _agreement(by: Any, agreement_id: str) -> Agreement:
    agreement = agreements_for(by).filter(pk=agreement_id).first()
    if agreement is None:
        raise Http404("No agreement matches the given query.")
    if agreement.model not in MEETING_MODELS:
        raise RuleViolation({"agreement": [_("Review meetings are kept for JEM and WSO agreements.")]})
    return agreement


def schedule(by: Any, agreement_id: str, on: date, kind: str = MeetingKind.ANNUAL) -> Meeting:
    require(by, Perm.OVERSIGHT_MEETINGS)
    if kind not in MeetingKind.values:
        raise RuleViolation({"kind": [_("Choose the kind of meeting.")]})
    with scoped_write(by) as guard:
        agreement = _agreement(by, agreement_id)
        start = start_of(agreement)
        if start is not None and on < start:
            raise RuleViolation(
                {
                    "scheduled_on": [
                        _("The meeting is before the agreement's start (%(start)s).") % {"start": start}
                    ]
                }
            )
        meeting = Meeting.objects.create(agreement=agreement, kind=kind, scheduled_on=on, created_by=by)
        audit(actor_of(by), "create", meeting, None)
        guard.check(meeting)
    return meeting


def record_held(by: Any, meeting_id: int, held_on: date, public_summary: str) -> Meeting:
    """The meeting took place; its summary is published on the public meetings page."""
    require(by, Perm.OVERSIGHT_MEETINGS)
    summary = public_summary.strip()
    with scoped_write(by) as guard:
        meeting = get_in_scope(Meeting.objects.select_for_update(), by, pk=meeting_id)
        errors: dict[str, list[str]] = {}
        if held_on > timezone.localdate():
            errors["held_on"] = [_("The meeting date is in the future: schedule it instead.")]
        start = start_of(meeting.agreement)
        if start is not None and held_on < start:
            errors["held_on"] = [
                _("The meeting is before the agreement's start (%(start)s).") % {"start": start}
            ]
        if not summary:
            errors["public_summary"] = [_("Write the public summary: what was reviewed and what was agreed.")]
        elif len(summary) > 5000:
            errors["public_summary"] = [_("Keep the summary under 5,000 characters.")]
        if errors:
            raise RuleViolation(errors)
        before = audit_snapshot(meeting)
        meeting.held_on = held_on
        meeting.public_summary = summary
        meeting.save()
        audit(actor_of(by), "update", meeting, before)
        guard.check(meeting)
    return meeting
