"""Commands run in a folder whose database was never set up, and on an empty registry."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.mark.parametrize("command", [["stats"], ["changes", "--to", "2026-05-18"], ["import", "list.xlsx"]])
def test_a_command_before_migrate_says_what_to_run(tmp_path: Path, command: list[str]) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'g287.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-c", "from g287.cli import main; main()", *command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "g287: the database has no tables yet: run `g287 migrate` first, then `g287 load-history` or "
        "`g287 import`\n"
    )


@pytest.mark.usefixtures("empty_registry")
def test_stats_on_an_empty_registry_says_how_to_fill_it() -> None:
    out = StringIO()
    call_command("stats", stdout=out)
    assert out.getvalue() == (
        "The registry is empty: fill it with `g287 load-history` (the history shipped with g287) or "
        "`g287 import PATH...` (ICE's lists).\n"
    )
