"""The version of the data the portal's figures come from: the newest participating and pending lists,
and the newest audited change to the registry or to the agencies' links (merges, FBI matches, people's
decisions: each writes an audit entry named registry.* or geo.*). Other audited writes (a fetch that
found nothing new, a claim, an oversight case) leave it alone, so they do not make the pages cold.

The entry's hash, not its id: an id can be given again after a rolled-back write, a hash cannot."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import connection

from g287.core.models import AuditEntry
from g287.registry.models import Snapshot
from g287.registry.reads import one_read

# Audit action prefixes of the writes that change what the public pages show (no LIKE wildcards in them).
DATA_ACTIONS: tuple[str, ...] = ("registry.", "geo.")

_pinned: ContextVar[str] = ContextVar("g287_data_version", default="")
F = TypeVar("F", bound=Callable[..., Any])


def _version_sql() -> str:
    snapshots, audit = Snapshot._meta.db_table, AuditEntry._meta.db_table
    newest_list = f"(SELECT order_key FROM {snapshots} WHERE kind = %s ORDER BY order_key DESC LIMIT 1)"
    actions = " OR ".join("action LIKE %s" for _ in DATA_ACTIONS)
    newest_change = f"(SELECT hash FROM {audit} WHERE {actions} ORDER BY id DESC LIMIT 1)"
    return f"SELECT {newest_list}, {newest_list}, {newest_change}"


def data_version() -> str:
    """ "participating list key:pending list key:audit hash prefix", in one query (or the version pinned
    by `pinned`)."""
    if _pinned.get():
        return _pinned.get()
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), ["participating", "pending", *(f"{p}%" for p in DATA_ACTIONS)])
        latest, pending, change = cursor.fetchone()
    return ":".join([latest or "-", pending or "-", (change or "-")[:16]])


@contextmanager
def pinned(version: str) -> Iterator[None]:
    """data_version() answers `version` without asking the database inside the block: a page, or
    g287.portal.precompute, computes or reads all its figures for one version of the data (and reads
    each list once: registry.reads.one_read)."""
    token = _pinned.set(version)
    try:
        with one_read():
            yield
    finally:
        _pinned.reset(token)


def one_version(view: F) -> F:
    """A view whose figures all come from the data as it was when the request began (one query for the
    version instead of one per figure, and no page mixing figures from before and after an import)."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with pinned(data_version()):
            return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
