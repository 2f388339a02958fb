"""Fixtures for fetching: a local HTTP server on 127.0.0.1 (pytest-httpserver), a throw-away archive
folder, short timeouts and backoff, and a small registry built from the hand-made lists."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from typing import Any as SettingsWrapper

import pytest
from django.core.cache import cache
from pytest_httpserver import HTTPServer

from g287.registry.importer import import_paths
from tests.portal.workbooks import write_workbooks

LAST_MODIFIED = "Fri, 01 Aug 2025 13:30:00 GMT"  # 09:30 in Washington


@pytest.fixture
def archive_dir(settings: SettingsWrapper, tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder


@pytest.fixture
def quick(settings: SettingsWrapper) -> None:
    settings.G287_FETCH_TIMEOUT = 0.5
    settings.G287_FETCH_RETRIES = 3
    settings.G287_FETCH_BACKOFF = 0.01


@pytest.fixture
def ice_files(tmp_path: Path) -> list[Path]:
    return write_workbooks(tmp_path / "ice")


@pytest.fixture
def lists(ice_files: list[Path]) -> dict[str, bytes]:
    """The hand-made lists' bytes: `first` (07-15), `pending` (07-20) and `latest` (08-01)."""
    first, pending, latest = ice_files
    return {"first": first.read_bytes(), "pending": pending.read_bytes(), "latest": latest.read_bytes()}


@pytest.fixture
def small_registry(
    empty_registry: None, ice_files: list[Path], archive_dir: Path, quick: None
) -> Iterator[None]:
    """The registry holding the 07-15 participating and the 07-20 pending lists, not yet the 08-01 one."""
    first, pending, _ = ice_files
    report = import_paths([first, pending])
    assert report.ok
    cache.clear()
    yield
    cache.clear()


def ice_page(
    participating: str = "/doclib/participatingAgencies.xlsx", pending: str = "/doclib/pendingAgencies.xlsx"
) -> str:
    return f"""<!doctype html><html><body><h1>287(g)</h1>
<p>Participating agencies: <a href="{participating}">Participating Agencies (XLSX)</a></p>
<p>Pending: <a href="{pending}">Pending agencies</a></p>
<p><a href="/about">About ICE</a></p></body></html>"""


def serve(server: HTTPServer, path: str, body: bytes | str, **headers: Any) -> None:
    content_type = headers.pop("content_type", None)
    if content_type is None:
        content_type = (
            "text/html"
            if isinstance(body, str)
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    server.expect_request(path).respond_with_data(body, content_type=content_type, headers=headers)


@pytest.fixture(autouse=True)
def _not_found_is_404(httpserver: HTTPServer) -> None:
    # An address the test server has no answer for is a 404, as on a real server.
    httpserver.no_handler_status_code = 404
