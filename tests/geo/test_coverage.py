"""Measures on a hand-built set with known answers: one ORI shared by two agencies counts once, a link
awaiting review adds no population but keeps its county, statewide agencies add no county."""

import pytest

from g287.geo import services
from g287.geo.coverage import measures
from g287.geo.models import AgencyLink, MatchStatus
from g287.registry.models import Agency

from .helpers import ROSTER

pytestmark = pytest.mark.django_db

AGENCIES = {
    "TX-harris-county-sheriffs-office": ("TX", "TX1010000", MatchStatus.MATCHED, ["48201"]),
    "TX-harris-county-sheriffs-office-jail": ("TX", "TX1010000", MatchStatus.MATCHED, ["48201"]),
    "TX-houston-police-department": ("TX", None, MatchStatus.REVIEW, ["48201"]),
    "TX-yoakum-police-department": ("TX", "TX1430300", MatchStatus.MATCHED, ["48123", "48285"]),
    "TX-texas-department-of-public-safety": ("TX", "TX0000000", MatchStatus.MATCHED, []),
    "MS-jackson-county-sheriffs-office": ("MS", "MS0260000", MatchStatus.MATCHED, ["28059"]),
}


@pytest.fixture
def linked(empty_registry: None) -> None:
    AgencyLink.objects.all().delete()
    services.load_roster(ROSTER)
    for pk, (state, ori, status, counties) in AGENCIES.items():
        Agency.objects.create(id=pk, state=state, name=pk, type="county")
        AgencyLink.objects.create(agency_id=pk, ori_id=ori, status=status, county_fips=counties)


def test_measures_known_answers(linked: None) -> None:
    got = measures(AGENCIES)
    texas, mississippi = got.states["TX"], got.states["MS"]
    assert (texas.agencies, texas.agencies_with_ori) == (5, 4)
    assert texas.population_served == 2178104 + 5900 + 0  # Harris once, Yoakum city, DPS (statewide, 0)
    assert texas.officers == 2188 + 12 + 4000
    assert texas.state_officers == 2188 + 5000 + 349 + 94 + 12 + 9 + 4000
    assert texas.officer_share == round(6200 / 11652, 4)
    assert texas.counties == 3  # Harris, DeWitt, Lavaca; DPS adds none
    assert (mississippi.population_served, mississippi.officers, mississippi.state_officers) == (
        90000,
        120,
        430,
    )
    assert got.population_served == 2178104 + 5900 + 90000
    assert got.counties["48201"] == [
        "TX-harris-county-sheriffs-office",
        "TX-harris-county-sheriffs-office-jail",
        "TX-houston-police-department",
    ]
    assert sorted(got.counties) == ["28059", "48123", "48201", "48285"]


def test_measures_of_nothing(linked: None) -> None:
    got = measures([])
    assert (got.agencies, got.population_served, got.counties, got.states) == (0, 0, {}, {})
