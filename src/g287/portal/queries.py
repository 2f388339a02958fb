"""What the portal shows, computed from the registry: dashboard aggregates, per-state summaries, facets,
pagination and agency histories.

Aggregates depend only on the snapshots imported, so they are cached under the newest snapshots' order
keys: an import changes the key, and a request never recomputes what the last one already did.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Count, QuerySet

from g287.portal.coverage import agency_geo, links_stamp
from g287.portal.filters import AgreementFilters
from g287.portal.records import event_record, state_name
from g287.portal.records import source as source  # the pages and the API read it from here too
from g287.registry.models import Agency, Agreement, Event, Snapshot
from g287.registry.queries import latest_snapshot, rows_at, snapshot_as_of, stats_at, timeseries

DEFAULT_BASELINE = date(2025, 1, 20)
RECENT_EVENTS = 12
TOP_STATES = 10
CHANGES_WINDOW = timedelta(days=7)


class PageError(LookupError):
    """A page number past the last page."""


@dataclass
class Page:
    number: int
    per_page: int
    count: int
    items: list[Any]

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.count else 0

    @property
    def end(self) -> int:
        return min(self.count, self.number * self.per_page)


def paginate(
    qs: QuerySet[Any], number: int, per_page: int, read: Callable[[QuerySet[Any]], list[Any]] = list
) -> Page:
    """One page of `qs`, its rows made by `read`; page 1 of an empty result is an empty page, any page
    past the end an error."""
    count = qs.count()
    page = Page(number, per_page, count, [])
    if number < 1 or number > page.pages:
        raise PageError(f"page {number} does not exist; there are {page.pages} page(s)")
    offset = (number - 1) * per_page
    page.items = read(qs[offset : offset + per_page])
    return page


# --- facets -----------------------------------------------------------------------------------------

FACETS: tuple[str, ...] = ("state", "model", "type", "status")


def facets(filters: AgreementFilters) -> dict[str, list[tuple[str, int]]]:
    """Counts per value of each facet, with every other filter applied, largest first."""
    out: dict[str, list[tuple[str, int]]] = {}
    for facet in FACETS:
        rows = filters.queryset(without=facet).order_by().values(facet).annotate(n=Count("id"))
        counts = [((r[facet] or "unknown") if facet == "type" else r[facet], r["n"]) for r in rows]
        out[facet] = sorted(counts, key=lambda p: (-p[1], p[0]))
    return out


# --- dashboard ----------------------------------------------------------------------------------------


def _key(snapshot: Snapshot | None) -> str:
    return snapshot.order_key if snapshot else "-"


def dashboard(since: date = DEFAULT_BASELINE) -> dict[str, Any]:
    """Everything the dashboard shows, computed once per (newest lists, baseline list)."""
    latest, pending = latest_snapshot(), latest_snapshot("pending")
    baseline = snapshot_as_of(since)
    cache_key = f"portal:dashboard2:{_key(latest)}:{_key(pending)}:{_key(baseline)}"
    cached = cache.get(cache_key)
    if cached is not None:
        result: dict[str, Any] = cached
        return _with_since(result, since)
    now = stats_at(latest, pending)
    then = stats_at(baseline, None) if baseline else None
    before = then["agreements"] if then else 0
    growth = round((now["agreements"] - before) / before * 100) if before else None
    by_state = now["by_state"]
    top = sorted(by_state.items(), key=lambda p: (-p[1], p[0]))[:TOP_STATES]
    events = Event.objects.select_related("agreement").order_by("-order_key", "agreement_id", "-id")
    result = {
        "source": source(latest),
        "pending_source": source(pending),
        "agreements": now["agreements"],
        "agencies": now["agencies"],
        "states": now["states"],
        "pending": now["pending"],
        "pending_signed": now["pending_signed"],
        "pending_stale": now["pending_stale"],
        "by_model": now["by_model"],
        "by_type": now["by_type"],
        "by_state": by_state,
        "top_states": [{"state": c, "name": state_name(c), "agreements": n} for c, n in top],
        "baseline": {
            "date": since.isoformat(),
            "agreements": before,
            "source": source(baseline),
        },
        "growth_percent": growth,
        "series": timeseries(),
        "recent_events": [event_record(e) for e in events[:RECENT_EVENTS]],
    }
    cache.set(cache_key, result)
    return _with_since(result, since)


def _with_since(result: dict[str, Any], since: date) -> dict[str, Any]:
    # Dates that fall back to the same list share one cache entry; the date itself is the reader's.
    return {
        **result,
        "since": since.isoformat(),
        "baseline": {**result["baseline"], "date": since.isoformat()},
    }


# --- growth between any two dates ----------------------------------------------------------------------


def _point(day: date) -> dict[str, Any]:
    snapshot = snapshot_as_of(day)
    count = stats_at(snapshot, None)["agreements"] if snapshot else 0
    return {"date": day.isoformat(), "agreements": count, "snapshot": source(snapshot)}


def growth(start: date, end: date) -> dict[str, Any]:
    """Agreements on the participating lists in force at two dates, and the change between them.
    `percent` (one decimal) is None when there were none at the start: growth from nothing has no rate."""
    before, after = _point(start), _point(end)
    change = after["agreements"] - before["agreements"]
    percent = round(change / before["agreements"] * 100, 1) if before["agreements"] else None
    return {"from": before, "to": after, "change": change, "percent": percent}


def pending_series() -> list[dict[str, Any]]:
    """Requests on each pending list (the day's last list), for the growth chart."""
    latest = latest_snapshot("pending")
    if latest is None:
        return []
    cache_key = f"portal:pending-series:{latest.order_key}"
    cached = cache.get(cache_key)
    if cached is not None:
        return list(cached)
    by_day: dict[str, int] = {}
    for day, count in (
        Snapshot.objects.filter(kind="pending").order_by("order_key").values_list("date", "agreement_count")
    ):
        by_day[day.isoformat()] = count  # a later list of the same day replaces an earlier one
    series = [{"date": d, "pending": n} for d, n in by_day.items()]
    cache.set(cache_key, series)
    return series


# Dates the growth chart marks: the change of administration, and ICE's incentives for participating
# agencies (performance awards and reimbursements from fiscal year 2026, which began 2025-10-01).
MILESTONES: tuple[tuple[str, str], ...] = (
    ("2025-01-20", "inauguration"),
    ("2025-10-01", "incentives"),
)


# --- states -------------------------------------------------------------------------------------------


def state_summaries() -> dict[str, dict[str, Any]]:
    """Per state, from the newest participating list: agreements by model and by type, and agencies."""
    latest = latest_snapshot()
    cache_key = f"portal:states:{_key(latest)}"
    cached = cache.get(cache_key)
    if cached is not None:
        summaries: dict[str, dict[str, Any]] = cached
        return summaries
    by_model: dict[str, Counter[str]] = {}
    by_type: dict[str, Counter[str]] = {}
    agencies: dict[str, set[str]] = {}
    for agreement, values in rows_at(latest).items():
        state = agreement[:2]
        agency, model = agreement.rsplit("#", 1)
        by_model.setdefault(state, Counter({"JEM": 0, "TFM": 0, "WSO": 0}))[model] += 1
        by_type.setdefault(state, Counter({"county": 0, "municipality": 0, "state": 0}))[
            values.type or "unknown"
        ] += 1
        agencies.setdefault(state, set()).add(agency)
    summaries = {
        state: {
            "state": state,
            "name": state_name(state),
            "agreements": sum(by_model[state].values()),
            "agencies": len(agencies[state]),
            "by_model": dict(by_model[state]),
            "by_type": dict(by_type[state]),
        }
        for state in sorted(by_model)
    }
    cache.set(cache_key, summaries)
    return summaries


def state_detail(code: str) -> dict[str, Any]:
    """A state's figures today, its series over time, and its agencies with their agreements; cached
    per newest lists (a pending list changes statuses too)."""
    latest, pending = latest_snapshot(), latest_snapshot("pending")
    # The agencies' ORIs and counties change with matching and people's decisions, not with the lists.
    cache_key = f"portal:state:{_key(latest)}:{_key(pending)}:{links_stamp()}:{code}"
    cached = cache.get(cache_key)
    if cached is not None:
        detail: dict[str, Any] = cached
        return detail
    summary = state_summaries().get(
        code,
        {"state": code, "name": state_name(code), "agreements": 0, "agencies": 0,
         "by_model": {"JEM": 0, "TFM": 0, "WSO": 0}, "by_type": {"county": 0, "municipality": 0, "state": 0}},
    )  # fmt: skip
    agencies = []
    rows = list(Agency.objects.filter(state=code).prefetch_related("agreements").order_by("name"))
    geo = agency_geo([a.id for a in rows])
    for agency in rows:
        agreements = sorted(agency.agreements.all(), key=lambda a: a.model)
        link = geo.get(agency.id, {})
        agencies.append(
            {
                "id": agency.id,
                "state": agency.state,
                "name": agency.name,
                "type": agency.type,
                "county": agency.county,
                "ori": link.get("ori"),
                "county_fips": link.get("county_fips", []),
                "agreements": [{"id": a.id, "model": a.model, "status": a.status} for a in agreements],
                "active": any(a.status == "active" for a in agreements),
            }
        )
    series = [p for p in timeseries(code) if p["total"] or p["date"] >= "2025-01-01"]
    detail = {**summary, "source": source(latest), "series": series, "agency_list": agencies}
    cache.set(cache_key, detail)
    return detail


# --- agencies -----------------------------------------------------------------------------------------


def agency_events(agency: Agency) -> QuerySet[Event]:
    return (
        Event.objects.filter(agreement__agency=agency)
        .select_related("agreement", "snapshot")
        .order_by("-order_key", "agreement_id", "-id")
    )


def agency_agreements(agency: Agency) -> list[Agreement]:
    return sorted(agency.agreements.all(), key=lambda a: a.model)


# --- changes ------------------------------------------------------------------------------------------


def default_change_range() -> tuple[date, date]:
    """The last week of data: a week before the newest list up to it (today when there is none)."""
    latest = latest_snapshot()
    end = latest.date if latest else date.today()
    return end - CHANGES_WINDOW, end
