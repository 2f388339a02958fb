"""Load test of the public portal: serves the full registry under gunicorn (2 workers) on 127.0.0.1 and
requests three URLs from this (second) process, printing requests/s and p50/p99 latency.

    .venv/bin/python benchmarks/portal.py [--requests 400] [--concurrency 2] [--database-url URL]
    .venv/bin/python benchmarks/portal.py --datasette [--loaded] [--rounds 3] [--seconds 10]

--datasette compares the API with Datasette serving g287's public SQLite file (the same rows) under
`wrk -t2 -c16`, both servers up, rounds interleaved (benchmarks/datasette_compare.py; needs wrk and the
`bench` extra). --loaded runs one busy-loop process per core meanwhile. Target: >= 2x Datasette, and
>= 1x loaded.

Without --database-url it builds a fresh SQLite registry from the shipped history in a temporary folder.
Targets: API p50 < 20 ms and p99 < 100 ms; dashboard p50 < 50 ms. Numbers are wall-clock on a shared
machine: another busy process on the same cores shows up directly in p99.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HOST = "127.0.0.1"  # never anything else: this is a load generator
URLS = ("/", "/agreements/?state=TX&model=TFM", "/api/agreements?state=TX&model=TFM")
TARGETS = {"/": (50.0, None), "/api/agreements?state=TX&model=TFM": (20.0, 100.0)}
G287 = str(Path(sys.executable).with_name("g287"))
MAX_SECONDS_PER_URL = 60.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def fetch(port: int, path: str) -> float:
    """One request on a fresh connection (gunicorn's sync workers close it anyway); seconds taken."""
    start = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
    finally:
        conn.close()
    return time.perf_counter() - start


def wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"g287 serve exited with {process.returncode}")
        try:
            fetch(port, "/api/stats")
            return
        except (OSError, RuntimeError):
            time.sleep(0.2)
    raise SystemExit("g287 serve did not start within 60 s")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[index]


def load(port: int, path: str, requests: int, concurrency: int) -> tuple[float, list[float]]:
    """Sends `requests` requests (fewer if MAX_SECONDS_PER_URL runs out); returns (req/s, latencies ms)."""
    for _ in range(20):  # warm both workers' caches and connections to the database
        fetch(port, path)
    deadline = time.monotonic() + MAX_SECONDS_PER_URL
    latencies: list[float] = []

    def worker(n: int) -> list[float]:
        out = []
        for _ in range(n):
            if time.monotonic() > deadline:
                break
            out.append(fetch(port, path) * 1000)
        return out

    share = [requests // concurrency + (1 if i < requests % concurrency else 0) for i in range(concurrency)]
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for result in pool.map(worker, share):
            latencies.extend(result)
    elapsed = time.perf_counter() - start
    return len(latencies) / elapsed, latencies


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=400, help="requests per URL (default 400)")
    parser.add_argument("--concurrency", type=int, default=2, help="client threads (default 2)")
    parser.add_argument("--database-url", help="an existing registry (default: build one from the history)")
    parser.add_argument("--workers", type=int, help="g287 serve --workers (default: serve's own)")
    parser.add_argument("--datasette", action="store_true", help="compare the API with Datasette (wrk)")
    parser.add_argument("--loaded", action="store_true", help="with --datasette: a busy loop per core")
    parser.add_argument("--rounds", type=int, default=3, help="with --datasette: rounds each (default 3)")
    parser.add_argument("--seconds", type=int, default=10, help="with --datasette: seconds per round")
    parser.add_argument(
        "--port", type=int, help="g287 serve's port (Datasette's: the next one); default: free ports"
    )
    args = parser.parse_args()
    if not 1 <= args.requests <= 10_000 or not 1 <= args.concurrency <= 16:
        parser.error("--requests must be 1..10000 and --concurrency 1..16")

    with tempfile.TemporaryDirectory(prefix="g287-bench-") as folder:
        database_url = args.database_url or f"sqlite:///{Path(folder) / 'g287.sqlite3'}"
        static = Path(folder) / "static"
        static.mkdir()
        # Its own downloads folder: building the public file removes older ones from the folder it uses.
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "G287_STATIC_ROOT": str(static),
            "G287_DOWNLOADS_DIR": str(Path(folder) / "downloads"),
        }
        if not args.database_url:
            print("building the registry from the shipped history…", flush=True)
            subprocess.run([G287, "migrate", "-v", "0"], env=env, check=True)
            subprocess.run([G287, "load-history"], env=env, check=True, stdout=subprocess.DEVNULL)
        port = args.port or free_port()
        serve = [G287, "serve", "--host", HOST, "--port", str(port)]
        if args.workers:
            serve += ["--workers", str(args.workers)]
        process = subprocess.Popen(
            serve,
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_until_up(port, process)
            if args.datasette:
                _datasette(args, env, Path(folder), port)
                return
            print(f"gunicorn, {args.workers or 'default'} workers, on {HOST}:{port}; {args.requests} requests per URL, "
                  f"{args.concurrency} client threads; load average {os.getloadavg()[0]:.2f}")  # fmt: skip
            print(f"{'URL':44} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}  target")
            for path in URLS:
                rate, latencies = load(port, path, args.requests, args.concurrency)
                p50, p99 = statistics.median(latencies), percentile(latencies, 99)
                target = TARGETS.get(path)
                verdict = ""
                if target:
                    ok = p50 < target[0] and (target[1] is None or p99 < target[1])
                    verdict = (
                        ("met" if ok else "MISSED")
                        + f" (p50 < {target[0]:g}"
                        + (f", p99 < {target[1]:g})" if target[1] else ")")
                    )
                print(f"{path:44} {rate:7.1f} {p50:8.1f} {p99:8.1f}  {verdict}", flush=True)
            print(f"load average after: {os.getloadavg()[0]:.2f} (2 cores; other work on them inflates p99)")
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _datasette(args: argparse.Namespace, env: dict[str, str], folder: Path, port: int) -> None:
    import datasette_compare as dc

    db = dc.public_file(G287, env, folder)
    datasette_port = args.port + 1 if args.port else free_port()
    datasette = dc.start_datasette(db, HOST, datasette_port)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(datasette_port, dc.DATASETTE_PATH)
                break
            except (OSError, RuntimeError):
                if time.monotonic() > deadline or datasette.poll() is not None:
                    raise SystemExit("datasette did not start") from None
                time.sleep(0.3)
        cores = os.cpu_count() or 1
        print(
            f"g287 serve (workers: {args.workers or 'default'}) and Datasette on {HOST}; "
            f"{'loaded: a busy loop on each of ' + str(cores) + ' cores' if args.loaded else 'not loaded'}; "
            f"load average {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        if args.loaded:
            with dc.busy_cores(cores):
                dc.compare(HOST, port, datasette_port, args.rounds, args.seconds)
        else:
            dc.compare(HOST, port, datasette_port, args.rounds, args.seconds)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        datasette.terminate()
        datasette.wait(timeout=20)


if __name__ == "__main__":
    main()
