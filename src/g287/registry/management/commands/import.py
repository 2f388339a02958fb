import argparse
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from g287.registry.importer import ImportReport, import_paths
from g287.registry.management.commands._dates import iso_date
from g287.sources.archive import archive_imported


class Command(BaseCommand):
    help = "Import ICE 287(g) participating and pending lists (.xlsx files, or folders of them)."
    # No system checks: they import the URL configuration and every view, for a command that serves
    # nothing (`g287 check` runs them).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--date", type=iso_date, help="publication date (YYYY-MM-DD), instead of the one in the file name"
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bar, no per-file warnings")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["quiet"] or not self.stderr.isatty():
            report = import_paths(options["paths"], options["date"])
        else:
            report = self._import_with_bar(options["paths"], options["date"])
        self._summarize(report, verbose=not options["quiet"])
        # Keep the exact bytes of every list the registry now holds, beside the ones `g287 fetch` keeps.
        archive_imported([Path(f.path) for f in report.files if f.status in ("imported", "known")])
        if report.count("imported"):
            # The pages' figures for the new data, computed once here rather than by every server process.
            from g287.portal.precompute import precompute_quietly

            precompute_quietly()
        if not report.ok:
            raise CommandError(f"{report.count('failed')} file(s) failed; nothing of them was written")

    def _import_with_bar(self, paths: list[Path], day: date | None) -> ImportReport:
        # tqdm is imported only here: it costs a tenth of the whole command's start-up.
        from tqdm import tqdm

        bar = tqdm(total=0, unit="file", desc="Reading", leave=False)

        def total(n: int) -> None:
            bar.total = n
            bar.refresh()

        def advance(files: int) -> None:
            bar.update(files)

        try:
            return import_paths(paths, day, progress=advance, on_total=total)
        finally:
            bar.close()

    def _summarize(self, report: ImportReport, verbose: bool) -> None:
        out = self.stdout
        for result in report.files:
            if result.status == "failed":
                self.stderr.write(f"error: {result.message}")
            elif result.status == "known" and verbose:
                out.write(f"{result.path}: {result.message}")
            elif verbose and result.status == "imported":
                for warning in result.warnings:
                    out.write(f"warning: {Path(result.path).name}: {warning}")
        imported = [f for f in report.files if f.status == "imported"]
        out.write(
            f"Imported {len(imported)} file(s), {report.count('known')} already known, "
            f"{report.count('failed')} failed; {sum(f.rows for f in imported)} agreement rows; "
            f"{sum(f.added for f in imported if f.kind == 'participating')} agreements added and "
            f"{sum(f.removed for f in imported if f.kind == 'participating')} removed across the "
            f"participating lists; {sum(len(f.warnings) for f in imported)} warning(s)."
        )
        if not imported and report.count("known") and not report.count("failed"):
            out.write("Nothing new: the registry already holds these files.")
