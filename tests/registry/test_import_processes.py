"""The parse workers of an import live no longer than the import itself."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# An import whose workers each take a minute per file, so that they are busy when their parent dies.
_SLOW_IMPORT = """
import time
from g287.registry.ice import batch
from tests.registry.ice_files import Agreement, workbook

def slow(*args, **kwargs):
    time.sleep(60)
    raise AssertionError("never reached")

batch.parse_workbook = slow
content = workbook([Agreement()])
jobs = [(f"participatingAgencies0{1 + n % 9}0{1 + n % 9}2025am.xlsx", content, None) for n in range(16)]
batch.parse_many(jobs, workers=2)
"""

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")


def _alive_children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == parent and state != "Z" and b"resource_tracker" not in cmdline:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_parse_workers_exit_when_the_import_is_killed() -> None:
    process = subprocess.Popen([sys.executable, "-c", _SLOW_IMPORT], cwd=ROOT)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = _alive_children(process.pid)
        assert len(workers) == 2, "the import did not start its two workers"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 5
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "parse workers outlived the killed import"
    finally:
        process.kill()
        for worker in workers:
            if _alive(worker):
                os.kill(worker, signal.SIGKILL)
