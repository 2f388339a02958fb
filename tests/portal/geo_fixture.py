"""FBI records and links for the hand-made registry (tests/portal/workbooks.py), with figures chosen so
that every measure has a known answer:

- Harris County Sheriff (TX1010000): 2,178,104 residents, 2,188 officers, Harris County (48201);
- Houston Police (TX1010100): 2,300,000 residents, 5,000 officers, Harris County;
- Texas DPS (TX0000000): 4,000 officers, statewide, no agreement: it counts only in Texas's total;
- Florida Highway Patrol (FLFHP0000): 1,800 officers, statewide;
- Guam Police and Dallas County Sheriff have no FBI record.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from g287.geo import services
from g287.geo.models import AgencyLink, OriRecord
from tests.geo.helpers import entry

ROSTER = [
    entry("TX1010000", "Harris", "TX", "HARRIS", "County", 2178104, 2188),
    entry("TX1010100", "Houston", "TX", "HARRIS", "City", 2300000, 5000),
    entry("TX0000000", "Department of Public Safety", "TX", "NOT SPECIFIED", "State Police", 0, 4000),
    entry("FLFHP0000", "Florida Highway Patrol", "FL", "LEON", "State Police", 0, 1800),
]
HARRIS = "TX-harris-county-sheriffs-office"
HOUSTON = "TX-houston-police-department"
FHP = "FL-florida-highway-patrol"
GUAM = "GU-guam-police-department"
DALLAS = "TX-dallas-county-sheriffs-office"


@pytest.fixture
def geo_links(registry: object, db: None) -> Iterator[dict[str, AgencyLink]]:
    """Matches the hand-made registry against ROSTER alone (in the test's transaction)."""
    AgencyLink.objects.all().delete()
    OriRecord.objects.all().delete()
    services.load_roster(ROSTER)
    services.match_all(actor="test")
    cache.clear()  # coverage is cached under the newest audit entry, whose id a rollback may reuse
    yield {link.agency_id: link for link in AgencyLink.objects.all()}
    cache.clear()
