"""The console command ends at once when its work is done (cli._leave): what it wrote reaches a pipe
whole, its exit status stays the command's, and a reader that stops early gets no traceback."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from tests.registry.ice_files import Agreement, write

G287 = [sys.executable, "-c", "from g287.cli import main; main()"]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("cli-exit")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'g287.sqlite3'}"}
    env.pop("PYTHONUNBUFFERED", None)  # output buffered, as for most users: what is left must be flushed
    subprocess.run([*G287, "migrate", "-v", "0"], env=env, check=True, capture_output=True, timeout=300)
    rows = [Agreement(agency=f"Agency {n} Police Department", type="Municipal") for n in range(300)]
    first = write(folder, "participatingAgencies04032025am.xlsx", rows)
    # The second list names other agencies: `g287 changes` from the first to it prints every one of both
    # (300 removed, 260 added), a long output.
    others = [Agreement(agency=f"Agency {n} Police Department", type="Municipal") for n in range(300, 560)]
    second = write(folder, "participatingAgencies04102025am.xlsx", others)
    done = subprocess.run(
        [*G287, "import", str(first), str(second)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "Imported 2 file(s), 0 already known, 0 failed; 560 agreement rows" in done.stdout
    return env


def test_the_whole_output_reaches_a_pipe(env: dict[str, str]) -> None:
    done = subprocess.run([*G287, "stats", "--json"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert json.loads(done.stdout)["agreements"] == 260
    changes = subprocess.run(
        [*G287, "changes", "--from", "2025-04-01", "--to", "2025-04-30"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert changes.returncode == 0
    assert sum("police-department" in line for line in changes.stdout.splitlines()) == 560


def test_a_failed_command_still_says_so(env: dict[str, str]) -> None:
    done = subprocess.run(
        [*G287, "changes", "--from", str(date(2025, 4, 30)), "--to", "2025-04-01"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "CommandError" in done.stderr


def test_a_reader_that_stops_early_gets_no_traceback(env: dict[str, str]) -> None:
    command = (
        " ".join(f"'{part}'" for part in G287) + " changes --from 2025-04-01 --to 2025-04-30 | head -n 1"
    )
    done = subprocess.run(["sh", "-c", command], env=env, capture_output=True, text=True, timeout=120)
    assert len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr, done.stderr
