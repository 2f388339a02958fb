"""Two imports that share a file, at the same time, on PostgreSQL (SQLite admits one writer anyway)."""

import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

from g287.registry.importer import FileResult, apply_snapshots, read_files
from g287.registry.models import Agency, AgencyAlias, Agreement, AgreementVersion, Event, Snapshot
from tests.registry.ice_files import Agreement as Row
from tests.registry.ice_files import write


def test_the_second_import_finds_the_shared_file_known(transactional_db: None, tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite never runs two imports at once")
    for model in (Event, AgreementVersion, Agreement, AgencyAlias, Agency, Snapshot):
        model.objects.all().delete()
    shared = write(tmp_path, "participatingAgencies05142026am.xlsx", [Row()])
    first_only = write(tmp_path, "participatingAgencies05152026am.xlsx", [Row(), Row(agency="Agency A")])
    second_only = write(tmp_path, "participatingAgencies05162026am.xlsx", [Row(), Row(agency="Agency B")])
    # Both imports read their files before either writes: each finds the shared file new.
    first_files, _ = read_files([shared, first_only])
    second_files, _ = read_files([shared, second_only])
    results: dict[str, list[FileResult] | BaseException] = {}
    release = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                results["first"] = apply_snapshots(
                    [p for _, p in first_files], [str(f) for f, _ in first_files]
                )
                release.wait(30)  # keep the first import's transaction open while the second one starts
        finally:
            connection.close()

    def second() -> None:
        try:
            results["second"] = apply_snapshots(
                [p for _, p in second_files], [str(f) for f, _ in second_files]
            )
        except BaseException as exc:
            results["second"] = exc
        finally:
            connection.close()

    one = threading.Thread(target=first)
    one.start()
    deadline = time.monotonic() + 30
    while "first" not in results and time.monotonic() < deadline:
        time.sleep(0.05)
    two = threading.Thread(target=second)
    two.start()
    time.sleep(1)
    assert two.is_alive(), "the second import did not wait for the first"
    release.set()
    one.join(30)
    two.join(30)
    outcome = results["second"]
    assert isinstance(outcome, list), outcome
    assert [(Path(f.path).name, f.status) for f in outcome] == [
        (shared.name, "known"),
        (second_only.name, "imported"),
    ]
    assert sorted(Snapshot.objects.values_list("source_name", flat=True)) == [
        shared.name,
        first_only.name,
        second_only.name,
    ]
    assert Agreement.objects.filter(status="active").count() == 2  # Harris and Agency B, as of 05-16
