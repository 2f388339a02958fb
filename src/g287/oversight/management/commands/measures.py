"""`g287 measures [--json] [--as-of DATE] [--state XX]`: the performance measures as of a date."""

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from g287.core.states import STATES
from g287.oversight.performance import DEFINITIONS, compute, display

CODES = {code for code, _name, _fips in STATES}


class Command(BaseCommand):
    help = "Performance measures per program, model, state and agency as of a date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--state", help="two-letter postal code: limit states and agencies to it")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = date.fromisoformat(options["as_of"]) if options["as_of"] else timezone.localdate()
        except ValueError:
            raise CommandError(
                f"--as-of must be a date written YYYY-MM-DD, not {options['as_of']!r}"
            ) from None
        state = options["state"].upper() if options["state"] else None
        if state is not None and state not in CODES:
            raise CommandError(f"--state: unknown state code {options['state']!r}")
        data = compute(as_of, state)
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2, sort_keys=False))
            return
        self.stdout.write(f"Performance measures as of {data['as_of']}")
        groups = [("Program", data["program"])]
        groups += [(f"  {k}", v) for k, v in data["models"].items()]
        groups += [(f"  {k}", v) for k, v in data["states"].items()]
        for d in DEFINITIONS:
            self.stdout.write(f"\n{d.label}\n  how: {d.how}")
            for name, measures in groups:
                self.stdout.write(f"  {name:<10} {display(d.unit, measures[d.key])}")
