import argparse
import logging
import re
import signal
import time
from datetime import timedelta
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone

from g287.sources.fetch import fetch_lists
from g287.sources.lock import LockBusy

log = logging.getLogger("g287.watch")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration(text: str) -> timedelta:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd])", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a duration such as 6h, 30m, 90s or 1d")
    seconds = float(match[1]) * _UNITS[match[2]]
    if seconds < 60:
        raise argparse.ArgumentTypeError(
            f"{text!r}: at least one minute between passes, to spare ICE's server"
        )
    return timedelta(seconds=seconds)


class Command(BaseCommand):
    help = (
        "Fetch ICE's lists every so often, for a service or a container (`g287 fetch` once per pass). "
        "Several watchers on one database take turns through a lock in the database."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--every", type=duration, default=timedelta(hours=6), help="time between passes (6h)"
        )
        parser.add_argument("--page", help="the page that links the lists (default: G287_ICE_PAGE)")
        parser.add_argument("--passes", type=int, default=0, help="stop after this many passes (0: never)")

    def handle(self, *args: Any, **options: Any) -> None:
        every: timedelta = options["every"]
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        passes = 0
        while not stopping:
            if not connection.in_atomic_block:
                # A long-lived process: drop a connection the database closed while it slept.
                close_old_connections()
            self._pass(options["page"], every)
            passes += 1
            if options["passes"] and passes >= options["passes"]:
                return
            deadline = time.monotonic() + every.total_seconds()
            while not stopping and time.monotonic() < deadline:
                time.sleep(min(5.0, max(0.0, deadline - time.monotonic())))
        if stopping and passes == 0:
            raise CommandError("stopped before the first pass")

    def _pass(self, page: str | None, every: timedelta) -> None:
        from g287.alerts.subscriptions import purge_unconfirmed
        from g287.alerts.webhooks import deliver_due
        from g287.portal.precompute import precompute_quietly

        try:
            # Waiting up to one interval: another watcher's pass is what this one would have done.
            result = fetch_lists(page, trigger="watch", lock_wait=min(every.total_seconds(), 900.0))
        except LockBusy as exc:
            self.stderr.write(f"{timezone.now():%Y-%m-%d %H:%M}: skipped, {exc}")
            return
        result.run.next_run_at = timezone.now() + every
        result.run.save(update_fields=["next_run_at"])
        stamp = f"{timezone.localtime():%Y-%m-%d %H:%M}"
        if result.ok:
            self.stdout.write(f"{stamp}: {len(result.imported)} new list(s); " + "; ".join(result.lines))
            if result.imported:
                precompute_quietly()  # the pages' figures for the new lists, once for every server
        else:
            self.stderr.write(f"{stamp}: fetch failed: {result.run.message}")
        # Webhook retries that came due, and unconfirmed subscriptions past their week.
        deliver_due()
        purge_unconfirmed()
