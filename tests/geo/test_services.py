"""Services on a real database: matching, people's decisions, the audit trail, measures, commands."""

import argparse
import io
import json

import pytest

from g287.core.models import AuditEntry
from g287.geo import commands, services
from g287.geo.coverage import measures
from g287.geo.models import AgencyLink, Decision, MatchStatus
from g287.geo.report import report
from g287.registry.models import Agency

from .helpers import ROSTER

pytestmark = pytest.mark.django_db

AGENCIES = [
    ("TX-harris-county-sheriffs-office", "TX", "Harris County Sheriff's Office", "county", "Harris County"),
    ("TX-houston-police-department", "TX", "Houston Police Department", "municipality", "Harris County"),
    ("TX-harris-county-constable-precinct-4", "TX", "Harris County Constable Precinct 4", "county", ""),
    (
        "TN-franklin-police-department",
        "TN",
        "Franklin Police Department",
        "municipality",
        "Williamson County",
    ),
    ("NE-nebraska-state-patrol", "NE", "Nebraska State Patrol", "state", ""),
    ("AL-nowhere-police-department", "AL", "Nowhere Police Department", "municipality", "Jefferson County"),
]


@pytest.fixture
def registry(empty_registry: None) -> None:
    services.load_roster(ROSTER)
    for pk, state, name, kind, county in AGENCIES:
        Agency.objects.create(id=pk, state=state, name=name, type=kind, county=county)


def test_match_all_sets_status_ori_and_counties(registry):
    run = services.match_all(actor="test")
    assert run.total == 6 and run.changed == 6
    links = {link.agency_id: link for link in AgencyLink.objects.all()}
    harris = links["TX-harris-county-sheriffs-office"]
    assert (harris.status, harris.ori_id, harris.county_fips, harris.county_source) == (
        MatchStatus.MATCHED,
        "TX1010000",
        ["48201"],
        "fbi",
    )
    assert links["TX-harris-county-constable-precinct-4"].status == MatchStatus.REVIEW
    assert links["TX-harris-county-constable-precinct-4"].county_fips == ["48201"]  # from the name
    patrol = links["NE-nebraska-state-patrol"]
    assert (patrol.ori_id, patrol.county_fips, patrol.county_source) == ("NBNSP0000", [], "statewide")
    nowhere = links["AL-nowhere-police-department"]
    assert (nowhere.status, nowhere.county_fips, nowhere.county_source) == (
        MatchStatus.UNMATCHED,
        ["01073"],
        "ice",
    )
    assert AuditEntry.objects.filter(action="geo.agencylink.match").count() == 1
    # Nothing changes on a second run, and no audit entry is written.
    assert services.match_all().changed == 0
    assert AuditEntry.objects.filter(action="geo.agencylink.match").count() == 1


def test_manual_link_survives_rematching_and_reimport(registry):
    services.match_all()
    services.link("TX-harris-county-constable-precinct-4", "TX1014700", actor="office:ana")
    services.match_all()
    link = AgencyLink.objects.get(pk="TX-harris-county-constable-precinct-4")
    assert (link.ori_id, link.status, link.decision, link.decided_by) == (
        "TX1014700",
        MatchStatus.MATCHED,
        Decision.MANUAL,
        "office:ana",
    )
    # A re-import that rebuilds the agency row keeps the person's decision.
    Agency.objects.filter(pk="TX-harris-county-constable-precinct-4").delete()
    assert AgencyLink.objects.filter(pk="TX-harris-county-constable-precinct-4").exists()
    assert report().orphans == ["TX-harris-county-constable-precinct-4"]
    Agency.objects.create(
        id="TX-harris-county-constable-precinct-4",
        state="TX",
        name="Harris County Constable Precinct 4",
        type="county",
    )
    services.match_all()
    assert AgencyLink.objects.get(pk="TX-harris-county-constable-precinct-4").ori_id == "TX1014700"


