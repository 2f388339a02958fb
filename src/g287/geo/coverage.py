"""Measures over a set of agencies, typically those with an agreement in force on a date: population
served, share of sworn officers, counties with an agreement.

Population and officers come from the FBI roster through each agency's ORI, counted once per ORI (two
divisions of one state agency share it). The FBI assigns each resident to one agency, a city's police or
the sheriff for unincorporated land, so sums over agencies do not count anyone twice. Agencies without a
matched ORI add nothing; `agencies_with_ori` says how many were counted.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.db.models import Sum

from g287.core.states import CODE_BY_FIPS
from g287.geo.models import AgencyLink, MatchStatus, OriRecord
from g287.registry.models import Agency


@dataclass
class StateMeasures:
    state: str
    agencies: int = 0
    agencies_with_ori: int = 0
    population_served: int = 0
    officers: int = 0  # sworn officers of participating agencies
    state_officers: int = 0  # sworn officers of every FBI-listed agency in the state
    counties: int = 0

    @property
    def officer_share(self) -> float | None:
        return round(self.officers / self.state_officers, 4) if self.state_officers else None


@dataclass
class Measures:
    agencies: int = 0
    agencies_with_ori: int = 0
    population_served: int = 0
    officers: int = 0
    counties: dict[str, list[str]] = field(default_factory=dict)  # county FIPS -> agency ids, sorted
    states: dict[str, StateMeasures] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["states"] = {
            code: {**asdict(m), "officer_share": m.officer_share} for code, m in self.states.items()
        }
        return out


def active_agency_ids(day: date) -> set[str]:
    """Agencies with an agreement on the last participating list published on or before `day`."""
    from g287.registry.queries import rows_at, snapshot_as_of

    return {agreement.split("#")[0] for agreement in rows_at(snapshot_as_of(day))}


def _state_officers() -> dict[str, int]:
    totals = (
        OriRecord.objects.exclude(agency_type="Federal")
        .values("state")
        .annotate(total=Sum("officers"))
        .order_by("state")
    )
    return {row["state"]: int(row["total"] or 0) for row in totals}


def measures(agency_ids: Iterable[str]) -> Measures:
    """National and per-state measures for the given agencies (ids of registry.Agency)."""
    ids = sorted(set(agency_ids))
    wanted = set(ids)
    # Every agency's state and link, kept to `ids` here: the list is most of the registry, and an IN of
    # ~1,000 parameters cost more than the rows it saves.
    states = {a: s for a, s in Agency.objects.values_list("id", "state") if a in wanted}
    links = {
        agency: (status, fips, ori, population, officers)
        for agency, status, fips, ori, population, officers in AgencyLink.objects.values_list(
            "agency_id", "status", "county_fips", "ori__ori", "ori__population", "ori__officers"
        )
        if agency in wanted
    }
    result = Measures()
    per_state: dict[str, StateMeasures] = {}
    seen_ori: set[str] = set()
    counties: dict[str, set[str]] = defaultdict(set)
    for agency_id in ids:
        state = states.get(agency_id) or agency_id[:2]
        m = per_state.setdefault(state, StateMeasures(state))
        m.agencies += 1
        result.agencies += 1
        link = links.get(agency_id)
        if link is None:
            continue
        status, fips_list, ori, population, officers = link
        for fips in fips_list:
            counties[fips].add(agency_id)
        if status != MatchStatus.MATCHED or ori is None:
            continue
        m.agencies_with_ori += 1
        result.agencies_with_ori += 1
        if ori in seen_ori:
            continue
        seen_ori.add(ori)
        m.population_served += population
        m.officers += officers
    totals = _state_officers()
    for state, m in per_state.items():
        m.state_officers = totals.get(state, 0)
        m.counties = sum(1 for fips in counties if CODE_BY_FIPS.get(fips[:2]) == state)
        result.population_served += m.population_served
        result.officers += m.officers
    result.counties = {fips: sorted(agencies) for fips, agencies in sorted(counties.items())}
    result.states = dict(sorted(per_state.items()))
    return result
