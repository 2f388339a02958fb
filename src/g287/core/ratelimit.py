"""Throttle counts kept in the cache when G287_CACHE_URL names a shared one (Redis): every `g287 serve`
process and worker then counts against one limit, and a restart does not reset it. Without it the
throttles keep their marks in the database (accounts.throttle, oversight.throttle).

A window opens at the first use and lasts WINDOW; LIMIT uses within it block until it closes. The
counter is Redis' atomic INCR, so concurrent requests in different processes cannot both slip under."""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache


def enabled() -> bool:
    return bool(getattr(settings, "G287_CACHE_URL", ""))


def _keys(bucket: str, key: str) -> tuple[str, str]:
    base = f"throttle:{bucket}:{key}"
    return base, base + ":opened"


def note(bucket: str, key: str, window: timedelta) -> int:
    """Counts one use; returns the uses in the current window."""
    count_key, opened_key = _keys(bucket, key)
    seconds = max(1, int(window.total_seconds()))
    for _ in range(3):
        cache.add(opened_key, time.time(), timeout=seconds)
        cache.add(count_key, 0, timeout=seconds)
        try:
            return int(cache.incr(count_key))
        except ValueError:  # the window closed between add and incr: open a new one
            continue
    return 1


def wait(bucket: str, key: str, limit: int, window: timedelta) -> timedelta | None:
    """How long until the window closes when it holds `limit` uses or more, else None."""
    count_key, opened_key = _keys(bucket, key)
    if int(cache.get(count_key) or 0) < limit:
        return None
    opened = float(cache.get(opened_key) or time.time())
    return timedelta(seconds=max(1.0, opened + window.total_seconds() - time.time()))


def clear(bucket: str, key: str) -> None:
    cache.delete_many(list(_keys(bucket, key)))
