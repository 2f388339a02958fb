"""Point-in-time questions about officers, for pages, the API and the funding rules.

status_on(officer, day, model=None) -> DayStatus
is_certified_on(officer, day, model=None) -> bool
certified_days(officer, start, end, model=None) -> int          # both ends included
certified_days_for(officers, start, end, model=None) -> {officer id: days}   # two queries in all
certified_on(day, model=None) -> QuerySet[Officer]               # combine with .for_user(user)
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from datetime import date

from django.db.models import QuerySet

from g287.officers.models import Certification, EndReason, Officer, OfficerStatus
from g287.officers.timeline import DayStatus, History, Period, certified_day_count, status_at


def period_of(cert: Certification) -> Period:
    ends = [d for d in (cert.expires_on, cert.ended_on) if d is not None]
    end = min(ends) if ends else None
    revoked = cert.end_reason == EndReason.REVOKED and cert.ended_on is not None and cert.ended_on == end
    return Period(cert.model, cert.authorized_on, end, revoked)


def history_from(
    officer: Officer, certifications: Iterable[Certification], passes: Iterable[tuple[str, date]]
) -> History:
    return History(
        nominated_on=officer.nominated_on,
        reviewed_on=officer.reviewed_on,
        approved=None if officer.reviewed_on is None else officer.status != OfficerStatus.REJECTED,
        trained=tuple(passes),
        disqualified_on=officer.disqualified_on,
        separated_on=officer.separated_on,
        periods=tuple(period_of(c) for c in certifications),
    )


def history_of(officer: Officer) -> History:
    """Uses prefetched `certifications` and `exams` when the queryset has them."""
    certs = officer.certifications.all()
    passes = [(e.model, e.taken_on) for e in officer.exams.all() if e.passed]
    return history_from(officer, certs, passes)


# Other apps may take a certified officer out of the program for a while without touching the
# certification history (oversight: a complaint that may lead to discipline, until it is resolved).
# A source maps officer ids (None: every officer) to the half-open [start, end) spans (end None: still
# suspended) in which they are suspended. Suspended days are not certified: status_on says SUSPENDED,
# the day counts and certified_on leave them out, so the money rules see it. Registered in ready().
Spans = dict[int, list[tuple[date, date | None]]]
suspension_sources: list[Callable[[Collection[int] | None], Spans]] = []


# The same spans with the reason each one is on record for, in words ("suspended pending complaint
# C-123 from 2026-01-10"), so findings can say why days are missing instead of "not certified".
Reasons = dict[int, list[tuple[date, date | None, str]]]
suspension_reason_sources: list[Callable[[Collection[int] | None], Reasons]] = []


def suspension_reasons(officer_ids: Collection[int] | None, start: date, end: date) -> Reasons:
    """The officers' (None: every officer's) suspensions that meet [start, end] (both included), with
    their reasons."""
    found: Reasons = defaultdict(list)
    for source in suspension_reason_sources:
        for pk, spans in source(officer_ids).items():
            for lo, hi, reason in spans:
                if lo <= end and (hi is None or hi > start):
                    found[pk].append((lo, hi, reason))
    return dict(found)


def suspensions(officer_ids: Collection[int] | None) -> Spans:
    found: Spans = defaultdict(list)
    for source in suspension_sources:
        for pk, spans in source(officer_ids).items():
            found[pk].extend(spans)
    return found


def without_suspensions(
    periods: Iterable[Period], spans: Iterable[tuple[date, date | None]]
) -> tuple[Period, ...]:
    """The periods with the suspended days cut out."""
    out = list(periods)
    for lo, hi in spans:
        cut: list[Period] = []
        for p in out:
            if (p.end is not None and p.end <= lo) or (hi is not None and p.start >= hi):
                cut.append(p)  # does not meet the span
                continue
            if p.start < lo:
                cut.append(Period(p.model, p.start, lo))
            if hi is not None and (p.end is None or p.end > hi):
                cut.append(Period(p.model, hi, p.end, p.revoked))
        out = cut
    return tuple(out)


def status_on(officer: Officer, day: date, model: str | None = None) -> DayStatus:
    status = status_at(history_of(officer), day, model)
    spans = suspensions([officer.pk]).get(officer.pk, [])
    if status is DayStatus.CERTIFIED and any(lo <= day and (hi is None or day < hi) for lo, hi in spans):
        return DayStatus.SUSPENDED
    return status


def is_certified_on(officer: Officer, day: date, model: str | None = None) -> bool:
    return status_on(officer, day, model) is DayStatus.CERTIFIED


def certified_days(officer: Officer, start: date, end: date, model: str | None = None) -> int:
    history = history_of(officer)
    periods = without_suspensions(history.periods, suspensions([officer.pk]).get(officer.pk, []))
    return certified_day_count(replace(history, periods=periods), start, end, model)


def certified_days_for(
    officers: QuerySet[Officer], start: date, end: date, model: str | None = None
) -> dict[int, int]:
    """Certified days in [start, end] for every officer of the queryset (0 for those never certified)."""
    rows = list(officers.values_list("pk", "nominated_on", "separated_on"))
    certs: dict[int, list[Period]] = defaultdict(list)
    query = Certification.objects.filter(officer__in=officers.values("pk"), authorized_on__lte=end)
    if model is not None:
        query = query.filter(model=model)
    for cert in query.only("officer_id", "model", "authorized_on", "expires_on", "ended_on", "end_reason"):
        certs[cert.officer_id].append(period_of(cert))
    suspended = suspensions([pk for pk, _n, _s in rows]) if suspension_sources else {}
    return {
        pk: certified_day_count(
            History(
                nominated_on=nominated,
                separated_on=separated,
                periods=without_suspensions(certs[pk], suspended.get(pk, [])),
            ),
            start,
            end,
            model,
        )
        for pk, nominated, separated in rows
    }


def certified_on(day: date, model: str | None = None) -> QuerySet[Officer]:
    covering = Certification.objects.covering(day)
    if model is not None:
        covering = covering.filter(model=model)
    suspended = [
        pk
        for pk, spans in suspensions(None).items()
        if any(lo <= day and (hi is None or day < hi) for lo, hi in spans)
    ]
    return (
        Officer.objects.filter(pk__in=covering.values("officer_id"))
        .exclude(separated_on__lte=day)
        .exclude(pk__in=suspended)
    )
