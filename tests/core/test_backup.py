"""`g287 backup` / `g287 restore` (issue 17.13): a backup restored into an empty database gives back every
table's rows and an audit chain that verifies, on SQLite (online backup API), on PostgreSQL (pg_dump) and
in the portable format; a restore never goes into a database that holds data."""

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SEED = """
import django; django.setup()
from datetime import date
from django.contrib.auth.models import User
from g287.core.audit import record
from g287.officers.models import Officer
from g287.registry.models import Agency
agency = Agency.objects.create(id="TX-test-county-sheriffs-office", state="TX", name="Test County SO")
User.objects.create_user("clerk", password="a-long-test-password-287")
Officer.objects.create(agency=agency, given_name="Ann", family_name="Example", badge_number="A-1",
    sworn_since=date(2015, 1, 1), model_codes="TFM", citizenship_attested=True, nominated_on=date(2026, 1, 5))
for i in range(5):
    record("registry.agency.create", "registry.Agency", i, after={"i": i, "name": "=café"})
"""
COUNTS = """
import django, json; django.setup()
from g287.core.backup import table_counts
from g287.core.audit_head import head_info
print(json.dumps({"counts": table_counts(), "head": head_info()}))
"""


def run(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)}
    env.update({"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "g287.settings"})
    command = [sys.executable, *args] if args[0] == "-c" else [
        sys.executable, "-c", "from g287.cli import main; main()", *args
    ]  # fmt: skip
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def ok(database_url: str, *args: str) -> str:
    done = run(database_url, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def state(database_url: str) -> dict[str, object]:
    return json.loads(ok(database_url, "-c", COUNTS))


def seeded(database_url: str) -> dict[str, object]:
    ok(database_url, "migrate", "-v", "0")
    ok(database_url, "-c", SEED)
    return state(database_url)


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('source') / 'g287.sqlite3'}"
    return url, seeded(url)


def check_restored(url: str, expected: dict[str, object]) -> None:
    got = state(url)
    assert got == expected
    assert expected["counts"]["core.AuditEntry"] == 5  # type: ignore[index]
    assert "intact" in ok(url, "audit", "verify", "--head", expected["head"]["hash"])  # type: ignore[index]


@pytest.mark.parametrize("portable", [False, True], ids=["sqlite-backup-api", "portable"])
def test_sqlite_backup_restores_into_an_empty_database(
    sqlite_source: tuple[str, dict[str, object]], tmp_path: Path, portable: bool
) -> None:
    source, expected = sqlite_source
    backup = tmp_path / "g287.backup"
    ok(source, "backup", str(backup), *(["--portable"] if portable else []))
    assert backup.stat().st_mode & 0o077 == 0  # password hashes inside: the owner's only
    target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    assert "the audit chain verifies" in ok(target, "restore", str(backup))
    check_restored(target, expected)
    again = run(target, "restore", str(backup))
    assert again.returncode != 0 and "empty database only" in again.stderr


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    done = run(f"sqlite:///{tmp_path / 'x.sqlite3'}", "restore", str(junk))
    assert done.returncode != 0 and "not a g287 backup" in done.stderr


PG = "postgres://postgres@127.0.0.1:5432/"


@pytest.fixture
def pg_databases() -> Iterator[list[str]]:
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL does not answer at 127.0.0.1:5432")
    names = [f"h_harden_bk_{uuid.uuid4().hex[:8]}_{i}" for i in range(3)]
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [PG + name for name in names]
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_postgresql_backup_restores_with_pg_dump_and_portably(
    pg_databases: list[str], tmp_path: Path
) -> None:
    source, via_pg_dump, via_portable = pg_databases
    expected = seeded(source)
    dump = tmp_path / "g287.pgdump"
    assert "(pg_dump)" in ok(source, "backup", str(dump))
    portable = tmp_path / "g287.portable"
    assert "(portable)" in ok(source, "backup", "--portable", str(portable))
    ok(via_pg_dump, "restore", str(dump))
    check_restored(via_pg_dump, expected)
    ok(via_portable, "restore", str(portable))
    check_restored(via_portable, expected)
    # New rows after a portable restore do not collide with the restored ids (sequences were reset).
    ok(
        via_portable,
        "-c",
        "import django; django.setup(); from g287.core.audit import record; record('registry.agency.create', 'registry.Agency', 1)",
    )
