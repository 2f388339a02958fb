"""Shared fixtures. `../shared` data is optional: tests that need it are marked and skip without it."""

import os
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an asyncio loop in the main thread for the whole session; Django would then
# refuse database calls made by later tests in the same worker as if they came from async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SHARED = Path(__file__).resolve().parents[2] / "shared"
ICE_DIR = SHARED / "data" / "ice-287g"
FBI_DIR = SHARED / "data" / "fbi-lee"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if ICE_DIR.is_dir():
        return
    skip = pytest.mark.skip(reason="../shared/data is not present")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _archive_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Files `g287 import` and `g287 fetch` keep go to a throw-away folder, not beside the database."""
    from django.conf import settings
    from django.test.utils import override_settings

    storages = {
        **settings.STORAGES,
        "archive": {
            **settings.STORAGES["archive"],
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("archive"))},
        },
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Every test database starts with the shipped history loaded, once per worker."""
    with django_db_blocker.unblock():
        _load_history_if_empty()


def _load_history_if_empty() -> None:
    from g287.registry.history_file import load_history, registry_is_empty, shipped_history

    if registry_is_empty():
        load_history(shipped_history())


@pytest.fixture
def history_db(db: None) -> None:
    """The full registry from the shipped history (reloaded if a transactional test emptied the tables)."""
    _load_history_if_empty()


@pytest.fixture
def empty_registry(db: None) -> None:
    """An empty registry for this test (the deletions roll back with the test's transaction)."""
    from g287.core.models import AuditEntry
    from g287.registry.models import Agency, AgencyAlias, Agreement, AgreementVersion, Event, Snapshot

    for model in (Event, AgreementVersion, Agreement, AgencyAlias, Agency, Snapshot, AuditEntry):
        model.objects.all().delete()
