import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from g287.sources.fetch import fetch_lists
from g287.sources.lock import LockBusy


class Command(BaseCommand):
    help = (
        "Fetch ICE's participating and pending lists once: find them on ICE's 287(g) page (G287_ICE_PAGE), "
        "download them, keep the files and import what is new. Exit status 0 when all is well."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--page", help="the page that links the lists (default: G287_ICE_PAGE)")
        parser.add_argument("--participating", metavar="URL", help="the participating list's address")
        parser.add_argument("--pending", metavar="URL", help="the pending list's address")
        parser.add_argument(
            "--moas", action="store_true", help="download the MOA and addendum PDFs the lists link, instead"
        )
        parser.add_argument(
            "--wait", type=float, default=900.0, help="seconds to wait for another fetch to finish (900)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["moas"]:
            self._moas(options)
            return
        try:
            result = fetch_lists(
                options["page"], options["participating"], options["pending"], lock_wait=options["wait"]
            )
        except LockBusy as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            raise CommandError(f"fetch failed: {result.run.message}; nothing was imported")
        for line in result.lines:
            self.stdout.write(line)
        count = len(result.imported)
        if count:
            # The pages' figures for the new lists, computed once here rather than by every server process.
            from g287.portal.precompute import precompute_quietly

            precompute_quietly()
        self.stdout.write(
            f"{count} new list(s) imported." if count else "Nothing new: ICE's lists are unchanged."
        )

    def _moas(self, options: dict[str, Any]) -> None:
        from g287.sources.moas import fetch_moas

        try:
            result = fetch_moas(lock_wait=options["wait"])
        except LockBusy as exc:
            raise CommandError(str(exc)) from None
        for line in result.lines:
            self.stdout.write(line)
        if not result.ok:
            raise CommandError(f"{result.failed} MOA download(s) failed; see the lines above")
