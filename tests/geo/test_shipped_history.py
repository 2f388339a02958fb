"""Matching the whole shipped registry against the shipped roster (no ../shared needed)."""

from datetime import date

import pytest

from g287.geo import services
from g287.geo.coverage import active_agency_ids, measures
from g287.geo.models import AgencyLink
from g287.geo.report import report

pytestmark = pytest.mark.django_db


def test_registry_matches_and_known_pairs_are_right(history_db: None) -> None:
    services.match_all()
    active = active_agency_ids(date(2026, 5, 18))
    assert len(active) > 1500
    quality = report(active).quality
    assert quality is not None and quality.share >= 0.87  # 87.6% on the 2026-05-18 list
    links = {link.agency_id: link.ori_id for link in AgencyLink.objects.all()}
    expected = {
        "TX-collin-county-sheriffs-office": "TX0430000",
        "NE-nebraska-state-patrol": "NBNSP0000",
        "NV-las-vegas-metropolitan-police-department": "NV0020100",
        "FL-lee-county-port-authority-police": "FL0360400",
        "OK-oklahoma-bureau-of-investigation": "OKOBI0000",
    }
    assert {agency: links.get(agency) for agency in expected} == expected
    national = measures(active)
    assert national.population_served > 40_000_000 and len(national.counties) > 900

    # One ORI is one agency: none is taken by two agencies listed on the same dates, at most five are
    # linked to two agencies at all (renamed ones, never on one list together), and each such pair is
    # in the review queue. Nassau County NY's county police entry is not the sheriff's.
    from collections import defaultdict

    from g287.registry.duplicates import candidates

    by_ori: dict[str, list[str]] = defaultdict(list)
    for agency, ori in links.items():
        if ori:
            by_ori[ori].append(agency)
    shared = {ori: sorted(agencies) for ori, agencies in by_ori.items() if len(agencies) > 1}
    assert len(shared) <= 5, shared
    queue = {tuple(c.as_dict()["agencies"]) for c in candidates()}
    for agencies in shared.values():
        assert tuple(agencies[:2]) in queue, agencies
        assert len(set(agencies) & active) <= 1, agencies
    assert links.get("NY-nassau-county-sheriffs-office") != "NY0290000"
