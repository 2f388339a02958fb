"""g287 settle --quarter 2026Q1 [--dry-run] [--out DIR] [--per-agency]"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from g287.funding.fiscal import Quarter
from g287.funding.services.settlement import settle


class Command(BaseCommand):
    help = (
        "Validates every submitted claim and computes every award of a fiscal quarter, pays what is approved "
        "and unpaid, and writes every agency's statement (statements.csv, a block of rows each; "
        "statements.pdf, a page each) and a national summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quarter", required=True, help="Fiscal quarter, like 2026Q1 (Q1 = Oct-Dec).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Compute and report; save and write nothing."
        )
        parser.add_argument("--out", type=Path, help="Output folder (default ./settlements/<quarter>/).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument(
            "--per-agency",
            action="store_true",
            help="Also write statements/<agency>.csv and .pdf, a file each (slower: 20,000 files).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            quarter = Quarter.parse(options["quarter"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        out = options["out"] or Path("settlements") / str(quarter)
        try:
            result = settle(
                quarter,
                out=out,
                dry_run=options["dry_run"],
                progress=not options["no_progress"],
                per_agency=options["per_agency"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for line in result.summary_lines():
            self.stdout.write(line)
        if result.out is not None:
            self.stdout.write(f"files: {result.out}")
