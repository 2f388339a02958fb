import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from g287.registry.history_file import export_history, shipped_history


class Command(BaseCommand):
    help = "Write the compact normalized history (snapshots, aliases, agreement versions) as gzip JSON."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            default=None,
            help="output file (default: the package's shipped history)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"] or shipped_history()
        counts = export_history(path)
        size = path.stat().st_size
        self.stdout.write(
            f"Wrote {path} ({size / 1_000_000:.2f} MB): {counts['snapshots']} snapshots, "
            f"{counts['aliases']} agency names, {counts['versions']} agreement versions."
        )
