"""Every G287_* limit is read from the environment by settings.py; a bad value stops start-up naming it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

NAMES = ["G287_COMPLAINT_LIMIT", "G287_STATUS_LIMIT", "G287_FORM_WINDOW_MINUTES", "G287_LOGIN_FAILURE_LIMIT"]


def read(name: str, value: str) -> subprocess.CompletedProcess[str]:
    code = f"import g287.settings as s; print(s.{name})"
    env = {**os.environ, name: value}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", NAMES)
def test_limits_come_from_the_environment(name: str) -> None:
    assert read(name, "7").stdout.strip() == "7"
    bad = read(name, "lots")
    assert bad.returncode != 0 and f"{name}='lots'" in bad.stderr
    assert read(name, "0").returncode != 0
