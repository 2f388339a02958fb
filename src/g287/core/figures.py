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
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, transaction

from g287.core.models import Figure

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class _Batch:
    """The figures of one version a storing() block has: those already in the database and those it
    computed, written together when the block ends."""

    version: str
    stored: dict[str, str]
    new: dict[str, str] = field(default_factory=dict)


_storing: ContextVar[_Batch | None] = ContextVar("g287_figures_storing", default=None)


@contextmanager
def storing(version: str) -> Iterator[None]:
    """Inside the block, shared() makes sure each figure of `version` is in the database, even one this
    process has in its cache already (which a figure in a process's cache alone does not show other
    processes). The block reads the version's stored figures in one query and writes the new ones in one
    statement when it ends (the precompute stores ~60 figures: one round trip each cost more than the
    figures took to compute)."""
    batch = _Batch(version, dict(Figure.objects.filter(version=version).values_list("name", "value")))
    token = _storing.set(batch)
    try:
        yield
    finally:
        _storing.reset(token)
    _store_all(batch)


def _cache_key(name: str, version: str) -> str:
    return f"figure:{name}:{version}"


def shared(name: str, version: str, compute: Callable[[], T]) -> T:
    """The figure `name` for data `version`: from this process's cache, else the database, else computed
    (and then kept in both). Values are JSON (tuples come back as lists)."""
    key = _cache_key(name, version)
    batch = _storing.get()
    if batch is not None and batch.version == version:
        text = batch.stored.get(name) or batch.new.get(name)
        if text is None:
            text = batch.new[name] = _dumps(compute())
        value: Any = json.loads(text)
        cache.set(key, value)
        return value
    value = cache.get(key)
    if value is not None:
        return value
    stored = Figure.objects.filter(name=name, version=version).values_list("value", flat=True).first()
    # Computed figures are read back from their JSON too, so a figure is the same whoever computed it.
    value = json.loads(stored if stored is not None else _store(name, version, compute()))
    cache.set(key, value)
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, separators=(",", ":"))


def _store(name: str, version: str, value: Any) -> str:
    text = _dumps(value)
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


def _store_all(batch: _Batch) -> None:
    if not batch.new:
        return
    try:
        with transaction.atomic():
            Figure.objects.filter(name__in=list(batch.new)).delete()
            Figure.objects.bulk_create(
                Figure(name=name, version=batch.version, value=text) for name, text in batch.new.items()
            )
    except IntegrityError:  # another process stored some of them meanwhile: one at a time, as readers do
        for name, text in batch.new.items():
            _store(name, batch.version, json.loads(text))


def forget_other_versions(version: str) -> int:
    """Removes the figures of other versions of the data (an import makes them unreachable)."""
    deleted, _ = Figure.objects.exclude(version=version).delete()
    return deleted
