"""Import order does not matter on the real archive (needs ../shared): the registry built file by file, or
in batches split anywhere, equals the one a single import of every file builds."""

from datetime import date
from pathlib import Path

import pytest

from g287.core.models import AuditEntry
from g287.registry.ice.filenames import parse_file_name
from g287.registry.importer import import_paths
from g287.registry.models import Agency, AgencyAlias, Agreement, AgreementVersion, Event, Snapshot
from g287.registry.queries import stats
from tests.conftest import ICE_DIR
from tests.registry.dump import registry_dump

pytestmark = [
    pytest.mark.shared,
    pytest.mark.usefixtures("empty_registry"),
    pytest.mark.xdist_group("shared"),
]


def _by_date() -> list[Path]:
    return sorted(ICE_DIR.glob("*/*.xlsx"), key=lambda p: (_day(p), p.name))


def empty_tables() -> None:
    for model in (Event, AgreementVersion, Agreement, AgencyAlias, Agency, Snapshot, AuditEntry):
        model.objects.all().delete()


def _in_two_imports(first: list[Path], then: list[Path]) -> dict[str, object]:
    empty_tables()
    for batch in (first, then):
        report = import_paths(batch)
        assert report.ok, [f.message for f in report.files if f.status == "failed"]
    return registry_dump()


def test_the_last_file_imported_alone_gives_what_one_import_of_everything_gives() -> None:
    """What `g287 import NEW_FILE` does to the full registry: its continuity pass looks only at the
    agencies the new list touches, and must reach the same registry as planning over everything."""
    paths = _by_date()
    import_paths(paths)
    expected = registry_dump()
    assert _in_two_imports(paths[:-1], paths[-1:]) == expected


def test_lists_imported_in_two_batches_give_what_one_import_gives() -> None:
    """Imported up to 2025-07-09, then the rest: the first import sees "Green Forks" (IN) leave and
    "Greens Forks" appear on 2025-07-09 and joins them, as it sees "Florida Department of Environmental
    Protection" and "..., Division of Law Enforcement" as one. Later lists list both Florida names side by
    side from 2025-07-15: that join must be undone, not kept, or ten lists lose a row (811 agreements on
    2025-07-15, not 810) and the agencies differ from a single import. The Indiana names only take turns
    ("Green Forks", "Greens Forks", "Greens Fork"; one MOA file, signed 2025-04-10; no list shows two of
    them), so they stay one agency whatever the order."""
    paths = _by_date()
    import_paths(paths)
    expected = registry_dump()
    split = next(i for i, p in enumerate(paths) if _day(p) > "2025-07-09")
    assert _in_two_imports(paths[:split], paths[split:]) == expected
    assert stats(date(2025, 7, 15))["agreements"] == 811
    forks = sorted(Agency.objects.filter(state="IN", id__contains="fork").values_list("id", flat=True))
    assert forks == ["IN-greens-fork-police-department"]
    assert Agency.objects.filter(state="FL", id__contains="environmental-protection").count() == 2


def _day(path: Path) -> str:
    published = parse_file_name(path.name).published_at
    assert published is not None
    return published.date().isoformat()
