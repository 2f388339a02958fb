from collections.abc import Callable

import pytest
from django.core.management import call_command
from pytest_httpserver import HTTPServer

from tests.sources.conftest import (
    LAST_MODIFIED,
    _not_found_is_404,
    archive_dir,
    ice_files,
    ice_page,
    lists,
    quick,
    serve,
    small_registry,
)

__all__ = ["_not_found_is_404", "archive_dir", "ice_files", "lists", "quick", "small_registry"]


@pytest.fixture
def fetch_latest(httpserver: HTTPServer, lists: dict[str, bytes], small_registry: None) -> Callable[[], None]:
    """Serves ICE's page with the 2025-08-01 list; calling the result runs `g287 fetch` against it."""
    serve(httpserver, "/287g", ice_page())
    serve(
        httpserver, "/doclib/participatingAgencies.xlsx", lists["latest"], **{"Last-Modified": LAST_MODIFIED}
    )
    serve(httpserver, "/doclib/pendingAgencies.xlsx", lists["pending"])
    return lambda: call_command("fetch", "--page", httpserver.url_for("/287g"))
