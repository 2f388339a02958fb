"""`g287 backup FILE [--portable]`: the whole database in one file (see g287.core.backup)."""

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from g287.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database to FILE (SQLite backup API, pg_dump, or --portable)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--portable", action="store_true", help="every table as gzipped JSON, restorable on any engine"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup(options["file"], portable=options["portable"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(result.counts.values())
        self.stdout.write(f"Backed up {rows:,} rows ({result.format}) to {result.path}.")
