"""Computes the figures the first pages need (dashboard, states, every state's page) for the data as it is
now, and keeps them in the database (g287.core.figures), so no server process computes them on a
request. Run after every write that changes them, by the commands that make them (entry points, which
may use any app): `g287 import`, `g287 load-history`, `g287 fetch` and `g287 watch`; a figure nobody
precomputed is computed by its first reader.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date
from typing import Any

from django.db import transaction

from g287.core.figures import forget_other_versions, storing
from g287.core.states import NAME_BY_CODE
from g287.geo.models import AgencyLink
from g287.portal import coverage, queries
from g287.portal.version import data_version, pinned
from g287.registry.models import Agency, Agreement, AgreementVersion, Snapshot
from g287.registry.queries import latest_snapshot

log = logging.getLogger(__name__)


def precompute() -> int:
    """Computes and stores the figures; returns how many states' pages it prepared."""
    version = data_version()
    # One transaction: one commit for every figure, and readers see all of them at once.
    with pinned(version), storing(), transaction.atomic():
        data = queries.dashboard()
        coverage.coverage(None)
        queries.pending_series()
        newest = date.fromisoformat(data["source"]["date"]) if data["source"] else date.today()
        queries.growth(queries.DEFAULT_BASELINE, newest)
        queries.state_summaries()
        series = series_by_state()
        agencies = agencies_by_state()
        for code in NAME_BY_CODE:
            queries.state_detail(code, series.get(code), agencies.get(code, []))
    forget_other_versions(version)
    return len(NAME_BY_CODE)


def agencies_by_state() -> dict[str, list[dict[str, Any]]]:
    """queries.state_detail's agency list of every state, from three queries in all."""
    agreements: dict[str, list[Agreement]] = {}
    for agreement in Agreement.objects.only("id", "agency_id", "model", "status"):
        agreements.setdefault(agreement.agency_id, []).append(agreement)
    geo = {
        agency: {"ori": ori, "county_fips": list(fips or [])}
        for agency, ori, fips in AgencyLink.objects.values_list("agency_id", "ori_id", "county_fips")
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for agency in Agency.objects.order_by("name", "id"):
        item = queries.agency_item(agency, agreements.get(agency.id, []), geo.get(agency.id, {}))
        out.setdefault(agency.state, []).append(item)
    return out


def precompute_quietly() -> None:
    """precompute() for a command that has done its work already: a failure here is logged, not raised,
    since the pages still compute what is missing."""
    try:
        precompute()
    except Exception:
        log.exception("precomputing the portal's figures failed")


def series_by_state(states: set[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """registry.queries.timeseries(code) for every state at once: one pass over the versions instead of
    one per state. `states`: the codes to give a series even without agreements (default: all)."""
    if latest_snapshot() is None:
        return {}
    delta: dict[str, dict[str, Counter[str]]] = {}
    rows = AgreementVersion.objects.filter(kind="participating").values_list(
        "agreement_id", "valid_from", "valid_to"
    )
    for agreement, start, end in rows.iterator(chunk_size=5000):
        state, model = agreement[:2], agreement.rsplit("#", 1)[1]
        per_key = delta.setdefault(state, {})
        per_key.setdefault(start, Counter())[model] += 1
        if end is not None:
            per_key.setdefault(end, Counter())[model] -= 1
    snapshots = list(
        Snapshot.objects.filter(kind="participating")
        .order_by("order_key")
        .values_list("order_key", "date", "source_name")
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for state in sorted(set(NAME_BY_CODE) | set(delta) if states is None else states):
        changes = delta.get(state, {})
        running: Counter[str] = Counter({"JEM": 0, "TFM": 0, "WSO": 0})
        by_date: dict[str, dict[str, Any]] = {}
        for key, day, name in snapshots:
            running.update(changes.get(key, Counter()))
            by_date[day.isoformat()] = {
                "date": day.isoformat(),
                "file": name,
                "JEM": running["JEM"],
                "TFM": running["TFM"],
                "WSO": running["WSO"],
                "total": running["JEM"] + running["TFM"] + running["WSO"],
            }
        out[state] = list(by_date.values())
    return out
