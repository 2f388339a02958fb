"""Parsing the files of a `g287 import` while Django starts.

Django's start-up takes most of a one-file `g287 import` and uses one core; parsing the file needs no
Django. So the console command forks a child before setting Django up, the child parses the named files
and sends the outcomes back through a pipe, and the importer takes an outcome from there when its file's
bytes, its date override and the day are the same (a cache: anything else, or a child that failed,
and the importer parses the file itself).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from g287.registry.ice.parse import ParsedSnapshot

# Above this many files the importer parses in a pool of workers, which pays for itself.
MOST_FILES = 4

Key = tuple[str, str, date]  # the file's path, its bytes' sha256, the day it was parsed on

_pending: tuple[int, int] | None = None  # the child's pid and the read end of its pipe
_outcomes: dict[Key, ParsedSnapshot | str] | None = None


def files_of(args: list[str]) -> list[Path]:
    """The files a command line `import [--quiet] FILE...` names, or [] for any other command line
    (folders, --date, other options: parsed by the importer as usual)."""
    if args[:1] != ["import"]:
        return []
    paths = [Path(a) for a in args[1:] if a != "--quiet"]
    if not paths or len(paths) > MOST_FILES:
        return []
    if any(str(p).startswith("-") or p.suffix.lower() != ".xlsx" or not p.is_file() for p in paths):
        return []
    return paths


def start(paths: list[Path]) -> None:
    """Forks the child that parses `paths` (nothing when there are none)."""
    global _pending
    if not paths or _pending is not None:
        return
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        _pending = (pid, read)
        return
    os.close(read)
    try:
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(_parse(paths), pipe, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        # Nothing of the parent's (its exit handlers, its buffered output) may run twice.
        os._exit(0)


def _parse(paths: list[Path]) -> dict[Key, ParsedSnapshot | str]:
    from g287.registry.ice.parse import ParseError, parse_workbook

    out: dict[Key, ParsedSnapshot | str] = {}
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError:
            continue
        key = (str(path), hashlib.sha256(content).hexdigest(), date.today())
        try:
            out[key] = parse_workbook(content, path.name)
        except ParseError as exc:
            out[key] = str(exc)
    return out


def take(path: str, content: bytes, date_override: date | None) -> ParsedSnapshot | str | None:
    """The child's outcome for this file, or None (parse it yourself)."""
    if date_override is not None or (_pending is None and not _outcomes):
        return None
    return _collect().pop((path, hashlib.sha256(content).hexdigest(), date.today()), None)


def wait() -> None:
    """Waits for the child's outcomes (take() does when it needs them)."""
    _collect()


def forget() -> None:
    """Drops the outcomes not taken (and waits for a child still parsing)."""
    global _outcomes
    _collect()
    _outcomes = None


def _collect() -> dict[Key, ParsedSnapshot | str]:
    global _pending, _outcomes
    if _pending is not None:
        pid, read = _pending
        _pending = None
        try:
            with os.fdopen(read, "rb") as pipe:
                _outcomes = pickle.load(pipe)
        except Exception:  # a child that died half-way: the importer parses the files itself
            _outcomes = {}
        os.waitpid(pid, 0)
    return _outcomes if _outcomes is not None else {}
