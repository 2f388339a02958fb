"""`g287 restore FILE`: a backup made by `g287 backup`, into an empty database; then the audit chain is
verified."""

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from g287.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `g287 backup` into an empty database, then verify the audit chain."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore(options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(result.counts.values())
        self.stdout.write(
            f"Restored {rows:,} rows ({result.format}) from {result.path}; the audit chain verifies."
        )
