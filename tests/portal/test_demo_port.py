"""`PORT=8123 make demo` serves on the port asked for; without PORT, on 8000 as the README says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(("env", "port"), [({"PORT": "8123"}, "8123"), ({}, "8000")])
def test_make_demo_serves_on_the_chosen_port(env: dict[str, str], port: str) -> None:
    # -n prints the recipe without running it; the serve line is the last one.
    result = subprocess.run(
        ["make", "-n", "demo"], cwd=ROOT, env={"PATH": "/usr/bin:/bin", **env}, capture_output=True, text=True
    )
    serve = [line for line in result.stdout.splitlines() if " serve " in line]
    assert serve and serve[-1].endswith(f"--port {port}"), result.stdout
