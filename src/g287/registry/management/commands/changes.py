import argparse
import json
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from g287.registry.management.commands._dates import iso_date
from g287.registry.queries import changes


class Command(BaseCommand):
    help = "Agreements added, removed and changed between the lists in force on two dates."
    # No system checks: they import the URL configuration and every view, for a command that serves
    # nothing (`g287 check` runs them).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--from", dest="start", type=iso_date, help="YYYY-MM-DD (default: a week before --to)"
        )
        parser.add_argument("--to", dest="end", type=iso_date, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        end = options["end"] or date.today()
        start = options["start"] or end - timedelta(days=7)
        if start > end:
            raise CommandError(f"--from {start} is after --to {end}")
        result = changes(start, end)
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        counts, first = result["counts"], result["first_list"]
        if counts is None:  # no list in force at the end date: nothing compared, no counts (not zeros)
            begins = f"; g287's record begins with the ICE list of {first['date']}" if first else ""
            self.stdout.write(f"From {start} to {end}: No list had been published by {end}{begins}.")
            return
        if first:
            self.stdout.write(
                f"No list had been published by {start}: g287's record begins with the ICE list of "
                f"{first['date']} ({first['agreements']} agreements), whose agreements are not counted "
                "as added; the changes are counted from it."
            )
        self.stdout.write(
            f"From {start} to {end}: {counts['added']} added, {counts['removed']} removed, "
            f"{counts['changed']} changed"
        )
        for item in result["added"]:
            self.stdout.write(f"  + {item['agreement']}  signed {item['signed'] or '?'}")
        for item in result["removed"]:
            self.stdout.write(f"  - {item['agreement']}")
        for item in result["changed"]:
            fields = "; ".join(f"{k}: {v['from']!s} -> {v['to']!s}" for k, v in item["fields"].items())
            self.stdout.write(f"  ~ {item['agreement']}  {fields}")
