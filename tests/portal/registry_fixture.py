"""A module-scoped registry built from the hand-made lists, shared by tests/portal and tests/api.

It replaces the registry once per test module, outside the per-test transactions; afterwards the shipped
history that tests/conftest.py loads into every test database is put back, so tests that run later in the
same session find the registry they expect."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from g287.registry.history_file import load_history, shipped_history
from g287.registry.importer import import_paths
from g287.registry.models import Agency, AgencyAlias, Agreement, AgreementVersion, Event, Snapshot
from tests.portal.workbooks import write_workbooks


def _clear() -> None:
    for model in (Event, AgreementVersion, Agreement, AgencyAlias, Agency, Snapshot):
        model.objects.all().delete()
    cache.clear()


@pytest.fixture(scope="module")
def registry(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Path]]:
    paths = write_workbooks(tmp_path_factory.mktemp("ice"))
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        _clear()
        report = import_paths(paths)
        assert report.ok, [f.message for f in report.files]
    yield paths
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        _clear()
        load_history(shipped_history())


@pytest.fixture(autouse=True)
def _static_root(settings: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    # WhiteNoise warns (an error under this suite's filterwarnings) when STATIC_ROOT does not exist;
    # the portal serves from the app folders, so an empty folder is all it needs.
    settings.STATIC_ROOT = tmp_path_factory.getbasetemp() / "static"  # type: ignore[attr-defined]
    settings.STATIC_ROOT.mkdir(exist_ok=True)  # type: ignore[attr-defined]
