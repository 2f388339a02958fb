"""What the portal shows, computed from the registry: dashboard aggregates, per-state summaries, facets,
pagination and agency histories.

Aggregates depend only on the data imported, so they are kept as shared figures (g287.core.figures)
under the data's version (g287.registry.version): an import changes the version, the import computes the
new figures (g287.portal.precompute), and every server process reads them instead of computing them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet

from g287.core.figures import shared
from g287.portal.coverage import agency_geo
from g287.portal.filters import STATUSES, AgencyFilters, AgreementFilters
from g287.portal.records import event_label, event_record, state_name
from g287.portal.records import source as source  # the pages and the API read it from here too
from g287.registry.models import Agency, Agreement, Event, Snapshot
from g287.registry.queries import latest_snapshot, rows_at, snapshot_as_of, stats_at, timeseries
from g287.registry.version import data_version

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
    """Everything the dashboard shows, computed once per (data version, baseline list)."""
    baseline = snapshot_as_of(since)
    result = shared(f"dashboard:{_key(baseline)}", data_version(), lambda: _dashboard(baseline, since))
    return _with_since(result, since)


def _dashboard(baseline: Snapshot | None, since: date) -> dict[str, Any]:
    latest, pending = latest_snapshot(), latest_snapshot("pending")
    now = stats_at(latest, pending)
    then = stats_at(baseline, None) if baseline else None
    before = then["agreements"] if then else None  # no list by the baseline date: unknown, not zero
    growth = _percent(before, now["agreements"])
    by_state = now["by_state"] or {}
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
    return result


def _with_since(result: dict[str, Any], since: date) -> dict[str, Any]:
    # Dates that fall back to the same list share one cache entry; the date itself is the reader's.
    # The events' labels are the reader's language, not that of whoever computed the figures.
    return {
        **result,
        "since": since.isoformat(),
        "baseline": {**result["baseline"], "date": since.isoformat()},
        "recent_events": [{**e, "kind_label": event_label(e["kind"])} for e in result["recent_events"]],
    }


# --- growth between any two dates ----------------------------------------------------------------------


def _point(day: date) -> dict[str, Any]:
    snapshot = snapshot_as_of(day)
    count = (
        shared(
            f"agreements:{snapshot.order_key}", data_version(), lambda: stats_at(snapshot, None)["agreements"]
        )
        if snapshot
        else None  # no list published by then: unknown, not zero
    )
    return {"date": day.isoformat(), "agreements": count, "snapshot": source(snapshot)}


def growth(start: date, end: date) -> dict[str, Any]:
    """Agreements on the participating lists in force at two dates, and the change between them.
    `percent` (one decimal) is None when there were none at the start: growth from nothing has no rate."""
    before, after = _point(start), _point(end)
    known = before["agreements"] is not None and after["agreements"] is not None
    change = after["agreements"] - before["agreements"] if known else None
    return {
        "from": before,
        "to": after,
        "change": change,
        "percent": _percent(before["agreements"], after["agreements"]),
    }


def _percent(before: int | None, after: int | None) -> float | None:
    """Growth from `before` to `after` in percent, one decimal; None from nothing or from the unknown."""
    if not before or after is None:
        return None
    return round((after - before) / before * 100, 1)


def pending_series() -> list[dict[str, Any]]:
    """Requests on each pending list (the day's last list), for the growth chart."""
    if latest_snapshot("pending") is None:
        return []
    return list(shared("pending-series", data_version(), _pending_series))


def _pending_series() -> list[dict[str, Any]]:
    by_day: dict[str, int] = {}
    for day, count in (
        Snapshot.objects.filter(kind="pending").order_by("order_key").values_list("date", "agreement_count")
    ):
        by_day[day.isoformat()] = count  # a later list of the same day replaces an earlier one
    return [{"date": d, "pending": n} for d, n in by_day.items()]


# Dates the growth chart marks: the change of administration, and ICE's incentives for participating
# agencies (performance awards and reimbursements from fiscal year 2026, which began 2025-10-01).
MILESTONES: tuple[tuple[str, str], ...] = (
    ("2025-01-20", "inauguration"),
    ("2025-10-01", "incentives"),
)


# --- states -------------------------------------------------------------------------------------------


def state_summaries() -> dict[str, dict[str, Any]]:
    """Per state, from the newest participating list: agreements by model and by type, and agencies."""
    summaries: dict[str, dict[str, Any]] = shared("states", data_version(), _state_summaries)
    return summaries


def _state_summaries() -> dict[str, dict[str, Any]]:
    latest = latest_snapshot()
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
    return {
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


def state_detail(
    code: str, series: list[dict[str, Any]] | None = None, agencies: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A state's figures today, its series over time, and its agencies with their agreements; kept per
    data version (a pending list changes statuses too; the agencies' ORIs and counties change with
    matching and people's decisions). `series` (timeseries(code)) and `agencies` (agency_list() of the
    state's agencies): when the caller has them already (g287.portal.precompute does every state)."""
    detail: dict[str, Any] = shared(
        f"state:{code}", data_version(), lambda: _state_detail(code, series, agencies)
    )
    return detail


def _state_detail(
    code: str, series: list[dict[str, Any]] | None, agencies: list[dict[str, Any]] | None
) -> dict[str, Any]:
    latest = latest_snapshot()
    summary = state_summaries().get(
        code,
        {"state": code, "name": state_name(code), "agreements": 0, "agencies": 0,
         "by_model": {"JEM": 0, "TFM": 0, "WSO": 0}, "by_type": {"county": 0, "municipality": 0, "state": 0}},
    )  # fmt: skip
    if agencies is None:
        rows = list(Agency.objects.filter(state=code).prefetch_related("agreements").order_by("name", "id"))
        geo = agency_geo([a.id for a in rows])
        agencies = [agency_item(a, list(a.agreements.all()), geo.get(a.id, {})) for a in rows]
    shown = [
        p for p in (timeseries(code) if series is None else series) if p["total"] or p["date"] >= "2025-01-01"
    ]
    return {**summary, "source": source(latest), "series": shown, "agency_list": agencies}


def state_agencies(detail: dict[str, Any], filters: AgencyFilters) -> list[dict[str, Any]]:
    """The agencies of a state's detail that `filters` keep (in that state), each with its `status`: the
    list of the state's page, its downloads and /api/states/XX, filtered by the query that counts
    /api/agencies, so the same query string gives the same agencies on each."""
    found = replace(filters, state=(detail["state"],)).queryset()
    statuses = dict(found.values_list("id", "agency_status"))
    return [{**a, "status": statuses[a["id"]]} for a in detail["agency_list"] if a["id"] in statuses]


def agencies_listed(code: str) -> int:
    """The state's agencies ever listed, of every status (`status=all`)."""
    return AgencyFilters(state=(code,), status=STATUSES).queryset().count()


def agency_item(agency: Agency, agreements: list[Agreement], link: dict[str, Any]) -> dict[str, Any]:
    """One agency of a state's page: its FBI link (coverage.agency_geo) and its agreements by model."""
    return item_of(
        (agency.id, agency.state, agency.name, agency.type, agency.county),
        [(a.id, a.model, a.status) for a in agreements],
        link,
    )


def item_of(
    agency: tuple[str, str, str, str, str], agreements: list[tuple[str, str, str]], link: dict[str, Any]
) -> dict[str, Any]:
    """agency_item from plain rows: (id, state, name, type, county) and (id, model, status) each."""
    ident, state, name, kind, county = agency
    agreements = sorted(agreements, key=lambda a: a[1])
    return {
        "id": ident,
        "state": state,
        "name": name,
        "type": kind,
        "county": county,
        "ori": link.get("ori"),
        "county_fips": link.get("county_fips", []),
        "agreements": [{"id": i, "model": m, "status": st} for i, m, st in agreements],
        "active": any(st == "active" for _i, _m, st in agreements),
    }


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
