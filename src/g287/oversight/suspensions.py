"""A complaint that may lead to discipline takes the officer concerned out of the program from the day
it is flagged until the day it is resolved (the MOAs: "remove the designated LEA personnel from the
program, until such time that the LEA has adjudicated the allegation"). The officers app asks this
through `g287.officers.status.suspension_sources`, so `status_on` and with it the money rules see it."""

from collections import defaultdict
from collections.abc import Collection
from datetime import date

from django.db.models import Q, QuerySet

from g287.oversight.choices import CaseStatus
from g287.oversight.models import Complaint


def suspending(day: date) -> QuerySet[Complaint]:
    """Complaints that keep their officer suspended on `day`: [suspended_from, resolved_on)."""
    return Complaint.objects.filter(
        officer__isnull=False,
        may_lead_to_discipline=True,
        suspended_from__isnull=False,
        suspended_from__lte=day,
    ).filter(~Q(status=CaseStatus.RESOLVED) | Q(resolved_on__gt=day))


def suspended_officer_ids(day: date) -> set[int]:
    return {pk for pk in suspending(day).values_list("officer_id", flat=True) if pk is not None}


def suspension_spans(officer_ids: Collection[int] | None) -> dict[int, list[tuple[date, date | None]]]:
    """For the officers app: each officer's suspensions as [start, end) spans, end None while open.
    Suspensions are few, so all are read and the ids filtered here: the funding engine may ask for
    tens of thousands of officers at once, more than a database takes as query parameters."""
    return {pk: [(lo, hi) for lo, hi, _receipt in found] for pk, found in _suspensions(officer_ids).items()}


def suspension_reasons(
    officer_ids: Collection[int] | None,
) -> dict[int, list[tuple[date, date | None, str]]]:
    """For the officers app: the same spans, each with its reason in words for claim findings."""
    return {
        pk: [(lo, hi, _reason(receipt, lo, hi)) for lo, hi, receipt in found]
        for pk, found in _suspensions(officer_ids).items()
    }


def _reason(receipt: str, start: date, end: date | None) -> str:
    until = f" until its resolution on {end.isoformat()}" if end is not None else ""
    return f"suspended pending complaint {receipt} from {start.isoformat()}{until}"


def _suspensions(officer_ids: Collection[int] | None) -> dict[int, list[tuple[date, date | None, str]]]:
    wanted = None if officer_ids is None else set(officer_ids)
    rows = Complaint.objects.filter(
        officer__isnull=False, may_lead_to_discipline=True, suspended_from__isnull=False
    ).values_list("officer_id", "suspended_from", "status", "resolved_on", "receipt")
    spans: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
    for officer_id, start, status, resolved_on, receipt in rows:
        if officer_id is None or start is None or (wanted is not None and officer_id not in wanted):
            continue
        end = resolved_on if status == CaseStatus.RESOLVED else None
        if end is None or end > start:
            spans[officer_id].append((start, end, receipt))
    return dict(spans)
