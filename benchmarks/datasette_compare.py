"""g287's API against Datasette on the same rows, with wrk (imported by benchmarks/portal.py --datasette).

Both servers are up together; rounds alternate between them (g287, Datasette, g287, ...) so that other
work on the machine falls on both alike. --loaded adds one busy-loop process per core for the whole
measurement, as another CPU-heavy program on the host would.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

QUERY = "state=TX&model=TFM"
G287_PATH = f"/api/agreements?{QUERY}"
DATASETTE_PATH = f"/g287-public/agreements.json?{QUERY}&_size=100"  # g287's default page: 100 rows
DATASETTE = str(Path(sys.executable).with_name("datasette"))


def public_file(g287: str, env: dict[str, str], folder: Path) -> Path:
    """g287's public SQLite download (the rows Datasette serves), copied as folder/g287-public.sqlite3."""
    done = subprocess.run(
        [g287, "shell", "-c", "from g287.portal.public_db import current_file; print(current_file())"],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    target = folder / "g287-public.sqlite3"
    shutil.copyfile(done.stdout.strip().splitlines()[-1], target)
    return target


def start_datasette(db: Path, host: str, port: int) -> subprocess.Popen[bytes]:
    """Datasette as documented for publishing a file: immutable, without facet suggestions (g287's API
    suggests none; with them Datasette answers several times slower, which would flatter g287)."""
    if not Path(DATASETTE).exists():
        sys.exit("datasette is not installed: .venv/bin/pip install -e '.[bench]'")
    return subprocess.Popen(
        [DATASETTE, "serve", "-i", str(db), "--host", host, "--port", str(port), "--setting", "suggest_facets", "off"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def wrk(url: str, seconds: int) -> tuple[float, str]:
    """(requests/s, mean latency as wrk prints it) of `wrk -t2 -c16` for `seconds`; non-2xx answers fail."""
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", url], check=True, capture_output=True, text=True
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        sys.exit(f"wrk {url} saw errors:\n{out}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    latency = re.search(r"Latency\s+(\S+)", out)
    if rate is None or latency is None:
        sys.exit(f"cannot read wrk's output:\n{out}")
    return float(rate.group(1)), latency.group(1)


@contextmanager
def busy_cores(count: int) -> Iterator[None]:
    """`count` processes that spin a core each, for as long as the block runs."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        time.sleep(1)
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def compare(host: str, g287_port: int, datasette_port: int, rounds: int, seconds: int) -> None:
    """Interleaved wrk rounds against both servers; prints each round and the best of each, and the ratio."""
    urls = {
        "g287": f"http://{host}:{g287_port}{G287_PATH}",
        "datasette": f"http://{host}:{datasette_port}{DATASETTE_PATH}",
    }
    for url in urls.values():  # warm caches and connections
        wrk(url, 1)
    rates: dict[str, list[float]] = {name: [] for name in urls}
    for round_ in range(rounds):
        for name, url in urls.items():
            rate, latency = wrk(url, seconds)
            rates[name].append(rate)
            print(f"  round {round_ + 1} {name:9} {rate:8.1f} req/s  mean latency {latency}", flush=True)
    best = {name: max(values) for name, values in rates.items()}
    print(
        f"wrk -t2 -c16, {QUERY}: g287 {best['g287']:.1f} req/s, Datasette {best['datasette']:.1f} req/s "
        f"(best of {rounds}); ratio {best['g287'] / best['datasette']:.2f}x"
    )
