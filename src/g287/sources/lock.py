"""A lease in the database: one fetch at a time across every process and machine sharing the database.

A row, not a file on one disk and not a PostgreSQL-only advisory lock, so it works the same on SQLite
and PostgreSQL. Taking it is one INSERT (the primary key refuses a second holder) or, when the lease has
expired because its holder died, one conditional UPDATE; both are atomic in either database.
"""

import os
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from g287.sources.models import Lock

FETCH = "fetch"


class LockBusy(Exception):
    pass


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def try_acquire(name: str, lease: timedelta) -> str | None:
    """Takes the lease; returns the holder token, or None when someone else holds a live lease."""
    holder = _holder()
    now = timezone.now()
    try:
        with transaction.atomic():
            Lock.objects.create(name=name, holder=holder, acquired_at=now, expires_at=now + lease)
        return holder
    except IntegrityError:
        pass
    taken = Lock.objects.filter(name=name, expires_at__lt=now).update(
        holder=holder, acquired_at=now, expires_at=now + lease
    )
    return holder if taken else None


def release(name: str, holder: str) -> None:
    Lock.objects.filter(name=name, holder=holder).delete()


@contextmanager
def held(name: str = FETCH, wait: float = 0.0, lease: timedelta = timedelta(hours=2)) -> Iterator[str]:
    """Holds the lease for the block, waiting up to `wait` seconds for another holder to finish."""
    deadline = time.monotonic() + wait
    while True:
        holder = try_acquire(name, lease)
        if holder is not None:
            break
        if time.monotonic() >= deadline:
            current = Lock.objects.filter(name=name).first()
            raise LockBusy(f"another fetch is running ({current.holder if current else 'just finished'})")
        time.sleep(0.2)
    try:
        yield holder
    finally:
        release(name, holder)
