"""The real archive: every list ICE published from January 2021 to May 2026 (needs ../shared)."""

import itertools
from datetime import date
from pathlib import Path

import pytest

from g287.registry.history_file import load_history, shipped_history
from g287.registry.ice.batch import parse_many
from g287.registry.importer import import_paths
from g287.registry.models import Snapshot
from g287.registry.queries import rows_at, stats, timeseries
from g287.registry.reconcile import moved_agreements
from g287.registry.resolve import Resolver
from tests.conftest import ICE_DIR
from tests.registry.dump import registry_dump

pytestmark = [
    pytest.mark.shared,
    pytest.mark.usefixtures("empty_registry"),
    pytest.mark.xdist_group("shared"),
]


def test_every_shared_file_imports_and_each_list_is_reproduced_exactly() -> None:
    paths = sorted(ICE_DIR.glob("*/*.xlsx"))
    assert len(paths) == 437
    report = import_paths(paths)
    assert report.ok, [f.message for f in report.files if f.status == "failed"]
    # On 2025-09-22 (pm) ICE's two links served each other's file: the "pending" one is byte for byte
    # the participating list of 09-18, so it is known already; the "participating" one is a pending list.
    assert (report.count("imported"), report.count("known")) == (436, 1)
    swap = stats(date(2025, 9, 22))
    assert swap["pending_snapshot"]["file"] == "participatingAgencies09222025pm.xlsx"
    assert swap["agreements"] == stats(date(2025, 9, 21))["agreements"] > 950
    # No list ends hundreds of agreements at once.
    series = [point["total"] for point in timeseries()]
    drops = [b - a for a, b in itertools.pairwise(series) if b < a]
    assert min(drops, default=0) > -50

    assert stats(date(2025, 1, 20))["agreements"] == 135
    latest = stats(date(2026, 5, 18))
    assert (latest["agreements"], latest["by_model"]) == (1843, {"JEM": 182, "TFM": 1162, "WSO": 499})
    assert latest["states"] == 40

    # For every participating list, the agreements active at its date are exactly its rows (a row ICE
    # listed under the wrong agency counts under the agreement a shipped decision moved it to).
    resolver = Resolver.from_db()
    moved = moved_agreements()
    jobs = [(str(p), p.read_bytes(), None) for p in paths]
    parsed = {p.sha256: p for p in parse_many(jobs) if not isinstance(p, str)}
    snapshots = list(Snapshot.objects.filter(kind="participating"))
    assert len(snapshots) == 207 - 1  # participatingAgencies09222025pm.xlsx is a pending list
    for snapshot in snapshots:
        expected = {moved.get(a, a): v for a, v in resolver.rows(parsed[snapshot.sha256].rows).items()}
        assert rows_at(snapshot) == expected, snapshot.source_name
    # ...and so are the date-level figures, from the day's last list.
    for snapshot in snapshots:
        last_of_day = (
            Snapshot.objects.filter(kind="participating", date=snapshot.date).order_by("-order_key").first()
        )
        if last_of_day == snapshot:
            assert stats(snapshot.date)["agreements"] == len(rows_at(snapshot)), snapshot.source_name

    # The package ships this same history.
    imported = registry_dump()
    load_history(shipped_history(), replace=True)
    assert registry_dump() == imported, "the shipped history is stale: run `g287 export-history`"


def test_shared_folder_is_where_the_tests_expect_it() -> None:
    assert isinstance(ICE_DIR, Path) and (ICE_DIR / "README.md").is_file()
