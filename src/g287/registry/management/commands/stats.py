import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from g287.registry.management.commands._dates import iso_date
from g287.registry.models import Snapshot
from g287.registry.queries import signed_since, stats


class Command(BaseCommand):
    help = "The program as of a date: agreements, agencies, states, by model and type, pending requests."
    # No system checks: they import the URL configuration and every view, for a command that serves
    # nothing (`g287 check` runs them).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--as-of", type=iso_date, default=None, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        if not Snapshot.objects.exists():
            hint = "The registry is empty: fill it with `g287 load-history` (the history shipped with g287) or `g287 import PATH...` (ICE's lists)."
            (self.stderr if options["json"] else self.stdout).write(hint)
            if not options["json"]:
                return
        result = stats(options["as_of"] or timezone.localdate())  # the program's day, not UTC's
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        source = result["snapshot"]
        self.stdout.write(
            f"As of {result['as_of']}"
            + (f" (ICE list of {source['date']}, {source['file']})" if source else " (no list published yet)")
        )
        if source is None:  # nothing to count: not zero agreements, no figure at all
            return
        requests = (
            f"{result['pending']} pending requests"
            if result["pending"] is not None
            else "no pending list yet"
        )
        self.stdout.write(
            f"  {result['agreements']} agreements, {result['agencies']} agencies, "
            f"{result['states']} states and territories; {requests}"
        )
        pending = result["pending_snapshot"]
        if pending:
            note = " (older than the participating list)" if result["pending_stale"] else ""
            words = signed_since(result["pending"], result["pending_signed"], result["pending_stale"])
            signed = f" ({words}; signed requests are counted among the agreements too)" if words else ""
            self.stdout.write(
                f"  pending requests from ICE's pending list of {pending['date']}{note}{signed}"
            )
        self.stdout.write("  by model: " + ", ".join(f"{k} {v}" for k, v in result["by_model"].items()))
        self.stdout.write("  by type:  " + ", ".join(f"{k} {v}" for k, v in result["by_type"].items()))