def test_unlink_and_confirm_are_kept_and_audited(registry):
    services.match_all()
    services.unlink("TX-houston-police-department", actor="office:bo")
    services.confirm("TX-harris-county-sheriffs-office", actor="office:bo")
    services.match_all()
    houston = AgencyLink.objects.get(pk="TX-houston-police-department")
    assert (houston.ori_id, houston.status, houston.decision) == (
        None,
        MatchStatus.UNMATCHED,
        Decision.MANUAL,
    )
    harris = AgencyLink.objects.get(pk="TX-harris-county-sheriffs-office")
    assert (harris.ori_id, harris.decision) == ("TX1010000", Decision.CONFIRMED)
    entries = list(
        AuditEntry.objects.filter(action__in=["geo.agencylink.unlink", "geo.agencylink.confirm"]).order_by(
            "id"
        )
    )
    assert [(e.action, e.object_id, e.actor) for e in entries] == [
        ("geo.agencylink.unlink", "TX-houston-police-department", "office:bo"),
        ("geo.agencylink.confirm", "TX-harris-county-sheriffs-office", "office:bo"),
    ]
    assert entries[0].before["ori"] == "TX1010100" and entries[0].after["ori"] is None
    services.release("TX-houston-police-department", actor="office:bo")
    assert AgencyLink.objects.get(pk="TX-houston-police-department").ori_id == "TX1010100"


def test_link_refuses_other_states_and_unknown_ids(registry):
    with pytest.raises(services.GeoError, match="never across states"):
        services.link("TN-franklin-police-department", "TX1010100")
    with pytest.raises(services.GeoError, match="no FBI agency"):
        services.link("TN-franklin-police-department", "XX0000000")
    with pytest.raises(services.GeoError, match="no agency"):
        services.link("TN-nowhere", "TN0940100")
    assert not AuditEntry.objects.filter(action="geo.agencylink.link").exists()


def test_report_and_measures(registry):
    services.match_all()
    result = report(
        active=[
            "TX-harris-county-sheriffs-office",
            "TX-houston-police-department",
            "AL-nowhere-police-department",
        ]
    )
    assert result.statuses == {"matched": 4, "review": 1, "unmatched": 1}
    assert result.by_state["TX"] == {"matched": 2, "review": 1}
    assert [u.agency for u in result.unmatched] == ["AL-nowhere-police-department"]
    assert (result.quality.agencies, result.quality.automatic) == (3, 2)
    got = measures(
        [
            "TX-harris-county-sheriffs-office",
            "TX-houston-police-department",
            "NE-nebraska-state-patrol",
            "TX-harris-county-constable-precinct-4",
        ]
    )
    assert got.population_served == 2178104 + 2300000
    assert got.states["TX"].agencies == 3 and got.states["TX"].agencies_with_ori == 2
    tx_officers = 2188 + 5000 + 349 + 94 + 12 + 9 + 4000
    assert got.states["TX"].state_officers == tx_officers
    assert got.states["TX"].officer_share == round((2188 + 5000) / tx_officers, 4)
    assert got.states["NE"].officers == 400 and got.states["NE"].counties == 0
    assert got.counties == {
        "48201": [
            "TX-harris-county-constable-precinct-4",
            "TX-harris-county-sheriffs-office",
            "TX-houston-police-department",
        ]
    }
    assert json.dumps(got.as_dict())


def test_commands_register_and_run(registry):
    parser = argparse.ArgumentParser(prog="g287 agencies")
    commands.register(parser.add_subparsers(dest="command", required=True))
    out = io.StringIO()
    options = parser.parse_args(["match"])
    assert options.func(options, out) == 0
    assert "Matched 6 agencies" in out.getvalue()
    options = parser.parse_args(["link", "TN-franklin-police-department", "tn0940100"])
    out = io.StringIO()
    assert options.func(options, out) == 0
    assert "TN0940100 Franklin (matched, confirmed)" in out.getvalue()
    options = parser.parse_args(["unlink", "TN-nowhere"])
    assert options.func(options, io.StringIO()) == 1
    options = parser.parse_args(["unlink", "TN-franklin-police-department"])
    assert options.func(options, io.StringIO()) == 0


def test_match_report_json(registry, monkeypatch):
    monkeypatch.setattr(commands, "active_agency_ids", lambda day: {"TX-houston-police-department"})
    parser = argparse.ArgumentParser()
    commands.register(parser.add_subparsers(dest="command", required=True))
    out = io.StringIO()
    options = parser.parse_args(["match", "--json"])
    assert options.func(options, out) == 0
    payload = json.loads(out.getvalue())
    assert payload["quality"]["share"] == 1.0 and payload["statuses"]["matched"] == 4
    out = io.StringIO()
    options = parser.parse_args(["match", "--report", "--no-match"])
    assert options.func(options, out) == 0
    assert "Quality (2026-05-18): 1 of 1" in out.getvalue()
