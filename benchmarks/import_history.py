"""Import benchmark: the whole ICE archive into a fresh SQLite database, the newest file into the full
database, and, for ratios, how long python-calamine alone takes to read the same files (the floor: the
target is an import within 2.5 times that) and how long openpyxl takes to read them with their
hyperlinks. The full import and the calamine read are each the best of --rounds, in the same run.

    .venv/bin/python benchmarks/import_history.py [--ice DIR] [--rounds 3] [--skip-openpyxl]
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

DEFAULT_ICE = Path(__file__).resolve().parents[2] / "shared" / "data" / "ice-287g"


def _setup_django(db_path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "g287.settings")
    import django

    django.setup()


def _fresh_database(db_path: Path) -> None:
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(db_path)
    call_command("migrate", verbosity=0)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the parse workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


CPU: dict[str, list[float]] = {"import": [], "calamine": []}


def _timed_import(paths: list[Path]) -> tuple[float, int]:
    from g287.registry.importer import import_paths

    start, cpu = time.perf_counter(), _cpu()
    report = import_paths(paths)
    elapsed = time.perf_counter() - start
    CPU["import"].append(_cpu() - cpu)
    if not report.ok:
        sys.exit(f"import failed: {[f.message for f in report.files if f.status == 'failed']}")
    return elapsed, report.count("imported")


def _calamine_read(paths: list[Path]) -> float:
    """The floor: python-calamine reading every file's first sheet into Python rows, nothing else."""
    from python_calamine import CalamineWorkbook

    start, cpu = time.perf_counter(), _cpu()
    for path in paths:
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    CPU["calamine"].append(_cpu() - cpu)
    return time.perf_counter() - start


def _openpyxl_read(paths: list[Path]) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    links = 0
    for path in paths:
        sheet = load_workbook(path).worksheets[0]  # read_only mode drops hyperlinks
        for row in sheet.iter_rows():
            for cell in row:
                if cell.hyperlink is not None:
                    links += 1
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--ice", type=Path, default=DEFAULT_ICE, help="folder of ICE lists (../shared/data/ice-287g)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="best of this many (default 3)")
    parser.add_argument("--skip-openpyxl", action="store_true")
    args = parser.parse_args()
    paths = sorted(args.ice.glob("*/*.xlsx"))
    if not paths:
        sys.exit(f"no .xlsx files under {args.ice}")
    from g287.registry.ice.filenames import parse_file_name

    newest = max(
        (p for p in paths if p.parent.name == "participating"),
        key=lambda p: parse_file_name(p.name).published_at or datetime.min,
    )
    with tempfile.TemporaryDirectory() as tmp:
        _setup_django(Path(tmp) / "full.sqlite3")
        fulls, floors = [], []
        for round_ in range(args.rounds):
            # Interleaved, so that a busy moment on the machine weighs on both alike.
            floors.append(_calamine_read(paths))
            _fresh_database(Path(tmp) / f"full{round_}.sqlite3")
            elapsed, imported = _timed_import(paths)
            fulls.append(elapsed)
        full, floor = min(fulls), min(floors)
        print(
            f"full import: {len(paths)} files ({imported} new) into a fresh SQLite database: {full:.2f} s "
            f"(best of {args.rounds}: {', '.join(f'{t:.2f}' for t in fulls)})"
        )
        print(
            f"python-calamine, only reading the same files: {floor:.2f} s "
            f"(best of {args.rounds}: {', '.join(f'{t:.2f}' for t in floors)})"
        )
        print(f"ratio full import / calamine read: {full / floor:.2f} (target <= 2.5)")
        # On a busy machine the wall-clock ratio mostly measures the other processes; CPU time does not.
        print(
            f"CPU time, best of {args.rounds}: full import {min(CPU['import']):.2f} s (with its parse workers), "
            f"calamine read {min(CPU['calamine']):.2f} s"
        )

        _fresh_database(Path(tmp) / "incremental.sqlite3")
        _timed_import([p for p in paths if p != newest])
        incremental, _ = _timed_import([newest])
        print(
            f"incremental import of the newest file ({newest.name}) into the full database: {incremental:.2f} s"
        )

        from g287.registry.history_file import load_history, shipped_history

        _fresh_database(Path(tmp) / "load.sqlite3")
        start = time.perf_counter()
        load_history(shipped_history())
        print(
            f"load-history of the shipped history into a fresh SQLite database: {time.perf_counter() - start:.2f} s"
        )
    if not args.skip_openpyxl:
        reading = _openpyxl_read(paths)
        print(
            f"openpyxl, only reading the same files with their hyperlinks: {reading:.2f} s "
            f"({reading / full:.1f}x the full import)"
        )
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
