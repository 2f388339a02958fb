"""ICE's corrections that the first rules missed (an audit of the figures against the raw files): a
spelling that comes back after a few lists, one MOA file under a misspelt name of an agency people have
joined, and a request ICE put under the wrong state. No ../shared needed."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from g287.registry.continuity import renames, wrong_state_requests
from g287.registry.history import Values, Version
from g287.registry.importer import import_paths
from g287.registry.models import Agency, Agreement, Event
from g287.registry.queries import stats
from tests.registry.dump import registry_dump
from tests.registry.ice_files import PENDING, write
from tests.registry.ice_files import Agreement as Row
from tests.registry.test_import_order_history import empty_tables

pytestmark = pytest.mark.usefixtures("empty_registry")

HARRIS = Row()


def harris(day: int) -> Row:
    """Harris County's row, its signing date told apart per list: ICE's archive holds one file per
    distinct content, and so does the importer."""
    return replace(HARRIS, signed=date(2025, 3, day))


def _events(agreement: str) -> list[str]:
    return list(
        Event.objects.filter(agreement_id=agreement)
        .order_by("order_key", "id")
        .values_list("kind", flat=True)
    )


def test_a_spelling_that_comes_back_is_one_agreement(tmp_path: Path) -> None:
    """Indialantic PD (FL): listed, then misspelt "Indiatlantic" for two months, then right again, same
    signing date and, from July, the same MOA file. Not an ending and a new agreement."""
    right = Row(state="FLORIDA", agency="Indialantic Police Department", type="Municipality", county="",
                signed=date(2025, 5, 13), moa=None)  # fmt: skip
    wrong = replace(right, agency="Indiatlantic Police Department")
    moa = "IndiatlanticPoliceDeptFL_TFM_MOA_05132025.pdf"
    import_paths(
        [
            write(tmp_path, "participatingAgencies05162025am.xlsx", [right, HARRIS]),
            write(tmp_path, "participatingAgencies05192025pm.xlsx", [wrong, HARRIS]),
            write(tmp_path, "participatingAgencies07142025am.xlsx", [replace(wrong, moa=moa), HARRIS]),
            write(tmp_path, "participatingAgencies07152025am.xlsx", [replace(right, moa=moa), HARRIS]),
        ]
    )
    assert not Agency.objects.filter(id__contains="indiatlantic").exists()
    agreement = Agreement.objects.get(id="FL-indialantic-police-department#TFM")
    assert (agreement.status, agreement.first_listed) == ("active", date(2025, 5, 16))
    assert "removed" not in _events(agreement.id)
    assert _events(agreement.id).count("renamed") == 2
    assert not Agreement.objects.filter(status="ended").exists()
    assert [
        stats(day)["agreements"] for day in (date(2025, 5, 16), date(2025, 5, 19), date(2025, 7, 15))
    ] == [
        2,
        2,
        2,
    ]


def test_three_spellings_taking_turns_are_one_agency(tmp_path: Path) -> None:
    """Greens Fork PD (IN): requested as "Greens Fork", listed as "Green Forks", "Greens Forks" for one
    list, "Greens Fork" and "Green Forks" again in turn, one MOA and one signing date throughout; no list
    shows two of the names."""
    pending = Row(state="INDIANA", agency="Greens Fork Police Department", type="Municipality", county="")
    listed = replace(pending, signed=date(2025, 4, 10), moa="GreenForksPoliceDeptIN_TFM_MOA_04.10.2025.pdf")
    names = ["Green Forks", "Greens Forks", "Green Forks", "Greens Fork", "Green Forks", "Greens Fork"]
    days = ["04292025pm", "07092025pm", "07142025am", "08082025pm", "08112025am", "09092025pm"]
    paths = [write(tmp_path, "pendingAgencies04032025pm.xlsx", [pending], PENDING)]
    paths.append(write(tmp_path, "pendingAgencies04282025pm.xlsx", [HARRIS], PENDING))
    for n, (name, day) in enumerate(zip(names, days, strict=True), start=1):
        row = replace(listed, agency=f"{name} Police Department")
        paths.append(write(tmp_path, f"participatingAgencies{day}.xlsx", [row, harris(n)]))
    import_paths(paths)
    assert list(Agency.objects.filter(state="IN").values_list("id", flat=True)) == [
        "IN-greens-fork-police-department"
    ]
    agreement = Agreement.objects.get(id="IN-greens-fork-police-department#TFM")
    assert (agreement.status, agreement.first_requested, agreement.first_listed) == (
        "active",
        date(2025, 4, 3),
        date(2025, 4, 29),
    )
    assert "removed" not in _events(agreement.id)


def test_a_misspelt_name_for_one_list_between_two_names_people_joined(tmp_path: Path) -> None:
    """The Florida Department of Agriculture's TFM (decisions.json joins it to its Office of Agricultural
    Law Enforcement) is listed for one list as "Office of Aggricultural Law Enforcement", same MOA file and
    signing date, between two lists naming the department: the misspelling is the office."""
    moa = "FloridaAgLawEnfOffice_TFM_MOA_06112025.pdf"
    department = Row(state="FLORIDA", agency="Florida Department of Agriculture", type="State Agency",
                     county="", signed=date(2025, 6, 11), moa=moa)  # fmt: skip
    office = replace(department, agency="Office of Agricultural Law Enforcement")
    typo = replace(department, agency="Office of Aggricultural Law Enforcement")
    import_paths(
        [
            write(tmp_path, "participatingAgencies08082025am.xlsx", [department, HARRIS]),
            write(tmp_path, "participatingAgencies08082025pm.xlsx", [typo, HARRIS]),
            write(tmp_path, "participatingAgencies08112025am.xlsx", [department, harris(2)]),
            write(tmp_path, "participatingAgencies08112025pm.xlsx", [office, HARRIS]),
        ]
    )
    assert list(Agency.objects.filter(state="FL").values_list("id", flat=True)) == [
        "FL-office-of-agricultural-law-enforcement"
    ]
    agreement = Agreement.objects.get(id="FL-office-of-agricultural-law-enforcement#TFM")
    assert agreement.status == "active" and "removed" not in _events(agreement.id)


def test_a_state_police_listed_without_department_for_one_list(tmp_path: Path) -> None:
    """Arkansas State Police: requested under that name, listed as "... Department", then for one list
    as "Arkansas State Police" (same MOA file), then "... Department" again."""
    request = Row(state="ARKANSAS", agency="Arkansas State Police", type="State Agency", county="")
    department = replace(request, agency="Arkansas State Police Department", signed=date(2025, 7, 7),
                         moa="ArkansasStatePoliceTFM-07302025.pdf")  # fmt: skip
    short = replace(department, agency="Arkansas State Police")
    import_paths(
        [
            write(tmp_path, "pendingAgencies05302025pm.xlsx", [request], PENDING),
            write(tmp_path, "pendingAgencies07082025pm.xlsx", [HARRIS], PENDING),
            write(tmp_path, "participatingAgencies07082025pm.xlsx", [department, HARRIS]),
            write(tmp_path, "participatingAgencies08082025pm.xlsx", [short, HARRIS]),
            write(tmp_path, "participatingAgencies08112025am.xlsx", [department, harris(2)]),
        ]
    )
    assert Agency.objects.filter(state="AR").count() == 1
    agreement = Agreement.objects.get(state="AR")
    assert agreement.status == "active" and agreement.first_requested == date(2025, 5, 30)
    assert "removed" not in _events(agreement.id)


def test_two_names_of_one_agreement_listed_side_by_side_stay_two(tmp_path: Path) -> None:
    """City of St. Cloud PD and St. Cloud PD (FL) are listed side by side for two months, then the
    first leaves: joining them would take a row off every list that showed both, so the ending stays."""
    city = Row(state="FLORIDA", agency="City of St. Cloud Police Department", type="Municipality", county="",
               signed=date(2025, 4, 15), moa=None)  # fmt: skip
    plain = replace(city, agency="St. Cloud Police Department", signed=date(2025, 4, 14))
    import_paths(
        [
            write(tmp_path, "participatingAgencies04292025pm.xlsx", [city, HARRIS]),
            write(tmp_path, "participatingAgencies05122025am.xlsx", [city, plain, HARRIS]),
            write(tmp_path, "participatingAgencies07032025pm.xlsx", [plain, HARRIS]),
        ]
    )
    assert Agreement.objects.get(id="FL-city-of-saint-cloud-police-department#TFM").status == "ended"
    assert stats(date(2025, 5, 12))["agreements"] == 3


MCINTOSH = Row(state="TEXAS", agency="McIntosh County Sheriff's Office", county="McIntosh County", moa=None)


def test_a_request_under_the_wrong_state_is_the_agreement_signed_in_the_right_one(tmp_path: Path) -> None:
    """ICE listed McIntosh County SO's request as Texas (which has no McIntosh County); the next day it
    was signed and listed in Oklahoma. One signed request, not a Texas request that left the list."""
    signed = replace(
        MCINTOSH, state="OKLAHOMA", signed=date(2026, 2, 10), moa="McIntoshCoSheriffsOfficeOK.pdf"
    )
    import_paths(
        [
            write(tmp_path, "pendingAgencies02092026am.xlsx", [MCINTOSH, HARRIS], PENDING),
            write(tmp_path, "pendingAgencies02112026am.xlsx", [HARRIS], PENDING),
            write(tmp_path, "participatingAgencies02112026am.xlsx", [signed, HARRIS]),
        ]
    )
    assert not Agreement.objects.filter(status="withdrawn").exists()
    assert not Agency.objects.filter(id__startswith="TX-mcintosh").exists()
    agreement = Agreement.objects.get(id="OK-mcintosh-county-sheriffs-office#TFM")
    assert (agreement.status, agreement.first_requested, agreement.first_listed) == (
        "active",
        date(2026, 2, 9),
        date(2026, 2, 11),
    )
    assert Agency.objects.get(id="OK-mcintosh-county-sheriffs-office").state == "OK"
    # The old id still leads to the agency.
    from g287.registry.reconcile import current_id

    assert current_id("TX-mcintosh-county-sheriffs-office") == "OK-mcintosh-county-sheriffs-office"


def _versions(rows: list[tuple[str, str, str, str | None]]) -> list[Version]:
    """(agreement, kind, from, to) with one row's values; keys are ISO days."""
    values = Values("Some County Sheriff's Office", "County", "Some County", None, "", "", "", "")
    return [Version(a, kind, start, end, values) for a, kind, start, end in rows]


