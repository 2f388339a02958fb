"""One agency and one agreement through ICE's spelling fixes, renames and duplicates (no ../shared needed)."""

import json
import random
from dataclasses import replace
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from g287.core.models import AuditEntry
from g287.registry.duplicates import open_pair_count
from g287.registry.history_file import export_history, load_history
from g287.registry.importer import import_paths
from g287.registry.models import Agency, Agreement, Event
from g287.registry.queries import stats
from g287.registry.reconcile import current_id, shipped_decisions
from tests.registry.dump import registry_dump
from tests.registry.ice_files import PENDING, write
from tests.registry.ice_files import Agreement as Row

pytestmark = pytest.mark.usefixtures("empty_registry")

DIMMIT_TYPO = Row(agency="Dimmit Couny Sheriff's Office", county="Dimmit County", signed=date(2025, 12, 10))
DIMMIT = replace(DIMMIT_TYPO, agency="Dimmit County Sheriff's Office")
HARRIS = Row()
TYPO_ID = "TX-dimmit-couny-sheriffs-office"
FIXED_ID = "TX-dimmit-county-sheriffs-office"


def spelling_fix(folder: Path) -> list[Path]:
    return [
        write(folder, "participatingAgencies12102025am.xlsx", [DIMMIT_TYPO, replace(HARRIS, moa="pending")]),
        write(folder, "participatingAgencies12122025am.xlsx", [DIMMIT_TYPO, HARRIS]),
        write(folder, "participatingAgencies12292025am.xlsx", [DIMMIT, HARRIS]),
    ]


def kinds(agreement: str) -> list[str]:
    return list(
        Event.objects.filter(agreement_id=agreement)
        .order_by("order_key", "id")
        .values_list("kind", flat=True)
    )


def test_a_spelling_fix_is_one_agreement_with_a_renamed_event(tmp_path: Path) -> None:
    import_paths(spelling_fix(tmp_path))
    assert list(Agency.objects.values_list("id", flat=True)) == [
        "TX-dimmit-county-sheriffs-office",
        "TX-harris-county-sheriffs-office",
    ]
    agreement = Agreement.objects.get(id=f"{FIXED_ID}#TFM")
    assert (agreement.status, agreement.name, agreement.first_listed) == (
        "active",
        "Dimmit County Sheriff's Office",
        date(2025, 12, 10),
    )
    assert kinds(agreement.id) == ["listed", "signed", "moa_posted", "renamed"]
    renamed = Event.objects.get(agreement=agreement, kind="renamed")
    assert (renamed.old, renamed.new, renamed.snapshot.source_name) == (
        "Dimmit Couny Sheriff's Office",
        "Dimmit County Sheriff's Office",
        "participatingAgencies12292025am.xlsx",
    )
    assert not Agreement.objects.filter(status="ended").exists()
    # The figures of every list are unchanged: two agreements on each.
    assert [stats(date(2025, 12, d))["agreements"] for d in (10, 12, 29)] == [2, 2, 2]
    # The old id still names the agency, and the merge is in the audit log with its evidence.
    assert current_id(TYPO_ID) == FIXED_ID
    entry = AuditEntry.objects.get(action="registry.agency.continuity")
    assert entry.after["rule"] == "renamed" and entry.after["similarity"] >= 0.8


def test_a_real_hand_over_stays_ended(tmp_path: Path) -> None:
    """The sheriff's agreement ended and the county attorney's began on the same list, same model and
    signing date: two agencies, so one agreement ended and one added."""
    sheriff = Row(state="ARIZONA", agency="Pinal County Sheriff's Office", county="Pinal County")
    attorney = replace(sheriff, agency="Pinal County Attorney's Office")
    import_paths(
        [
            write(tmp_path, "participatingAgencies09022025am.xlsx", [sheriff]),
            write(tmp_path, "participatingAgencies09092025am.xlsx", [attorney]),
        ]
    )
    assert Agreement.objects.get(id="AZ-pinal-county-sheriffs-office#TFM").status == "ended"
    assert Agreement.objects.get(id="AZ-pinal-county-attorneys-office#TFM").status == "active"
    assert not AuditEntry.objects.filter(action="registry.agency.continuity").exists()


def test_another_county_of_a_like_name_is_not_a_rename(tmp_path: Path) -> None:
    madison = Row(state="ALABAMA", agency="Madison County Sheriff's Office", county="")
    marion = replace(madison, agency="Marion County Sheriff's Office")
    import_paths(
        [
            write(tmp_path, "participatingAgencies07142025am.xlsx", [madison]),
            write(tmp_path, "participatingAgencies07212025am.xlsx", [marion]),
        ]
    )
    assert Agreement.objects.get(id="AL-madison-county-sheriffs-office#TFM").status == "ended"


