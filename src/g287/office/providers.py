"""The work queue's built-in providers, one per kind of waiting work. Each applies the user's role
(the app's own capability check) and scope (`for_user`), as the list it links to does."""

from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from g287.accounts.roles import Cap, can
from g287.accounts.scoping import agencies_for
from g287.core.models import AuditEntry
from g287.funding.models import Claim, ClaimStatus
from g287.funding.permissions import FCap, fcan
from g287.office.queue import QueueItem
from g287.officers.compliance import HORIZONS
from g287.officers.models import Certification
from g287.officers.status import certified_on
from g287.oversight import meetings, records
from g287.oversight.clocks import ClockState, clocks_for
from g287.oversight.models import Complaint, Notice, RecordedMeasure
from g287.oversight.permissions import OCap, ocan
from g287.registry.duplicates import open_pair_count
from g287.registry.models import Status
from g287.sources.attention import failed_fetches_needing_attention

NOTICE_HORIZON_DAYS = 30
MEETING_HORIZON_DAYS = 30


def _claims_url(status: str) -> str:
    return f"{reverse('funding:claims')}?status={status}"


def claims(user: Any, now: datetime) -> Iterator[QueueItem]:
    if not fcan(user, FCap.VIEW):
        return
    counts = Counter(
        dict(
            Claim.objects.for_user(user)
            .filter(is_current=True)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
    )
    if fcan(user, FCap.REVIEW):
        yield QueueItem(
            "claims_submitted",
            _("Claims submitted, waiting for a reviewer"),
            counts[ClaimStatus.SUBMITTED],
            _claims_url(ClaimStatus.SUBMITTED),
        )
        yield QueueItem(
            "claims_in_review",
            _("Claims in review, waiting for approval"),
            counts[ClaimStatus.IN_REVIEW],
            _claims_url(ClaimStatus.IN_REVIEW),
        )
    if fcan(user, FCap.PAY):
        unpaid = (
            (ClaimStatus.APPROVED, _("Claims approved, waiting for payment")),
            (ClaimStatus.PARTIALLY_APPROVED, _("Claims partially approved, waiting for payment")),
        )
        for status, label in unpaid:
            yield QueueItem(f"claims_{status}_unpaid", label, counts[status], _claims_url(status))
    if fcan(user, FCap.PREPARE) and not fcan(user, FCap.REVIEW):  # the agency's side of the work
        yield QueueItem(
            "claims_returned",
            _("Claims returned to your agency for correction"),
            counts[ClaimStatus.RETURNED],
            _claims_url(ClaimStatus.RETURNED),
        )
        yield QueueItem(
            "claims_draft",
            _("Draft claims not yet submitted"),
            counts[ClaimStatus.DRAFT],
            _claims_url(ClaimStatus.DRAFT),
        )


def complaints(user: Any, now: datetime) -> Iterator[QueueItem]:
    if not ocan(user, OCap.VIEW):
        return
    open_cases = Complaint.objects.for_user(user).exclude(
        status="resolved", outcome_reported_on__isnull=False
    )
    overdue = running = 0
    for case in open_cases:
        states = {clock.state for clock in clocks_for(case, now)}
        if ClockState.OVERDUE in states:
            overdue += 1
        elif ClockState.RUNNING in states:
            running += 1
    url = reverse("oversight:office_complaints")
    yield QueueItem(
        "complaints_overdue", _("Complaints with a clock overdue"), overdue, f"{url}?clock=overdue"
    )
    yield QueueItem(
        "complaints_running", _("Complaints with a clock running"), running, f"{url}?clock=running"
    )


def certifications(user: Any, now: datetime) -> Iterator[QueueItem]:
    if not can(user, Cap.VIEW):
        return
    today = timezone.localdate(now)
    upcoming = Certification.objects.for_user(user).filter(
        ended_on__isnull=True,
        expires_on__gt=today,
        expires_on__lte=today + timedelta(days=max(HORIZONS)),
        officer__separated_on__isnull=True,
    )
    by_horizon = dict.fromkeys(HORIZONS, 0)
    for expires in upcoming.values_list("expires_on", flat=True):
        assert expires is not None  # filtered above
        left = (expires - today).days
        by_horizon[next(days for days in HORIZONS if left <= days)] += 1
    url = reverse("officers:compliance")
    low = 0
    for days in HORIZONS:
        label = (
            _("Certifications expiring within %(days)d days") % {"days": days}
            if not low
            else _("Certifications expiring in %(low)d to %(days)d days") % {"low": low + 1, "days": days}
        )
        yield QueueItem(f"certifications_expiring_{days}", label, by_horizon[days], f"{url}#expiring-{days}")
        low = days
    without = (
        agencies_for(user)
        .filter(agreements__status=Status.ACTIVE)
        .exclude(pk__in=certified_on(today).values("agency_id"))
        .distinct()
        .count()
    )
    yield QueueItem(
        "agencies_without_certified",
        _("Agencies with an agreement in force and no certified officer"),
        without,
        f"{url}#without-certified",
    )


def meetings_due(user: Any, now: datetime) -> Iterator[QueueItem]:
    """Meetings overdue or due soon, counted only where the office's records cover the year in
    question ("records since" for meetings): before that a missing meeting is not a missed one."""
    if not ocan(user, OCap.VIEW):
        return
    today = timezone.localdate(now)
    horizon = today + timedelta(days=MEETING_HORIZON_DAYS)
    since = records.records_since().get(RecordedMeasure.MEETINGS)
    url = reverse("oversight:office_meetings")
    if since is None:
        if ocan(user, OCap.RECORDS_SINCE):
            yield QueueItem(
                "meetings_not_recorded",
                _("Review meetings are not recorded yet: set since when they are"),
                1,
                reverse("oversight:office_records_since"),
            )
        return
    schedule = meetings.meeting_schedule(user, today)
    overdue = sum(1 for m in schedule if m.known_overdue_on(today, since))
    soon = sum(1 for m in schedule if m.known_due_soon(today, horizon, since))
    yield QueueItem("meetings_overdue", _("Review meetings overdue"), overdue, f"{url}?overdue=1")
    yield QueueItem(
        "meetings_due_soon",
        _("Review meetings due within %(days)d days") % {"days": MEETING_HORIZON_DAYS},
        soon,
        url,
    )


def notices_taking_effect(user: Any, now: datetime) -> Iterator[QueueItem]:
    if not ocan(user, OCap.VIEW):
        return
    today = timezone.localdate(now)
    count = (
        Notice.objects.for_user(user)
        .filter(
            withdrawn_on__isnull=True,
            effective_on__gte=today,
            effective_on__lte=today + timedelta(days=NOTICE_HORIZON_DAYS),
        )
        .count()
    )
    yield QueueItem(
        "notices_taking_effect",
        _("Notices taking effect within %(days)d days") % {"days": NOTICE_HORIZON_DAYS},
        count,
        reverse("oversight:office_notices"),
    )


def _open_pair_count() -> int:
    """The candidate pairs take the whole continuity plan (about half a second) and change only with a
    write that the audit log records (an import, a merge or keep-apart, an FBI link), so the count is
    kept under the newest audit entry's hash instead of being recomputed on every office home."""
    newest = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    key = f"office:duplicate-pairs:{newest}"
    count = cache.get(key)
    if count is None:
        count = open_pair_count()
        cache.set(key, count)
    return int(count)


def duplicate_agencies(user: Any, now: datetime) -> Iterator[QueueItem]:
    if not can(user, Cap.IDENTITY):
        return
    url = reverse("portal:staff_duplicates")
    yield QueueItem("possible_duplicate_agencies", _("Agencies that may be one"), _open_pair_count(), url)


def failed_fetches(user: Any, now: datetime) -> Iterator[QueueItem]:
    if not can(user, Cap.FETCH_ACT):
        return
    url = reverse("sources:fetch_log")
    yield QueueItem(
        "failed_fetches", _("Failed fetches of ICE's lists"), failed_fetches_needing_attention(), url
    )
