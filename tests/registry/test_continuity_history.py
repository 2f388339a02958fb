"""The named cases of ICE's spelling fixes, in the shipped history of every real list (which
tests/registry/test_shared_history.py proves equal to a fresh import of ../shared's files)."""

from datetime import date

import pytest
from django.test import Client

from g287.registry.models import Agency, Agreement, Event
from g287.registry.queries import stats
from g287.registry.reconcile import current_id

pytestmark = pytest.mark.usefixtures("history_db")

RENAMED = {
    # agreement now: (the misspelt name, the list that fixed it)
    "TX-dimmit-county-sheriffs-office#JEM": ("Dimmit Couny Sheriff's Office", date(2025, 12, 29)),
    "TX-dimmit-county-sheriffs-office#TFM": ("Dimmit Couny Sheriff's Office", date(2025, 12, 29)),
    "TX-dimmit-county-sheriffs-office#WSO": ("Dimmit Couny Sheriff's Office", date(2025, 12, 29)),
    "KS-lyon-county-sheriffs-office#WSO": ("Lyon's County Sheriff's Office", date(2025, 12, 29)),
    "LA-calcasieu-parish-sheriffs-office#WSO": ("Calacasieu Parish Sheriff's Office", date(2025, 12, 29)),
    "FL-alachua-police-department#TFM": ("Alachua Police Departent", date(2025, 7, 23)),
    "FL-marco-island-police-department#TFM": ("Macro Island Police Department", date(2025, 5, 16)),
    "MO-douglas-county-sheriffs-office#TFM": ("Dogulas County Sheriff's Office", date(2026, 1, 26)),
    "OK-okfuskee-county-sheriffs-office#TFM": ("Okfusfee County Sheriff's Office", date(2026, 5, 8)),
    "NY-cattaraugus-county-sheriffs-office#TFM": ("Cattaraugus Counry Sheriff's Office", date(2025, 12, 9)),
    "SD-centerville-police-department#TFM": ("Centervillle Police Department", date(2026, 2, 3)),
    "TX-lampasas-county-sheriffs-office#WSO": ("Lampass County Sheriff's Office", date(2025, 9, 4)),
    "WI-manitowoc-county-sheriffs-office#WSO": ("Mantiowoc County Sheriff's Office", date(2022, 8, 26)),
    "AK-alaska-department-of-corrections#WSO": ("Department of Corrections", date(2025, 3, 17)),
    # A misspelling ICE listed for a while and then undid (same MOA file, same signing date).
    "FL-indialantic-police-department#TFM": ("Indiatlantic Police Department", date(2025, 7, 15)),
    "PA-southhampton-township-cumberland-city-constables-office#TFM": (
        "Southampton Twp. Cumberland City, Constables Office",
        date(2026, 5, 7),
    ),
    "AR-arkansas-state-police-department#TFM": ("Arkansas State Police", date(2025, 8, 11)),
    "FL-office-of-agricultural-law-enforcement#TFM": (
        "Office of Aggricultural Law Enforcement",
        date(2025, 8, 11),
    ),
    "IN-greens-fork-police-department#TFM": ("Greens Forks Police Department", date(2025, 7, 14)),
}
SIGNED_UNDER_ANOTHER_SPELLING = {
    "OK-barnsdall-police-department#TFM": "Barndall Police Department",
    "FL-office-of-the-state-attorney-sixth-judicial-circuit#JEM": "Office of the State Attorney Sixth Judical Circuit",
    "LA-saint-charles-parish-sheriffs-office#WSO": "St. Charles Place Sheriff's Office",
    "WI-kewaunee-county-sheriffs-office#JEM": "Kewaunee County Sheriff's Department",
    "PA-constable-unity-township#TFM": "Unity Township Constable, PA",
    "PA-addison-borough-constables-office#TFM": "Addison Borough Constable's Office, PA",
}


@pytest.mark.parametrize("agreement", sorted(RENAMED))
def test_a_spelling_fix_is_one_agreement_renamed(agreement: str) -> None:
    old_name, day = RENAMED[agreement]
    item = Agreement.objects.get(id=agreement)
    assert item.status == "active"
    renamed = Event.objects.filter(agreement=item, kind="renamed", old=old_name)
    assert [e.date for e in renamed] == [day]
    assert not Event.objects.filter(agreement=item, kind="removed").exists()
    assert not Agreement.objects.filter(name=old_name, state=agreement[:2]).exclude(id=agreement).exists()


@pytest.mark.parametrize("agreement", sorted(SIGNED_UNDER_ANOTHER_SPELLING))
def test_a_request_signed_under_another_spelling_is_one_agreement(agreement: str) -> None:
    item = Agreement.objects.get(id=agreement)
    assert item.first_requested is not None and item.first_listed is not None
    assert item.first_requested <= item.first_listed
    old = SIGNED_UNDER_ANOTHER_SPELLING[agreement]
    assert not Agreement.objects.filter(state=agreement[:2], name=old, status="withdrawn").exists()


