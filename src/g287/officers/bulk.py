"""Certification questions for many officers at once, answered by the database in one query each.

`status.certified_days_for` builds every officer's history in Python, which is right for a page and
too slow for a national settlement (100,000 officers). These functions give the same answers as
`status.certified_days` and `status.certified_on`, as set-based SQL:

certified_days_bulk(officers, start, end, model=None) -> {officer id: days > 0}   # both ends included
certified_officers_by_agency(start, end, models) -> {agency id: officers certified on some day}

Suspensions (status.suspension_sources: e.g. an open complaint that may lead to discipline) concern few
officers: their answers are recomputed one by one with the `status` functions, which cut them out.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from g287.officers.models import Certification, Officer
from g287.officers.status import certified_days_for, suspensions


def _days_between(later: str, earlier: str) -> str:
    """SQL for the whole days from `earlier` to `later` (dates)."""
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    if connection.vendor == "sqlite":
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
    raise NotImplementedError(f"certified_days_bulk: no day arithmetic for {connection.vendor}")


def certified_days_bulk(
    officers: QuerySet[Officer], start: date, end: date, model: str | None = None
) -> dict[int, int]:
    """Certified days in [start, end] for the officers of the queryset, as `certified_days` counts
    them: the union of their periods (for `model`, or any model), cut at separation. Officers with no
    certified day are left out (read a missing officer as 0)."""
    if end < start:
        return {}
    # Every period becomes a half-open span [lo, hi) of dates clipped to the window [start, stop),
    # stop being the day after `end`; its end is the earliest of expiry, end and separation. Dates
    # compare as dates on PostgreSQL and as ISO text on SQLite, so the clipping needs no arithmetic;
    # days are counted once per span, at the end. Overlapping spans of one officer are merged without
    # a self-join: in order of lo, a span adds only what lies beyond the highest hi of the spans before
    # it (they all start no later, so their union reaches exactly that far). Spans with equal lo may
    # come in any order: the sum is the same.
    greatest, least = ("GREATEST", "LEAST") if connection.vendor == "postgresql" else ("MAX", "MIN")
    cast = "::date" if connection.vendor == "postgresql" else ""
    try:
        # Without the model's default ordering, which would only make the database sort the subquery.
        officer_sql, officer_params = officers.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # officers.none(), or a filter that can match nothing
        return {}
    cert = connection.ops.quote_name(Certification._meta.db_table)
    off = connection.ops.quote_name(Officer._meta.db_table)
    stop = f"%(stop)s{cast}"
    lo = f"{greatest}(c.authorized_on, %(start)s{cast})"
    ends = [f"COALESCE({column}, {stop})" for column in ("c.expires_on", "c.ended_on", "o.separated_on")]
    hi = f"{least}({', '.join(ends)}, {stop})"
    model_filter = "AND c.model = %(model)s" if model is not None else ""
    added = _days_between("hi", f"{greatest}(lo, COALESCE(reach, lo))")
    sql = f"""
        WITH spans AS (
            SELECT c.officer_id AS officer_id, {lo} AS lo, {hi} AS hi
            FROM {cert} c JOIN {off} o ON o.id = c.officer_id
            WHERE c.authorized_on <= %(end)s {model_filter}
              AND c.officer_id IN ({officer_sql.replace("%s", "%%s")})
        ), ordered AS (
            SELECT officer_id, lo, hi,
                   MAX(hi) OVER (PARTITION BY officer_id ORDER BY lo
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
            FROM spans WHERE hi > lo
        )
        SELECT officer_id, SUM({greatest}({added}, 0)) AS days
        FROM ordered GROUP BY officer_id
    """
    # Named parameters for the window, positional ones from the officers' subquery: psycopg and
    # sqlite3 both take one style per statement, so the subquery's are renamed.
    names = [f"p{i}" for i in range(len(officer_params))]
    for name in names:
        sql = sql.replace("%%s", f"%({name})s", 1)
    params: dict[str, Any] = dict(zip(names, officer_params, strict=True))
    params.update(start=start, end=end, stop=end + timedelta(days=1))
    if model is not None:
        params["model"] = model
    if connection.vendor == "sqlite":
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {officer_id: int(days) for officer_id, days in cursor.fetchall() if days and days > 0}
    anyone_suspended = _suspended_officers()
    suspended = [pk for pk in found if pk in anyone_suspended]
    if suspended:
        exact = certified_days_for(Officer.objects.filter(pk__in=suspended), start, end, model)
        for pk in suspended:
            if exact.get(pk, 0) > 0:
                found[pk] = exact[pk]
            else:
                del found[pk]
    return found


def _suspended_officers() -> set[int]:
    return {pk for pk, spans in suspensions(None).items() if spans}


def certified_officers_by_agency(
    start: date, end: date, models: Sequence[str], agency_ids: Sequence[str] | None = None
) -> dict[str, int]:
    """How many officers of each agency were certified under any of `models` on at least one day of
    [start, end] (start == end: on that day, as `certified_on` answers). Agencies with none are left
    out."""
    if end < start or not models:
        return {}
    # A period [authorized, min(expires, ended, separated)) meets the window [start, end] when it
    # starts by `end` and every one of its ends comes after both its start and `start`.
    query = Certification.objects.filter(model__in=list(models), authorized_on__lte=end)
    for field in ("expires_on", "ended_on", "officer__separated_on"):
        query = query.filter(
            Q(**{f"{field}__isnull": True})
            | (Q(**{f"{field}__gt": start}) & Q(**{f"{field}__gt": F("authorized_on")}))
        )
    if agency_ids is not None:
        query = query.filter(officer__agency_id__in=list(agency_ids))
    rows = query.values("officer__agency_id").annotate(n=Count("officer_id", distinct=True))
    counts = {agency_id: n for agency_id, n in rows.values_list("officer__agency_id", "n")}
    suspended = set(query.filter(officer_id__in=_suspended_officers()).values_list("officer_id", flat=True))
    if suspended:
        # Counted above by their certifications alone: keep those with a certified day left.
        still: set[int] = set()
        for model in models:
            days = certified_days_for(Officer.objects.filter(pk__in=suspended), start, end, model)
            still |= {pk for pk, n in days.items() if n > 0}
        for agency_id in Officer.objects.filter(pk__in=suspended - still).values_list("agency_id", flat=True):
            counts[agency_id] -= 1
            if not counts[agency_id]:
                del counts[agency_id]
    return counts
