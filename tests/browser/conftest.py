"""Browser tests: one live `g287 serve` (gunicorn) on a temporary SQLite registry, and one Chromium, per
test run. Debian's Chromium is driven by Playwright; `playwright install` is never needed.

Fixtures for every browser test module (tests/browser/test_*.py):
- `portal_server`: the running server (`.url`, `.database_url`, `.env` for running `g287` commands
  against the same database, e.g. to create users).
- `base_url`: the server's root URL, without a trailing slash.
- `browser`: the session's Chromium.
- `page`: a fresh page (own context) that records console errors and uncaught exceptions in
  `page.errors` (a list of strings).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.portal.workbooks import write_workbooks

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
G287 = str(Path(sys.executable).with_name("g287"))
START_TIMEOUT = 60.0


def _require_chromium() -> None:
    """`make test` installs Chromium and sets G287_REQUIRE_BROWSER, so there a missing browser fails
    the run instead of quietly skipping every browser test."""
    if shutil.which(CHROMIUM) is not None:
        return
    message = f"{CHROMIUM} is not installed (Debian package chromium)"
    if os.environ.get("G287_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class PortalServer:
    url: str
    database_url: str
    env: dict[str, str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _has_command(name: str, env: dict[str, str]) -> bool:
    result = subprocess.run([G287, name, "--help"], env=env, capture_output=True, check=False)
    return result.returncode == 0


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"g287 serve exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"g287 serve did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PortalServer]:
    _require_chromium()
    folder = tmp_path_factory.mktemp("portal-server")
    database_url = f"sqlite:///{folder / 'g287.sqlite3'}"
    (folder / "static").mkdir()
    env = {**os.environ, "DATABASE_URL": database_url, "G287_STATIC_ROOT": str(folder / "static")}
    subprocess.run([G287, "migrate", "-v", "0"], env=env, check=True, capture_output=True)
    # The shipped history is the real registry; the hand-made lists stand in where it is not shipped.
    if _has_command("load-history", env):
        subprocess.run([G287, "load-history"], env=env, check=True, capture_output=True)
    else:
        write_workbooks(folder / "ice")
        subprocess.run(
            [G287, "import", "--quiet", str(folder / "ice")], env=env, check=True, capture_output=True
        )
    # Every agency gets its FBI identifier and counties, as `make demo` does: agency pages, the county
    # map and the coverage figures read them.
    subprocess.run([G287, "agencies", "match"], env=env, check=True, capture_output=True)
    port = _free_port()
    log = folder / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [G287, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url + "/", process, log)
        yield PortalServer(url, database_url, env)
    finally:
        # `serve` execs gunicorn in the same process: terminating it stops the master and its workers.
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def base_url(portal_server: PortalServer) -> str:
    return portal_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A page for the flows against pytest-django's live server, with patient timeouts and the page's
    uncaught exceptions in `tab.errors`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15000)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors
    try:
        yield tab
    finally:
        context.close()