def test_two_candidates_link_nothing_and_wait_for_review(tmp_path: Path) -> None:
    typo = Row(agency="Lampass County Sheriff's Office", county="", signed=date(2025, 7, 15))
    fixed = replace(typo, agency="Lampasas County Sheriff's Office")
    other = replace(typo, agency="Lampasa County Sheriff's Office")
    import_paths(
        [
            write(tmp_path, "participatingAgencies09022025am.xlsx", [typo]),
            write(tmp_path, "participatingAgencies09042025am.xlsx", [fixed, other]),
        ]
    )
    assert Agreement.objects.get(id="TX-lampass-county-sheriffs-office#TFM").status == "ended"
    out = StringIO()
    call_command("agencies", "duplicates", stdout=out)
    assert "TX-lampass-county-sheriffs-office" in out.getvalue()


def test_a_request_signed_under_another_spelling_is_one_agreement(tmp_path: Path) -> None:
    request = Row(
        state="OKLAHOMA", agency="Barndall Police Department", type="Municipality", county="Osage County"
    )
    signed = replace(request, agency="Barnsdall Police Department", signed=date(2025, 9, 20))
    import_paths(
        [
            write(tmp_path, "pendingAgencies09102025am.xlsx", [request], PENDING),
            write(tmp_path, "pendingAgencies09242025am.xlsx", [], PENDING),
            write(tmp_path, "participatingAgencies09242025am.xlsx", [signed]),
        ]
    )
    agreement = Agreement.objects.get()
    assert agreement.id == "OK-barnsdall-police-department#TFM"
    assert (agreement.status, agreement.first_requested, agreement.first_listed) == (
        "active",
        date(2025, 9, 10),
        date(2025, 9, 24),
    )
    assert "requested" in kinds(agreement.id) and "listed" in kinds(agreement.id)
    assert not Agreement.objects.filter(status="withdrawn").exists()


def test_same_list_duplicates_are_one_agency(tmp_path: Path) -> None:
    department = Row(
        agency="Walker County Sheriff's Department", county="Walker", model="Jail Enforcement Model"
    )
    office = replace(department, agency="Walker County Sheriff's Office", model="Warrant Service Officer")
    city = Row(state="FLORIDA", agency="City of Hialeah Police Department", type="Municipality", county="")
    bare = replace(city, agency="Hialeah Police Department", model="Warrant Service Officer")
    suffixed = Row(state="PENNSYLVANIA", agency="Addison Borough Constable's Office, PA", county="")
    plain = replace(suffixed, agency="Addison Borough Constable's Office", model="Warrant Service Officer")
    import_paths(
        [
            write(
                tmp_path,
                "participatingAgencies05182026am.xlsx",
                [department, office, city, bare, suffixed, plain],
            )
        ]
    )
    assert sorted(Agency.objects.values_list("id", flat=True)) == [
        "FL-hialeah-police-department",
        "PA-addison-borough-constables-office",
        "TX-walker-county-sheriffs-office",
    ]
    walker = stats(date(2026, 5, 18))
    assert (walker["agreements"], walker["agencies"]) == (6, 3)


def test_duplicates_with_the_same_model_on_one_list_are_left_for_review(tmp_path: Path) -> None:
    """Folding them would fold two rows of one list into one and change its figures."""
    city = Row(
        state="FLORIDA", agency="City of Zephyrhills Police Department", type="Municipality", county=""
    )
    bare = replace(city, agency="Zephyrhills Police Department")
    import_paths([write(tmp_path, "participatingAgencies05182026am.xlsx", [city, bare])])
    assert Agency.objects.count() == 2
    assert stats(date(2026, 5, 18))["agreements"] == 2
    assert open_pair_count() == 1


def test_keep_apart_is_recorded_and_closes_the_pair(tmp_path: Path) -> None:
    city = Row(
        state="FLORIDA", agency="City of Zephyrhills Police Department", type="Municipality", county=""
    )
    bare = replace(city, agency="Zephyrhills Police Department")
    import_paths([write(tmp_path, "participatingAgencies05182026am.xlsx", [city, bare])])
    first, second = "FL-city-of-zephyrhills-police-department", "FL-zephyrhills-police-department"
    out = StringIO()
    call_command("agencies", "duplicates", "--json", stdout=out)
    assert '"same model on one list"' in out.getvalue() or first in out.getvalue()
    call_command("agencies", "keep-apart", first, second, stdout=StringIO())
    assert open_pair_count() == 0
    assert AuditEntry.objects.filter(action="registry.agency.keep_apart", object_id=first).exists()
    out = StringIO()
    call_command("agencies", "decisions", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed[-1] == {"action": "keep_apart", "agencies": [first, second]}
    assert len(printed) == len(shipped_decisions()) + 1
    with pytest.raises(CommandError, match="no agency 'FL-nowhere'"):
        call_command("agencies", "keep-apart", first, "FL-nowhere")


def test_import_order_does_not_matter_and_load_history_agrees(tmp_path: Path) -> None:
    paths = spelling_fix(tmp_path)
    import_paths(paths)
    expected = registry_dump()
    export_history(tmp_path / "h.json.gz")
    for seed in (1, 2, 3):
        for model in (Event, Agreement, Agency):
            model.objects.all().delete()
        from g287.registry.models import AgencyAlias, AgreementVersion, Snapshot

        for model in (AgreementVersion, AgencyAlias, Snapshot):
            model.objects.all().delete()
        shuffled = list(paths)
        random.Random(seed).shuffle(shuffled)
        for path in shuffled:
            import_paths([path])
        assert registry_dump() == expected
    load_history(tmp_path / "h.json.gz", replace=True)
    assert registry_dump() == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("program_admin", 200),
        ("program_reviewer", 200),
        ("agency_admin", 403),
        ("auditor", 403),
    ],
)
def test_the_office_screen_shows_the_queue_to_the_program_office_only(
    tmp_path: Path, role: str, expected: int
) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    from g287.accounts.models import Profile

    city = Row(
        state="FLORIDA", agency="City of Zephyrhills Police Department", type="Municipality", county=""
    )
    import_paths(
        [
            write(
                tmp_path,
                "participatingAgencies05182026am.xlsx",
                [city, replace(city, agency="Zephyrhills Police Department")],
            )
        ]
    )
    user = User.objects.create_user(f"u-{role}", f"{role}@example.org", "a-long-test-password-287")
    Profile.objects.create(
        user=user, role=role, agency=Agency.objects.first() if role == "agency_admin" else None
    )
    client = Client()
    assert client.get("/office/agencies/duplicates/").status_code == 302  # signed out: to the login page
    client.force_login(user)
    response = client.get("/office/agencies/duplicates/")
    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        assert "FL-city-of-zephyrhills-police-department" in page and "1 pair to review" in page


