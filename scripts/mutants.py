"""Mutation testing of the rule modules (`make mutants`), outside the normal test run.

Each rule module is mutated by mutmut 3 against the test files that exercise it (its rule tests, not
its whole app), one module at a time, so a run stays within minutes on two cores. Every module gets its
own working folder under `.mutants/` (the source and tests linked in, a pyproject.toml naming the module
and its tests), which keeps mutmut's results per module and lets an interrupted run resume. Prints killed/survived per module and
lists the survivors; `--module NAME` runs some modules only. The figures go in benchmarks/README.md.

Tests run on SQLite in a test database kept in the module's folder (`--reuse-db`), so the shipped
history is loaded once per module rather than once per mutant."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".mutants"
MUTMUT = Path(sys.executable).with_name("mutmut")


@dataclass(frozen=True)
class Module:
    name: str
    source: str
    tests: tuple[str, ...]


# Each module against the test files that reach it. After changing (not adding) a test, re-run with
# --fresh: --survivors reuses mutmut's record of which tests reach which function.
MODULES = (
    Module("audit", "src/g287/core/audit.py", ("tests/core/test_audit.py", "tests/accounts/test_audit.py")),
    Module("awards", "src/g287/funding/awards.py", ("tests/funding/test_awards.py",
           "tests/funding/test_award_reports.py", "tests/funding/test_boundaries.py")),
    Module("oversight-money", "src/g287/oversight/money.py", ("tests/oversight/test_money.py",)),
    Module("roles", "src/g287/accounts/roles.py", ("tests/accounts/test_roles.py",
           "tests/accounts/test_scoping.py")),
    Module("scoping", "src/g287/accounts/scoping.py", ("tests/accounts/test_scoping.py",)),
    Module("notices", "src/g287/oversight/notices.py", ("tests/oversight/test_notice_rules.py",
           "tests/oversight/test_meetings_notices.py", "tests/oversight/test_moa_rules.py")),
    Module("clocks", "src/g287/oversight/clocks.py", ("tests/oversight/test_clocks.py",
           "tests/oversight/test_cases.py", "tests/oversight/test_moa_rules.py",
           "tests/oversight/test_clock_states.py")),
    Module("business-time", "src/g287/oversight/business_time.py", ("tests/oversight/test_clocks.py",)),
    Module("filenames", "src/g287/registry/ice/filenames.py", ("tests/registry/test_filenames.py",
           "tests/registry/test_values.py")),
    Module("claim-validation", "src/g287/funding/validation.py", ("tests/funding/test_line_rules.py",
           "tests/funding/test_validation_runs.py", "tests/funding/test_claims.py",
           "tests/funding/test_expenses.py", "tests/funding/test_boundaries.py",
           "tests/funding/test_fastpath.py")),
    Module("history", "src/g287/registry/history.py", ("tests/registry/test_history_rules.py",
           "tests/registry/test_status.py")),
    Module("matcher", "src/g287/geo/matcher.py", ("tests/geo/test_matcher.py",
           "tests/geo/test_matcher_reasons.py")),
)  # fmt: skip

# Pytest-django keeps the test database in the module's folder between mutants.
REUSE_DB_CONFTEST = '''"""Written by scripts/mutants.py: a file test database, kept between mutants (--reuse-db)."""
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    from django.conf import settings

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(Path(__file__).parent / "test.sqlite3")
'''


def config(module: Module) -> str:
    base = (ROOT / "pyproject.toml").read_text()
    lines = [
        "",
        "[tool.mutmut]",
        'source_paths = ["src"]',
        f'only_mutate = ["{module.source}"]',
        f"pytest_add_cli_args_test_selection = {list(module.tests)!r}".replace("'", '"'),
        'pytest_add_cli_args = ["-p", "no:xdist", "-p", "no:cacheprovider", "--reuse-db", "-x", "-q"]',
        'also_copy = ["conftest.py"]',
        "",
    ]
    return base + "\n".join(lines)


def prepare(module: Module) -> Path:
    folder = WORK / module.name
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("src", "tests"):
        link = folder / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    (folder / "pyproject.toml").write_text(config(module))
    (folder / "conftest.py").write_text(REUSE_DB_CONFTEST)
    return folder


def results(folder: Path) -> dict[str, list[str]]:
    out = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"], cwd=folder, capture_output=True, text=True, check=False
    ).stdout
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        hit = re.match(r"\s*(\S+): (.+)$", line)
        if hit:
            found.setdefault(hit.group(2).strip(), []).append(hit.group(1))
    return found


def run(module: Module, fresh: bool, survivors_only: bool) -> tuple[int, int, list[str], float]:
    folder = prepare(module)
    if fresh and (folder / "mutants").exists():
        shutil.rmtree(folder / "mutants")
    # After adding tests: try again only the mutants that survived last time (the tests are copied anew).
    names = results(folder).get("survived", []) if survivors_only and not fresh else []
    started = time.monotonic()
    log = folder / "run.log"
    with log.open("w") as out:
        subprocess.run(
            [str(MUTMUT), "run", "--max-children", "1", *names],
            cwd=folder,
            stdout=out,
            stderr=out,
            check=False,
        )
    elapsed = time.monotonic() - started
    by_status = results(folder)
    killed = len(by_status.get("killed", [])) + len(by_status.get("timeout", []))
    survivors = sorted(by_status.get("survived", []) + by_status.get("no tests", []))
    return killed, len(survivors), survivors, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--module", action="append", choices=[m.name for m in MODULES])
    parser.add_argument("--fresh", action="store_true", help="forget earlier results")
    parser.add_argument("--survivors", action="store_true", help="only re-run the mutants that survived")
    args = parser.parse_args()
    chosen = [m for m in MODULES if not args.module or m.name in args.module]
    rows = []
    for module in chosen:
        print(f"== {module.name}: {module.source} against {' '.join(module.tests)}", flush=True)
        killed, survived, survivors, elapsed = run(module, args.fresh, args.survivors)
        total = killed + survived
        share = f"{100 * killed / total:.1f}%" if total else "-"
        print(
            f"   killed {killed}, survived {survived} of {total} ({share} killed) in {elapsed:.0f} s",
            flush=True,
        )
        for name in survivors:
            print(f"   survived: {name}")
        rows.append((module.name, killed, survived, share))
    print("\nmodule               killed  survived  killed%")
    for name, killed, survived, share in rows:
        print(f"{name:<20} {killed:>6}  {survived:>8}  {share:>7}")


if __name__ == "__main__":
    main()