SIGNED_IN_ANOTHER_STATE = {
    # the agreement: the state ICE put on the request
    "OK-mcintosh-county-sheriffs-office#TFM": "TX",
    "ND-mckenzie-county-sheriffs-office#TFM": "TX",
    "TN-trousdale-county-sheriffs-office#WSO": "TX",
    "SC-kershaw-county-sheriffs-office#TFM": "FL",
    "KY-heritage-creek-police-department#TFM": "FL",
}


@pytest.mark.parametrize("agreement", sorted(SIGNED_IN_ANOTHER_STATE))
def test_a_request_under_the_wrong_state_is_the_signed_agreement(agreement: str) -> None:
    item = Agreement.objects.get(id=agreement)
    assert item.status == "active" and item.first_requested is not None
    assert item.first_requested <= item.first_listed
    wrong = SIGNED_IN_ANOTHER_STATE[agreement] + agreement[2:]
    assert not Agreement.objects.filter(id=wrong).exists()
    assert current_id(wrong.split("#")[0]) == item.agency_id
    assert item.agency.state == agreement[:2]  # the agency's own state, though a row named it under another


def test_every_request_the_wrong_state_rule_finds_is_shipped() -> None:
    """continuity.wrong_state_requests on the history as it is: a new case is a row to add to
    aliases.json (`agency_state`), after checking it."""
    from g287.registry.continuity import wrong_state_requests
    from g287.registry.models import Snapshot
    from g287.registry.store import load_versions

    days = dict(Snapshot.objects.values_list("order_key", "date"))
    assert wrong_state_requests(load_versions(), days) == []


def test_one_agency_for_two_spellings_on_one_list() -> None:
    walker = Agency.objects.get(id="TX-walker-county-sheriffs-office")
    assert set(walker.agreements.values_list("model", "status")) >= {("JEM", "active"), ("WSO", "active")}
    assert not Agency.objects.filter(id="TX-walker-county-sheriffs-department").exists()
    assert (
        not Agency.objects.filter(id__startswith="WI-waukesha")
        .exclude(id=current_id("WI-waukesha-county-sheriffs-department"))
        .exists()
    )


def test_old_ids_name_the_agency_of_today() -> None:
    assert current_id("TX-dimmit-couny-sheriffs-office") == "TX-dimmit-county-sheriffs-office"
    assert current_id("TX-nowhere") is None


def test_active_figures_do_not_move() -> None:
    assert [
        stats(day)["agreements"] for day in (date(2026, 5, 18), date(2025, 9, 18), date(2025, 1, 20))
    ] == [
        1843,
        1000,
        135,
    ]


def test_old_agency_pages_and_api_redirect(client: Client) -> None:
    page = client.get("/agencies/TX-dimmit-couny-sheriffs-office/")
    assert page.status_code == 301 and page["Location"] == "/agencies/TX-dimmit-county-sheriffs-office/"
    api = client.get("/api/agencies/TX-dimmit-couny-sheriffs-office")
    assert api.status_code == 301 and api["Location"].endswith("/agencies/TX-dimmit-county-sheriffs-office")
    assert client.get("/agencies/TX-nowhere/").status_code == 404


def test_the_pending_figure_is_its_lists_count_with_the_signed_requests_apart(client: Client) -> None:
    latest = stats(date(2026, 5, 18))
    assert latest["pending_snapshot"]["date"] == "2026-02-27" and latest["pending_stale"] is True
    # Franklin County SO (AR): two requests on the pending list of 02-27, listed since 03-02. ICE
    # published 2, never 0: the signed ones are said apart.
    assert (latest["pending"], latest["pending_signed"]) == (2, 2)
    fresh = stats(date(2025, 9, 18))
    assert fresh["pending_stale"] is False and fresh["pending"] == 35
    page = client.get("/").content.decode()
    assert (
        "from ICE&#x27;s pending list of 2026-02-27" in page
        or "from ICE's pending list of 2026-02-27" in page
    )
    assert "older than the participating list" in page and "2 on the list; both since signed" in page
    api = client.get("/api/stats", {"as_of": "2026-05-18"}).json()
    assert (api["pending"], api["pending_signed"], api["pending_stale"]) == (2, 2, True)


def test_an_agreement_listed_under_the_wrong_agency_moves_and_the_agency_keeps_the_rest() -> None:
    """A shipped `move` decision: one WSO MOA listed under the sheriff, then under the county's jail."""
    jail = Agreement.objects.get(
        id="FL-escambia-county-board-of-county-commissioners-department-of-corrections#WSO"
    )
    assert (jail.status, jail.first_listed) == ("active", date(2025, 2, 26))
    renamed = Event.objects.filter(agreement=jail, kind="renamed", old="Escambia County Sheriff's Office")
    assert [e.date for e in renamed] == [date(2025, 7, 16)]
    assert not Event.objects.filter(agreement=jail, kind="removed").exists()
    sheriff = Agency.objects.get(id="FL-escambia-county-sheriffs-office")
    assert list(sheriff.agreements.values_list("model", "status")) == [("TFM", "active")]
    freeborn = Agreement.objects.get(id="MN-freeborn-county-sheriffs-office#WSO")
    assert freeborn.first_listed == date(2025, 3, 27)
    assert current_id("MN-freedom-county-sheriffs-office") == "MN-freeborn-county-sheriffs-office"