def _days(*keys: str) -> dict[str, date]:
    return {k: date.fromisoformat(k) for k in keys}


def test_the_wrong_state_rule_finds_a_request_signed_or_moved_in_one_other_state() -> None:
    days = _days("2026-02-09", "2026-02-11", "2026-05-01")
    signed = _versions(
        [
            ("TX-some-county-sheriffs-office#TFM", "pending", "2026-02-09", "2026-02-11"),
            ("OK-some-county-sheriffs-office#TFM", "participating", "2026-02-11", None),
        ]
    )
    assert [(p.old, p.new) for p in wrong_state_requests(signed, days)] == [
        ("TX-some-county-sheriffs-office#TFM", "OK-some-county-sheriffs-office#TFM")
    ]
    moved = _versions(
        [
            ("FL-some-county-sheriffs-office#TFM", "pending", "2026-02-09", "2026-02-11"),
            ("SC-some-county-sheriffs-office#TFM", "pending", "2026-02-11", "2026-05-01"),
            ("SC-some-county-sheriffs-office#TFM", "participating", "2026-05-01", None),
        ]
    )
    assert [p.evidence["list"] for p in wrong_state_requests(moved, days)] == ["pending -> pending"]


def test_the_wrong_state_rule_leaves_a_name_two_other_states_have() -> None:
    """McIntosh County exists in Georgia, North Dakota and Oklahoma: a request under a third state's name
    is unambiguous only when one other state has an agency of that name."""
    days = _days("2026-02-09", "2026-02-11")
    versions = _versions(
        [
            ("TX-some-county-sheriffs-office#TFM", "pending", "2026-02-09", "2026-02-11"),
            ("OK-some-county-sheriffs-office#TFM", "participating", "2026-02-11", None),
            ("GA-some-county-sheriffs-office#JEM", "participating", "2026-02-09", None),
        ]
    )
    assert wrong_state_requests(versions, days) == []
    late = _days("2026-02-09", "2026-02-11", "2026-05-01")
    signed_long_after = _versions(
        [
            ("TX-some-county-sheriffs-office#TFM", "pending", "2026-02-09", "2026-02-11"),
            ("OK-some-county-sheriffs-office#TFM", "participating", "2026-05-01", None),
        ]
    )
    assert wrong_state_requests(signed_long_after, late) == []


