import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from g287.core.audit import verify_chain
from g287.core.models import AuditEntry
from g287.registry.history_file import export_history, load_history
from g287.registry.importer import import_paths
from g287.registry.models import Agency, Agreement, Event, Snapshot
from g287.registry.queries import changes, rows_at, stats
from tests.registry.dump import registry_dump
from tests.registry.ice_files import Agreement as Row
from tests.registry.ice_files import write
from tests.registry.scenario import scenario

pytestmark = pytest.mark.usefixtures("empty_registry")
HARRIS = "TX-harris-county-sheriffs-office#TFM"
LEE = "FL-lee-county-sheriffs-office#JEM"
NIXON = "TX-nixon-police-department#WSO"


def events(agreement: str) -> list[tuple[str, str, str, str]]:
    return [
        (e.date.isoformat(), e.kind, e.old, e.new)
        for e in Event.objects.filter(agreement_id=agreement).order_by("order_key", "id")
    ]


def test_history_of_each_agreement_is_reconstructed(tmp_path: Path) -> None:
    report = import_paths(scenario(tmp_path))
    assert report.ok and report.count("imported") == 6
    assert sorted(events(HARRIS)) == sorted(
        [
            ("2025-03-13", "requested", "", ""),
            ("2025-03-17", "listed", "", ""),
            ("2025-03-17", "signed", "", "2025-03-01"),
            ("2025-04-01", "moa_posted", "", "https://www.ice.gov/doclib/287gMOA/HarrisCoTX_TFM_MOA.pdf"),
            ("2025-04-02", "request_dropped", "", ""),
            ("2025-04-02", "signed_corrected", "2025-03-01", "2025-03-02"),
            ("2025-04-02", "renamed", "Harris County Sheriff's Office", "Harris Co. Sheriffs Office"),
        ]
    )
    assert [e[:2] for e in sorted(events(LEE))] == [
        ("2025-03-13", "requested"),
        ("2025-04-01", "listed"),
        ("2025-04-01", "moa_posted"),
        ("2025-04-01", "signed"),
        ("2025-04-02", "removed"),
        ("2025-04-02", "request_dropped"),
        ("2025-04-03", "relisted"),
    ]
    assert ("2025-04-01", "county_changed", "Gonzales County", "Gonzales Co") in events(NIXON)
    harris = Agreement.objects.get(id=HARRIS)
    assert (harris.status, harris.signed, harris.moa, harris.first_listed) == (
        "active",
        date(2025, 3, 2),
        "posted",
        date(2025, 3, 17),
    )
    assert Agency.objects.get(id="TX-harris-county-sheriffs-office").name == "Harris Co. Sheriffs Office"
    every_event_cites_a_snapshot = Event.objects.filter(snapshot__isnull=True).count() == 0
    assert every_event_cites_a_snapshot


def test_each_participating_snapshot_shows_exactly_its_rows(tmp_path: Path) -> None:
    import_paths(scenario(tmp_path))
    expected = {
        "participatingAgencies-20250317231040.xlsx": {HARRIS, NIXON},
        "participatingAgencies04012025am.xlsx": {HARRIS, LEE, NIXON},
        "participatingAgencies04022025am.xlsx": {HARRIS, NIXON},
        "participatingAgencies04032025am.xlsx": {HARRIS, LEE, NIXON},
    }
    for name, agreements in expected.items():
        assert set(rows_at(Snapshot.objects.get(source_name=name))) == agreements, name


def test_importing_the_same_content_again_changes_nothing_and_says_so(tmp_path: Path) -> None:
    files = scenario(tmp_path)
    import_paths(files)
    before = registry_dump()
    out = StringIO()
    call_command("import", *map(str, files), "--quiet", stdout=out)
    assert "0 file(s), 6 already known" in out.getvalue()
    assert "Nothing new" in out.getvalue()
    assert registry_dump() == before


def test_import_order_does_not_matter(tmp_path: Path) -> None:
    files = scenario(tmp_path)
    import_paths(files)
    in_order = registry_dump()
    for model in (Event, Agreement, Agency, Snapshot):
        model.objects.all().delete()
    for path in [files[4], files[1], files[5], files[0], files[3], files[2]]:
        assert import_paths([path]).ok
    assert registry_dump() == in_order


