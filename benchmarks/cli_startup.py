"""CLI start-up benchmark: the whole `g287` command, as a user runs it, against the full registry.

    .venv/bin/python benchmarks/cli_startup.py [--rounds 3]

Builds a fresh SQLite registry from the shipped history in a temporary folder, writes one new ICE list
(the latest list of the registry with one more agreement, dated the day after), then times, best of
--rounds, each in a new process: `g287 import NEW_FILE` (into a fresh copy of the full database each
round, so that the file is new every time; with ../shared, NEW_FILE is ICE's newest list and the
database holds every file before it, imported by `g287 import`), `g287 stats` and `g287 changes`. Target: each <= 0.5 s.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

G287 = str(Path(sys.executable).with_name("g287"))
TARGET = 0.5


CPU: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one `g287 ARGS`; its CPU seconds go to CPU[ARGS[0]] (steadier on a busy host)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run([G287, *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    CPU.setdefault(args[0], []).append(_children_cpu() - cpu)
    if done.returncode != 0:
        sys.exit(f"g287 {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return elapsed


def _new_list(folder: Path) -> tuple[Path, str]:
    """The registry's latest participating list plus one agreement, as ICE would publish it next."""
    from openpyxl import Workbook

    from g287.registry.models import Snapshot
    from g287.registry.queries import rows_at

    latest = Snapshot.objects.filter(kind="participating").order_by("-order_key").first()
    assert latest is not None, "the shipped history has no participating list"
    day = latest.date + timedelta(days=1)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA"])
    for ident, values in rows_at(latest).items():
        state, model = ident.split("-", 1)[0], ident.rsplit("#", 1)[1]
        sheet.append([state, values.name, values.type, values.county, model, values.signed, values.moa_url])
    sheet.append(
        ["TX", "Benchmark County Sheriff's Office", "County", "Benchmark County", "TFM", latest.date, ""]
    )
    path = folder / f"participatingAgencies{day:%m%d%Y}am.xlsx"
    book.save(path)
    return path, str(day)


ICE = Path(__file__).resolve().parents[2] / "shared" / "data" / "ice-287g"


def _real_base(folder: Path, env: dict[str, str]) -> tuple[Path, Path] | None:
    """With ../shared: a registry of every ICE file but the newest participating list, and that list,
    the case `g287 import` meets each day. None without ../shared."""
    paths = sorted(ICE.glob("*/*.xlsx"))
    if not paths:
        return None
    from g287.registry.ice.filenames import parse_file_name

    newest = max(
        (p for p in paths if p.parent.name == "participating"),
        key=lambda p: parse_file_name(p.name).published_at or datetime.min,
    )
    base = folder / "all-but-newest.sqlite3"
    env = {**env, "DATABASE_URL": f"sqlite:///{base}"}
    subprocess.run([G287, "migrate", "-v0"], env=env, check=True)
    subprocess.run(
        [G287, "import", "--quiet", *(str(p) for p in paths if p != newest)],
        env=env,
        check=True,
        capture_output=True,
    )
    return base, newest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="best of this many (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="g287-cli-") as tmp:
        folder = Path(tmp)
        full = folder / "full.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{full}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "g287.settings")
        env = dict(os.environ)
        subprocess.run([G287, "migrate", "-v0"], env=env, check=True)
        subprocess.run([G287, "load-history"], env=env, check=True, capture_output=True)
        import django

        django.setup()
        new_file, day = _new_list(folder)
        real = _real_base(folder, env)
        base, import_file = real if real else (full, new_file)
        timings: dict[str, list[float]] = {"import": [], "stats": [], "changes": []}
        for round_ in range(args.rounds):
            copy = folder / f"round{round_}.sqlite3"
            shutil.copyfile(base, copy)
            timings["import"].append(
                _run(["import", "--quiet", str(import_file)], {**env, "DATABASE_URL": f"sqlite:///{copy}"})
            )
            timings["stats"].append(_run(["stats"], env))
            timings["changes"].append(_run(["changes", "--to", day], env))
        commands = {
            "import": f"g287 import {import_file.name} (one new list into the full registry"
            + (", ICE's newest into every file before it)" if real else ")"),
            "stats": "g287 stats",
            "changes": f"g287 changes --to {day}",
        }
        for name, label in commands.items():
            best = min(timings[name])
            verdict = "met" if best <= TARGET else "NOT met"
            print(
                f"{label}: {best:.2f} s (best of {args.rounds}: {', '.join(f'{t:.2f}' for t in timings[name])}; "
                f"target <= {TARGET} s {verdict}); CPU {min(CPU[name]):.2f} s"
            )
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end")
    print(f"code: {sys.modules['g287'].__file__}")


if __name__ == "__main__":
    main()
