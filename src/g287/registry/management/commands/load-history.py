import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from g287.registry.history_file import (
    HistoryError,
    load_history,
    read_history,
    registry_is_empty,
    shipped_history,
)
from g287.registry.models import Snapshot


class Command(BaseCommand):
    help = "Build the registry from a history file written by export-history (default: the shipped one)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=None)
        parser.add_argument(
            "--replace", action="store_true", help="rebuild a registry that already holds data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"] or shipped_history()
        try:
            if not options["replace"] and not registry_is_empty():
                wanted = {row[5] for row in read_history(path)["snapshots"]}
                held = set(Snapshot.objects.values_list("sha256", flat=True))
                if wanted <= held:
                    self.stdout.write(
                        f"The registry already holds every snapshot in {path.name}; nothing to do."
                    )
                    return
            counts = load_history(path, replace=options["replace"])
        except HistoryError as exc:
            raise CommandError(str(exc)) from None
        # The pages' figures for the new data, computed once here rather than by every server process.
        from g287.portal.precompute import precompute_quietly

        precompute_quietly()
        self.stdout.write(
            f"Loaded {path.name}: {counts['snapshots']} snapshots, {counts['agencies']} agencies, "
            f"{counts['versions']} agreement versions."
        )
