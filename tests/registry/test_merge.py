from dataclasses import replace
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from g287.core.models import AuditEntry
from g287.registry.importer import import_paths
from g287.registry.models import Agency, Agreement, Event
from g287.registry.queries import stats
from tests.registry.ice_files import Agreement as Row
from tests.registry.ice_files import write

pytestmark = pytest.mark.usefixtures("empty_registry")
KEEP = "TX-harris-county-sheriffs-office"
FOLD = "TX-harris-county-detention-center"


def files(folder: Path) -> list[Path]:
    office = Row(agency="Harris County Sheriff's Office")
    department = replace(
        office, agency="Harris County Detention Center"
    )  # not a spelling continuity would fix
    return [
        write(folder, "participatingAgencies04012025am.xlsx", [office]),
        write(folder, "participatingAgencies04022025am.xlsx", [department]),
        write(
            folder,
            "participatingAgencies04032025am.xlsx",
            [department, replace(office, model="Warrant Service Officer")],
        ),
    ]


def test_merge_folds_names_agreements_and_history(tmp_path: Path) -> None:
    import_paths(files(tmp_path))
    assert Agreement.objects.get(id=f"{KEEP}#TFM").status == "ended"
    out = StringIO()
    call_command("agencies", "merge", KEEP, FOLD, stdout=out)
    assert not Agency.objects.filter(id=FOLD).exists()
    tfm = Agreement.objects.get(id=f"{KEEP}#TFM")
    assert tfm.status == "active"
    assert [e.kind for e in Event.objects.filter(agreement=tfm).order_by("order_key", "id")] == [
        "listed",
        "signed",
        "moa_posted",
        "renamed",
    ]
    assert stats(date(2025, 4, 3))["agencies"] == 1
    entry = AuditEntry.objects.get(action="registry.agency.merge")
    assert entry.object_id == KEEP and entry.before["fold"]["id"] == FOLD


def test_after_a_merge_new_lists_follow_the_merged_name(tmp_path: Path) -> None:
    import_paths(files(tmp_path)[:2])
    call_command("agencies", "merge", KEEP, FOLD, stdout=StringIO())
    import_paths(files(tmp_path)[2:])
    assert not Agency.objects.filter(id=FOLD).exists()
    assert set(Agreement.objects.filter(agency_id=KEEP).values_list("model", flat=True)) == {"TFM", "WSO"}


def test_merge_refuses_unknown_agencies_and_other_states(tmp_path: Path) -> None:
    import_paths(files(tmp_path))
    write(
        tmp_path,
        "participatingAgencies04042025am.xlsx",
        [Row(state="FLORIDA", agency="Lee County Sheriff's Office")],
    )
    import_paths([tmp_path / "participatingAgencies04042025am.xlsx"])
    with pytest.raises(CommandError, match="no agency 'TX-nowhere'"):
        call_command("agencies", "merge", KEEP, "TX-nowhere")
    with pytest.raises(CommandError, match="never merged across states"):
        call_command("agencies", "merge", KEEP, "FL-lee-county-sheriffs-office")
    with pytest.raises(CommandError, match="cannot be merged into itself"):
        call_command("agencies", "merge", KEEP, KEEP)


def test_merge_moves_other_apps_rows_to_the_kept_agency(tmp_path: Path) -> None:
    """Officers (and accounts, claims...) protect their agency from deletion: a merge moves them."""
    from g287.officers.models import Officer

    import_paths(files(tmp_path))
    officer = Officer.objects.create(
        agency_id=FOLD,
        given_name="Sam",
        family_name="Example",
        badge_number="17",
        sworn_since=date(2015, 1, 1),
        model_codes="TFM",
        citizenship_attested=True,
        nominated_on=date(2025, 4, 2),
        synthetic=True,
    )
    call_command("agencies", "merge", KEEP, FOLD, stdout=StringIO())
    officer.refresh_from_db()
    assert officer.agency_id == KEEP
    assert AuditEntry.objects.get(action="registry.agency.merge").after["moved"] == {"officers.Officer": 1}
