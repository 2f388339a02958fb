"""Figures shared by every server process: computed once per version of the data, kept in the database
(core.Figure) and in this process's cache in front of it.

The cache alone is per process (unless G287_CACHE_URL names a Redis), so every worker paid for the
dashboard's and the state pages' figures on its first request after a start or an import (100-800 ms).
With this table, the import computes them (g287.portal.precompute) and each worker only reads them.

A figure is stored under its name with the version of the data it was computed from; a reader asks for
the current version, so a figure of older data is never shown: it is recomputed and replaces the row.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, transaction

from g287.core.models import Figure

log = logging.getLogger(__name__)
T = TypeVar("T")
_storing: ContextVar[bool] = ContextVar("g287_figures_storing", default=False)


@contextmanager
def storing() -> Iterator[None]:
    """Inside the block, shared() makes sure each figure is in the database, even one this process has
    in its cache already (which a figure in a process's cache alone does not show other processes)."""
    token = _storing.set(True)
    try:
        yield
    finally:
        _storing.reset(token)


def _cache_key(name: str, version: str) -> str:
    return f"figure:{name}:{version}"


def shared(name: str, version: str, compute: Callable[[], T]) -> T:
    """The figure `name` for data `version`: from this process's cache, else the database, else computed
    (and then kept in both). Values are JSON (tuples come back as lists)."""
    key = _cache_key(name, version)
    value: Any = None if _storing.get() else cache.get(key)
    if value is not None:
        return value
    stored = Figure.objects.filter(name=name, version=version).values_list("value", flat=True).first()
    # Computed figures are read back from their JSON too, so a figure is the same whoever computed it.
    value = json.loads(stored if stored is not None else _store(name, version, compute()))
    cache.set(key, value)
    return value


def _store(name: str, version: str, value: Any) -> str:
    text = json.dumps(value, cls=DjangoJSONEncoder, separators=(",", ":"))
    try:
        with transaction.atomic():  # a savepoint: a failed write must not spoil the request's transaction
            updated = Figure.objects.filter(name=name).update(version=version, value=text)
            if not updated:
                Figure.objects.create(name=name, version=version, value=text)
    except IntegrityError:
        pass  # another process stored it at the same moment: the same figure
    except DatabaseError as exc:  # e.g. a read-only database: the figure is still shown, just not kept
        log.warning("figure %s not stored: %s", name, exc)
    return text


def forget_other_versions(version: str) -> int:
    """Removes the figures of other versions of the data (an import makes them unreachable)."""
    deleted, _ = Figure.objects.exclude(version=version).delete()
    return deleted
