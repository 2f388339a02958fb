"""The secret key when `G287_SECRET_KEY` is not set: made at random once and kept in a file beside the
database (mode 0600), so `make demo` needs no set-up and no two installations share a key.

Imported by settings, so it uses the standard library only."""

import contextlib
import os
import secrets
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

KEY_FILE_NAME = "g287-secret-key"
# The constant older versions fell back to: refused wherever it turns up.
OLD_DEFAULT = "g287-development-key-not-for-production-use-0123456789"


def key_file_for(database: Mapping[str, Any], cwd: Path) -> Path:
    """Beside a SQLite database file; in the working directory for a database server."""
    name = str(database.get("NAME") or "")
    if str(database.get("ENGINE", "")).endswith("sqlite3") and name and name != ":memory:":
        return Path(name).resolve().parent / KEY_FILE_NAME
    return cwd / KEY_FILE_NAME


def load_or_create(path: Path) -> str:
    """The key kept in `path`, made first if the file does not exist. Several processes starting at
    once (gunicorn workers) agree on one key: each writes a private temporary file and links it into
    place, which fails for all but the first."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".g287-secret-key-", dir=path.parent)  # mode 0600
        try:
            os.write(fd, (secrets.token_urlsafe(64) + "\n").encode())
            os.fsync(fd)
            os.close(fd)
            with contextlib.suppress(FileExistsError):  # another process was first: use its key
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    for _ in range(50):
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
        time.sleep(0.02)  # a file made by hand and still being written
    raise RuntimeError(f"{path} is empty: delete it to make a new key, or set G287_SECRET_KEY")


def weakness(key: str) -> str | None:
    """Why a key is too weak to sign sessions and tokens, or None."""
    if key == OLD_DEFAULT:
        return "it is the development key written in g287's source, known to everyone"
    if len(key) < 50:
        return f"it has {len(key)} characters; use at least 50"
    if len(set(key)) < 5:
        return "it has fewer than 5 different characters"
    return None
