"""`g287 compliance [--as-of DATE] [--json]`: the compliance measures for the whole program."""

import json
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from g287.accounts.scoping import SYSTEM
from g287.officers.compliance import compliance_report


class Command(BaseCommand):
    help = "Certifications expiring, agencies without certified officers, training currency."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--as-of", default="", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="one JSON object on standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = timezone.localdate()
        if options["as_of"]:
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(f"--as-of: {options['as_of']!r} is not a date (use YYYY-MM-DD)") from None
        report = compliance_report(SYSTEM, as_of)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
            return
        share = report.share_current
        self.stdout.write(f"Compliance on {as_of.isoformat()}")
        for days, certs in report.expiring.items():
            self.stdout.write(f"  certifications expiring within {days} days: {len(certs)}")
        self.stdout.write(
            f"  agencies with an agreement in force and no certified officer: {len(report.without_certified)}"
        )
        self.stdout.write(
            f"  agencies with every officer current on training: {report.agencies_current} of "
            f"{report.agencies_counted}" + (f" ({share:.0%})" if share is not None else "")
        )
        self.stdout.write(
            f"  separated officers with credentials not returned: {len(report.credentials_outstanding)}"
        )
