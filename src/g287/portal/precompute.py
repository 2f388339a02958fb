"""Computes the figures the first pages need (dashboard, states, every state's page) for the data as it is
now, and keeps them in the database (g287.core.figures), so no server process computes them on a
request. Run after every write that changes them, by the commands that make them (entry points, which
may use any app): `g287 import`, `g287 load-history`, `g287 fetch` and `g287 watch`; a figure nobody
precomputed is computed by its first reader.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.db import transaction

from g287.core.figures import forget_other_versions, storing
from g287.core.states import NAME_BY_CODE
from g287.geo.models import AgencyLink
from g287.portal import coverage, queries
from g287.registry.models import Agency, Agreement
from g287.registry.queries import series_by_state
from g287.registry.version import data_version, pinned

log = logging.getLogger(__name__)


def precompute() -> int:
    """Computes and stores the figures; returns how many states' pages it prepared."""
    version = data_version()
    # One transaction: one commit for every figure, and readers see all of them at once.
    with pinned(version), transaction.atomic(), storing(version):
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
    agreements: dict[str, list[tuple[str, str, str]]] = {}
    for ident, agency, model, status in Agreement.objects.values_list("id", "agency_id", "model", "status"):
        agreements.setdefault(agency, []).append((ident, model, status))
    geo = {
        agency: {"ori": ori, "county_fips": list(fips or [])}
        for agency, ori, fips in AgencyLink.objects.values_list("agency_id", "ori_id", "county_fips")
    }
    out: dict[str, list[dict[str, Any]]] = {}
    rows = Agency.objects.order_by("name", "id").values_list("id", "state", "name", "type", "county")
    for row in rows:
        item = queries.item_of(row, agreements.get(row[0], []), geo.get(row[0], {}))
        out.setdefault(row[1], []).append(item)
    return out


def precompute_quietly() -> None:
    """precompute() for a command that has done its work already: a failure here is logged, not raised,
    since the pages still compute what is missing."""
    try:
        precompute()
    except Exception:
        log.exception("precomputing the portal's figures failed")
