"""Since when each obligation is recorded in g287 ("records since", per measure). A public measure
counts only what falls on or after its date and says "not recorded" before it or when none is set."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from g287.accounts.actor import actor_of
from g287.accounts.roles import Perm, require
from g287.officers.rules import RuleViolation
from g287.oversight.audit import audit, audit_snapshot
from g287.oversight.models import RecordedMeasure, RecordsSince

NOT_RECORDED = "not recorded"


def records_since() -> dict[str, date]:
    return dict(RecordsSince.objects.values_list("measure", "since"))


def recorded_on(since: dict[str, date], measure: str, day: date) -> bool:
    """Whether `day` falls in the recorded period of `measure`."""
    start = since.get(measure)
    return start is not None and start <= day


def set_records_since(by: Any, measure: str, since: date) -> RecordsSince:
    require(by, Perm.OVERSIGHT_RECORDS_SINCE)
    if measure not in RecordedMeasure.values:
        raise RuleViolation({"measure": [_("Choose meetings, training or complaints.")]})
    if since > timezone.localdate():
        raise RuleViolation(
            {"since": [_("The date is in the future: records cannot start later than today.")]}
        )
    if since.year < 2000:
        raise RuleViolation({"since": [_("Enter a date after 2000-01-01.")]})
    with transaction.atomic():
        row = RecordsSince.objects.select_for_update().filter(measure=measure).first()
        before = audit_snapshot(row) if row else None
        if row is None:
            row = RecordsSince(measure=measure)
        row.since, row.set_by, row.set_at = since, by, timezone.now()
        row.save()
        audit(actor_of(by), "update" if before else "create", row, before)
    return row


def clear_records_since(by: Any, measure: str) -> None:
    require(by, Perm.OVERSIGHT_RECORDS_SINCE)
    with transaction.atomic():
        row = RecordsSince.objects.select_for_update().filter(measure=measure).first()
        if row is not None:
            before = audit_snapshot(row)
            audit(actor_of(by), "delete", row, before)
            row.delete()