def test_a_bad_file_fails_alone_and_names_itself(tmp_path: Path) -> None:
    good = scenario(tmp_path)[:2]
    bad = write(tmp_path, "participatingAgencies04012025am.xlsx", [Row(state="ATLANTIS")])
    broken = tmp_path / "participatingAgencies04022025am.xlsx"
    broken.write_bytes(b"not a workbook")
    err = StringIO()
    with pytest.raises(CommandError, match="2 file\\(s\\) failed"):
        call_command("import", *map(str, [*good, bad, broken]), "--quiet", stdout=StringIO(), stderr=err)
    assert "participatingAgencies04012025am.xlsx, row 2, column A: unknown state 'ATLANTIS'" in err.getvalue()
    assert "participatingAgencies04022025am.xlsx: not an .xlsx workbook" in err.getvalue()
    assert sorted(Snapshot.objects.values_list("source_name", flat=True)) == sorted(p.name for p in good)


def test_folders_are_walked(tmp_path: Path) -> None:
    scenario(tmp_path)
    out = StringIO()
    call_command("import", str(tmp_path), "--quiet", stdout=out)
    assert "Imported 6 file(s)" in out.getvalue()


def test_stats_json(tmp_path: Path) -> None:
    import_paths(scenario(tmp_path))
    out = StringIO()
    call_command("stats", "--as-of", "2025-04-02", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["as_of"] == "2025-04-02"
    assert result["snapshot"]["file"] == "participatingAgencies04022025am.xlsx"
    assert (result["agreements"], result["agencies"], result["states"]) == (2, 2, 1)
    assert result["by_model"] == {"JEM": 0, "TFM": 1, "WSO": 1}
    assert result["by_type"] == {"county": 1, "municipality": 1, "state": 0}
    assert result["pending"] == 0
    assert stats(date(2025, 3, 14))["pending"] == 2
    assert stats(date(2020, 1, 1))["agreements"] is None  # no list yet: unknown, not 0


def test_stats_rejects_a_bad_date() -> None:
    with pytest.raises(CommandError, match="'2025-13-01' is not a date"):
        call_command("stats", "--as-of", "2025-13-01")


def test_changes_agree_with_stats(tmp_path: Path) -> None:
    import_paths(scenario(tmp_path))
    result = changes(date(2025, 3, 17), date(2025, 4, 3))
    assert result["counts"] == {"added": 1, "removed": 0, "changed": 2}
    assert [a["agreement"] for a in result["added"]] == [LEE]
    net = stats(date(2025, 4, 3))["agreements"] - stats(date(2025, 3, 17))["agreements"]
    assert result["counts"]["added"] - result["counts"]["removed"] == net
    harris = next(c for c in result["changed"] if c["agreement"] == HARRIS)
    assert harris["fields"]["signed"] == {"from": "2025-03-01", "to": "2025-03-02"}


def test_changes_command_rejects_reversed_dates() -> None:
    with pytest.raises(CommandError, match="--from 2025-05-01 is after --to 2025-04-01"):
        call_command("changes", "--from", "2025-05-01", "--to", "2025-04-01")


def test_load_history_gives_the_same_registry_as_import(tmp_path: Path) -> None:
    import_paths(scenario(tmp_path))
    imported = registry_dump()
    export_history(tmp_path / "history.json.gz")
    load_history(tmp_path / "history.json.gz", replace=True)
    assert registry_dump() == imported


def test_newer_files_import_on_top_of_a_loaded_history(tmp_path: Path) -> None:
    files = scenario(tmp_path)
    import_paths(files)
    everything = registry_dump()
    import_paths(files[:-1])  # no-op: already known
    export_history(tmp_path / "h.json.gz")
    for model in (Event, Agreement, Agency, Snapshot):
        model.objects.all().delete()
    import_paths(files[:-1])
    export_history(tmp_path / "partial.json.gz")
    load_history(tmp_path / "partial.json.gz", replace=True)
    import_paths(files[-1:])
    assert registry_dump() == everything


def test_load_history_refuses_a_damaged_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(b"nope")
    with pytest.raises(CommandError, match=r"bad\.json\.gz: not a g287 history file"):
        call_command("load-history", str(bad))


def test_every_import_is_in_the_audit_log(tmp_path: Path) -> None:
    import_paths(scenario(tmp_path))
    entries = AuditEntry.objects.filter(action="registry.snapshot.import")
    assert entries.count() == 6
    first = entries.order_by("id").first()
    assert first is not None and first.after["file"] == "pendingAgencies-20250313172004.xlsx"
    assert verify_chain() is None
