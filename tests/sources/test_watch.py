"""`g287 watch` and the database lock: two fetchers started at once import the new list exactly once."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from g287.sources import lock
from g287.sources.models import FetchRun, Lock
from tests.sources.conftest import LAST_MODIFIED, ice_page, serve

ROOT = Path(__file__).resolve().parents[2]
G287 = [sys.executable, "-c", "from g287.cli import main; main()"]


@pytest.mark.usefixtures("small_registry")
def test_watch_runs_a_pass_and_says_when_the_next_one_is(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    serve(httpserver, "/287g", ice_page())
    serve(
        httpserver, "/doclib/participatingAgencies.xlsx", lists["latest"], **{"Last-Modified": LAST_MODIFIED}
    )
    serve(httpserver, "/doclib/pendingAgencies.xlsx", lists["pending"])
    before = timezone.now()
    call_command("watch", "--every", "6h", "--passes", "1", "--page", httpserver.url_for("/287g"))
    run = FetchRun.objects.get()
    assert run.ok and run.trigger == "watch" and len(run.imported) == 1
    assert run.next_run_at is not None
    assert run.next_run_at - before >= timedelta(hours=6)
    assert not Lock.objects.exists()  # released


@pytest.mark.django_db
def test_a_lease_is_exclusive_until_released_or_expired() -> None:
    holder = lock.try_acquire("fetch", timedelta(minutes=5))
    assert holder is not None
    assert lock.try_acquire("fetch", timedelta(minutes=5)) is None
    with pytest.raises(lock.LockBusy), lock.held("fetch", wait=0.3):
        pass
    Lock.objects.update(expires_at=timezone.now() - timedelta(seconds=1))  # its holder died
    assert lock.try_acquire("fetch", timedelta(minutes=5)) not in (None, holder)


def _database_url(tmp_path: Path) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'two-watchers.sqlite3'}"
        return
    import psycopg

    base, _, name = url.rpartition("/")
    scratch = f"{name}_two_watchers"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    try:
        yield f"{base}/{scratch}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    yield from _database_url(tmp_path)


def test_two_fetchers_at_once_import_the_new_list_once(
    httpserver: HTTPServer, ice_files: list[Path], tmp_path: Path, database_url: str
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "G287_ARCHIVE_DIR": str(tmp_path / "archive"),
        "G287_FETCH_BACKOFF": "0.01",
        "PYTHONPATH": str(ROOT / "src"),
    }
    first, pending, latest = ice_files
    for args in (["migrate", "-v", "0"], ["import", "--quiet", str(first), str(pending)]):
        subprocess.run([*G287, *args], env=env, check=True, cwd=tmp_path, capture_output=True)

    def slow(request: Request) -> Response:
        time.sleep(1.0)  # both processes are inside their pass at the same time
        return Response(latest.read_bytes(), headers={"Last-Modified": LAST_MODIFIED})

    serve(httpserver, "/287g", ice_page())
    httpserver.expect_request("/doclib/participatingAgencies.xlsx").respond_with_handler(slow)
    serve(httpserver, "/doclib/pendingAgencies.xlsx", pending.read_bytes())
    command = [*G287, "fetch", "--page", httpserver.url_for("/287g")]
    runs = [
        subprocess.Popen(
            command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    said = sorted(out for out, _ in outputs)
    assert "1 new list(s) imported." in said[0] and "Nothing new" in said[1], said
    count = subprocess.run(
        [*G287, "shell", "-c", "from g287.registry.models import Snapshot; print(Snapshot.objects.count())"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert count.stdout.strip().splitlines()[-1] == "3"
