"""Shared fixtures. `../shared` data is optional: tests that need it are marked and skip without it
(fail without it when G287_REQUIRE_SHARED=1, as in CI)."""

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Playwright's sync API keeps an asyncio loop in the main thread for the whole session; Django would then
# refuse database calls made by later tests in the same worker as if they came from async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SHARED = Path(__file__).resolve().parents[2] / "shared"
ICE_DIR = SHARED / "data" / "ice-287g"
FBI_DIR = SHARED / "data" / "fbi-lee"


# CI (.ci/run) sets G287_REQUIRE_SHARED=1: there a missing archive fails the tests that need it instead of
# skipping them. Locally they skip, each with its reason in the summary (-ra).
REQUIRE_SHARED = os.environ.get("G287_REQUIRE_SHARED") == "1"


def pytest_runtest_setup(item: pytest.Item) -> None:
    if "shared" not in item.keywords or ICE_DIR.is_dir():
        return
    message = f"../shared/data is not present (looked for {ICE_DIR})"
    if REQUIRE_SHARED:
        pytest.fail(f"{message}; G287_REQUIRE_SHARED=1 requires it", pytrace=False)
    pytest.skip(message)


# Hypothesis: `ci` (selected by .ci/run with HYPOTHESIS_PROFILE=ci) draws the same examples on every run,
# so a red build fails again on any machine, and prints the failing example as a @reproduce_failure blob.
# (Hypothesis refuses an example database together with derandomize: the fixed draw makes one needless.)
# Locally the default profile explores new examples each run and keeps failures in .hypothesis/examples.
# The tests' own max_examples keep the runs short.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


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
    """An empty registry for this test (the deletions roll back with the test's transaction). The process
    cache is emptied too: a hand-built registry is not audited, so it can repeat the data version of another
    test's registry, and would read that registry's figures."""
    from django.core.cache import cache

    from g287.core.models import AuditEntry
    from g287.registry.models import Agency, AgencyAlias, Agreement, AgreementVersion, Event, Snapshot

    for model in (Event, AgreementVersion, Agreement, AgencyAlias, Agency, Snapshot, AuditEntry):
        model.objects.all().delete()
    cache.clear()


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language() -> Any:
    """A request in Spanish leaves Spanish active in the thread that served it (LocaleMiddleware does not
    switch back), so a later test rendering without a request would read Spanish."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
