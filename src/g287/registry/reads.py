"""Reading the registry once per question inside a block (a page, the figures' precompute)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")
_reads: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("g287_registry_reads", default=None)


@contextmanager
def one_read() -> Iterator[None]:
    """Inside the block, the lists and their rows are read from the database once per question: for code
    that reads one version of the registry and writes none of it (a page, the figures' precompute, which
    asked `latest_snapshot()` 63 times)."""
    token = _reads.set({})
    try:
        yield
    finally:
        _reads.reset(token)


def read_once(key: tuple[Any, ...], ask: Callable[[], T]) -> T:
    reads = _reads.get()
    if reads is None:
        return ask()
    if key not in reads:
        reads[key] = ask()
    return reads[key]
