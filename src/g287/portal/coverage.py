"""Coverage as of a date, for the portal and the API: population served by participating agencies,
their share of each state's sworn officers, and the counties with at least one agreement.

The figures come from g287.geo.coverage over the agencies on the participating list in force on the
date. They change with the list (an import) and with the agencies' links (matching or a person's
decision), both of which write an audit entry, so results are shared figures (g287.core.figures) under
the list's key and the data's version (g287.registry.version): a few indexed lookups decide whether
anything must be recomputed.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from g287.core.figures import shared
from g287.core.models import AuditEntry
from g287.core.states import FIPS_BY_CODE
from g287.geo.coverage import measures
from g287.geo.models import AgencyLink
from g287.portal.records import source, state_name
from g287.registry.models import Snapshot
from g287.registry.queries import latest_snapshot, rows_at, snapshot_as_of
from g287.registry.version import data_version


def links_stamp() -> str:
    """Changes whenever an agency's link or the registry may have changed (every such change is
    audited); part of the cache keys of the county map and the public database. The newest entry's hash,
    not its id: SQLite gives a rolled-back entry's id to the next one."""
    newest = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    return (newest or "0")[:16]


def snapshot_for(day: date | None) -> Snapshot | None:
    return snapshot_as_of(day) if day else latest_snapshot()


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def coverage(day: date | None = None) -> dict[str, Any]:
    """The measures as of the end of `day` (default: the newest list). `county_agreements` maps each
    county FIPS with an agreement to the number of agreements of its agencies on that list."""
    snapshot = snapshot_for(day)
    cached: dict[str, Any] = shared(
        f"coverage:{snapshot.order_key if snapshot else '-'}", data_version(), lambda: _compute(snapshot)
    )
    as_of = day or (snapshot.date if snapshot else None)
    return {**cached, "as_of": as_of.isoformat() if as_of else None}


def _compute(snapshot: Snapshot | None) -> dict[str, Any]:
    per_agency = Counter(agreement.rsplit("#", 1)[0] for agreement in rows_at(snapshot))
    result = measures(per_agency)
    states: dict[str, dict[str, Any]] = {}
    for code, m in result.states.items():
        states[code] = {
            "state": code,
            "name": state_name(code),
            "agencies": m.agencies,
            "agencies_with_ori": m.agencies_with_ori,
            "population_served": m.population_served,
            "officers": m.officers,
            "state_officers": m.state_officers,
            "officer_share": m.officer_share,
            "counties": m.counties,
        }
    state_officers = sum(int(s["state_officers"]) for s in states.values())
    county_agreements = {
        fips: sum(per_agency[agency] for agency in agencies) for fips, agencies in result.counties.items()
    }
    return {
        "source": source(snapshot),
        "agencies": result.agencies,
        "agencies_with_ori": result.agencies_with_ori,
        "population_served": result.population_served,
        "officers": result.officers,
        # Officers of every FBI-listed agency in the states that have an agreement, so the national
        # share compares like with like.
        "state_officers": state_officers,
        "officer_share": _share(result.officers, state_officers),
        "counties": len(county_agreements),
        "states": states,
        "county_agreements": county_agreements,
    }


def state_counties(data: dict[str, Any], code: str) -> dict[str, int]:
    """The county values of one state (its FIPS prefix)."""
    prefix = FIPS_BY_CODE.get(code, "--")
    return {f: n for f, n in data["county_agreements"].items() if f.startswith(prefix)}


def agency_geo(agency_ids: list[str]) -> dict[str, dict[str, Any]]:
    """{agency id: {ori, county_fips}} for the API's and the downloads' agency rows, in one query."""
    rows = AgencyLink.objects.filter(agency_id__in=agency_ids).values_list(
        "agency_id", "ori_id", "county_fips"
    )
    return {agency: {"ori": ori, "county_fips": list(fips or [])} for agency, ori, fips in rows}