def test_a_request_that_left_the_pending_list_is_called_that(tmp_path: Path) -> None:
    """ICE publishes no withdrawals: pages, API and downloads say what the lists show."""
    from django.test import Client

    request = Row(
        state="MISSOURI", agency="Wheaton Police Department", type="Municipality", county="Barry County"
    )
    import_paths(
        [
            write(tmp_path, "pendingAgencies09102025am.xlsx", [request], PENDING),
            write(tmp_path, "pendingAgencies09242025am.xlsx", [], PENDING),
        ]
    )
    client = Client()
    page = client.get("/agreements/?status=withdrawn").content.decode()
    assert "Left the pending list" in page and "withdrawn" not in page.replace(
        "status=withdrawn", ""
    ).replace('value="withdrawn"', "").replace("status-withdrawn", "")
    spanish = client.get("/agreements/?status=withdrawn", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Salió de la lista de pendientes" in spanish
    api = client.get("/api/agreements", {"status": "withdrawn"}).json()
    assert [(a["status"], a["status_text"]) for a in api["results"]] == [
        ("withdrawn", "Left the pending list")
    ]
    csv_text = client.get("/agreements/?status=withdrawn&format=csv").content.decode()
    header, row = csv_text.splitlines()[:2]
    assert header.endswith(",status_text") and row.endswith(",Left the pending list")


def test_a_join_a_later_list_disproves_is_undone_and_the_undoing_is_audited(tmp_path: Path) -> None:
    """The typo and the fixed name were joined as one agency; a later list shows both at once, so they
    are two. Undoing the join changes what the registry says of both: it is in the audit log, each
    agency with the one it had been part of."""
    import_paths(spelling_fix(tmp_path))
    assert current_id(TYPO_ID) == FIXED_ID
    both = write(tmp_path, "participatingAgencies01052026am.xlsx", [DIMMIT_TYPO, DIMMIT, HARRIS])
    import_paths([both])
    assert current_id(TYPO_ID) == TYPO_ID
    assert Agreement.objects.get(id=f"{TYPO_ID}#TFM").status == "active"
    undone = AuditEntry.objects.get(action="registry.agency.continuity_undone")
    assert (undone.object_id, undone.before, undone.after) == (
        TYPO_ID,
        {"part_of": FIXED_ID},
        {"part_of": None},
    )


def test_a_name_garbled_by_the_web_page_capture_is_the_agency_it_garbles(tmp_path: Path) -> None:
    """The archive's capture of 2024-12-11 lists Walton County's sheriff as "Waria-labelon County" (its
    MOA link still says Walton): the same agreement, not a new agency whose listing ends Walton's for two
    months (aliases.json)."""
    walton = Row(state="FLORIDA", agency="Walton County Sheriff's Office", county="Walton County",
                 model="Warrant Service Officer", signed=date(2019, 5, 6), moa=None)  # fmt: skip
    garbled = replace(walton, agency="Waria-labelon County Sheriff's Office")
    import_paths(
        [
            write(tmp_path, "participatingAgencies12042024am.xlsx", [walton, HARRIS]),
            write(tmp_path, "participatingAgencies12112024am.xlsx", [garbled, HARRIS]),
            write(tmp_path, "participatingAgencies12182024am.xlsx", [walton, HARRIS]),
        ]
    )
    assert not Agency.objects.filter(id__contains="labelon").exists()
    events = kinds("FL-walton-county-sheriffs-office#WSO")
    assert events[:2] == ["listed", "signed"] and not {"removed", "relisted"} & set(events)
    assert Agreement.objects.get(id="FL-walton-county-sheriffs-office#WSO").status == "active"
