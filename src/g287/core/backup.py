"""Backup and restore of the whole database (`g287 backup FILE`, `g287 restore FILE`).

Three formats, told apart by their first bytes:
- SQLite: a copy of the database file made with SQLite's online backup API (consistent while the portal
  and imports keep writing).
- PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`, when those programs are installed.
- portable: every table through Django's serializers (gzipped JSON), for PostgreSQL without pg_dump, or to
  move data between database engines.

A restore goes into an empty database only (no audit entry, registry row or user), so it can never
mix two histories; afterwards the audit chain is verified."""

import gzip
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import connection

from g287.core import portable_json
from g287.core.audit import verify_chain

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
GZIP_MAGIC = b"\x1f\x8b"
# Rebuilt by `migrate` in the target database; the dump names them by natural keys instead.
PORTABLE_EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


serializers.register_serializer(portable_json.FORMAT, "g287.core.portable_json")


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Result:
    format: str
    path: Path
    counts: dict[str, int]


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def table_counts() -> dict[str, int]:
    """Rows per model of every installed app: what a restore must give back."""
    counts = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label] = model._default_manager.count()
    return counts


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def backup(path: Path, portable: bool = False) -> Result:
    counts = table_counts()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    if portable or not (is_sqlite() or shutil.which("pg_dump")):
        kind = "portable"
        with gzip.open(partial, "wt", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                format=portable_json.FORMAT,
                natural_foreign=True,
                exclude=PORTABLE_EXCLUDE,
                stdout=out,
                verbosity=0,
            )
    elif is_sqlite():
        kind = "sqlite"
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        kind = "pg_dump"
        args, env = _pg_env()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(partial), *args], env)
    os.chmod(partial, 0o600)  # it holds password hashes and token digests
    os.replace(partial, path)
    return Result(kind, path, counts)


def format_of(path: Path) -> str:
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        raise BackupError(f"{path}: no such file") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "pg_dump"
    if head.startswith(GZIP_MAGIC):
        return "portable"
    raise BackupError(f"{path}: not a g287 backup (neither SQLite, pg_dump nor a portable dump)")


def _holds_data() -> str | None:
    """What makes the database not empty, or None."""
    tables = set(connection.introspection.table_names())
    for label in ("core.AuditEntry", "registry.Snapshot", "registry.Agency", "auth.User"):
        model = apps.get_model(label)
        if model._meta.db_table in tables and model._default_manager.exists():
            return f"it already holds {model._meta.verbose_name_plural}"
    return None


def restore(path: Path) -> Result:
    kind = format_of(path)
    why = _holds_data()
    if why:
        raise BackupError(f"restore goes into an empty database only, and this one is not: {why}")
    if kind == "sqlite":
        if not is_sqlite():
            raise BackupError(f"{path} is a SQLite backup; restore it with a SQLite DATABASE_URL")
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif kind == "pg_dump":
        if connection.vendor != "postgresql":
            raise BackupError(f"{path} is a PostgreSQL dump; restore it into PostgreSQL")
        if not shutil.which("pg_restore"):
            raise BackupError("pg_restore is not installed (Debian package postgresql-client)")
        args, env = _pg_env()
        connection.close()
        _run(["pg_restore", "--no-owner", "--no-acl", "--clean", "--if-exists", *args, str(path)], env)
    else:
        call_command("migrate", verbosity=0, interactive=False)
        # loaddata reads gzipped fixtures by their name, and resets PostgreSQL's sequences afterwards.
        with tempfile.TemporaryDirectory() as folder:
            fixture = Path(folder) / f"g287-backup.{portable_json.FORMAT}.gz"
            fixture.symlink_to(path.resolve())
            call_command("loaddata", str(fixture), verbosity=0)
    problem = verify_chain()
    if problem is not None:
        raise BackupError(f"restored, but the audit chain does not verify: {problem.reason}")
    return Result(kind, path, table_counts())