def test_a_request_under_the_wrong_state_gives_one_registry_in_any_import_order(tmp_path: Path) -> None:
    """The Texas row alone, then the Oklahoma list (and the other way round), give what one import of
    both gives: the names are resolved to Oklahoma's agency from the first row, not joined later."""
    signed = replace(
        MCINTOSH, state="OKLAHOMA", signed=date(2026, 2, 10), moa="McIntoshCoSheriffsOfficeOK.pdf"
    )
    paths = [
        write(tmp_path, "pendingAgencies02092026am.xlsx", [MCINTOSH, HARRIS], PENDING),
        write(tmp_path, "pendingAgencies02112026am.xlsx", [HARRIS], PENDING),
        write(tmp_path, "participatingAgencies02112026am.xlsx", [signed, HARRIS]),
    ]
    import_paths(paths)
    expected = registry_dump()
    for batches in ([paths[:1], paths[1:]], [paths[2:], paths[:2]]):
        empty_tables()
        for batch in batches:
            import_paths(batch)
        assert registry_dump() == expected


def test_of_two_candidates_on_one_list_the_one_with_the_same_moa_file_is_the_rename() -> None:
    values = Values(
        "Lampass County Sheriff's Office", "County", "", date(2025, 7, 15), "posted", "L.pdf", "", ""
    )
    fixed = replace(values, name="Lampasas County Sheriff's Office")
    other = replace(values, name="Lampasa County Sheriff's Office", moa_url="Other.pdf")
    versions = [
        Version("TX-lampass-county-sheriffs-office#TFM", "participating", "k1", "k2", values),
        Version("TX-lampasas-county-sheriffs-office#TFM", "participating", "k2", None, fixed),
        Version("TX-lampasa-county-sheriffs-office#TFM", "participating", "k2", None, other),
    ]
    sure, competing = renames(versions)
    assert [(p.old, p.new) for p in sure] == [
        ("TX-lampass-county-sheriffs-office#TFM", "TX-lampasas-county-sheriffs-office#TFM")
    ]
    assert len(competing) == 1
    # Without the MOA file to tell them apart, both wait for a person.
    versions[2] = replace(versions[2], values=replace(other, moa_url="L.pdf"))
    assert renames(versions)[0] == []
