"""First requests of each server worker, after a start and after an import (issue 16, "no cold pages").

    .venv/bin/python benchmarks/first_requests.py [--workers 2]

Builds a fresh SQLite registry from the shipped history in a temporary folder (`g287 load-history`),
writes one new ICE list (the latest plus one agreement, as benchmarks/cli_startup.py does), then starts
--workers worker processes. Each loads `g287.wsgi` exactly as a gunicorn worker of `g287 serve` does
(Django set up, its warm-up of / and /states/ run) and then answers requests through the WSGI
application (the whole middleware chain) on the parent's command, timing each. The parent asks every
worker for `/` and for the page of the state with the most agencies (among those the warm-up does not
request itself):

  1. after the start (each worker's first request for them), then
  2. after `g287 import NEW_FILE` run in another process (the workers' caches hold the old data).

Target: each of these first requests <= 100 ms, in every worker. Workers are processes of their own, so
nothing computed in one is seen by another except through the database (or a shared cache).
The folder is removed at the end. To time older code, run it with PYTHONPATH=<old checkout>/src.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

G287 = str(Path(sys.executable).with_name("g287"))
TARGET_MS = 100.0


def worker() -> None:
    """A server worker: loads the application as gunicorn does, then times the requests read from stdin."""
    from g287.wsgi import application  # Django set up and the warm-up run, as in `g287 serve`

    print("ready", flush=True)
    for line in sys.stdin:
        path = line.strip()
        environ: dict[str, Any] = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "HTTP_HOST": "localhost",
            "REMOTE_ADDR": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        statuses: list[str] = []

        def start_response(
            status: str, headers: Any, exc_info: Any = None, seen: list[str] = statuses
        ) -> None:
            seen.append(status)

        start = time.perf_counter()
        body = application(environ, start_response)
        size = sum(len(chunk) for chunk in body)
        body.close()  # type: ignore[attr-defined]  # ends the request (Django's request_finished)
        ms = (time.perf_counter() - start) * 1000
        print(json.dumps({"path": path, "ms": ms, "status": statuses[0], "bytes": size}), flush=True)


class Worker:
    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout and self.process.stdin
        ready = self.process.stdout.readline().strip()
        if ready != "ready":
            raise SystemExit(f"a worker did not start: {ready!r}")

    def get(self, path: str) -> dict[str, Any]:
        assert self.process.stdout and self.process.stdin
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        if not answer["status"].startswith("200"):
            raise SystemExit(f"{path}: {answer['status']}")
        return answer

    def stop(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from cli_startup import _new_list

    with tempfile.TemporaryDirectory(prefix="g287-first-") as tmp:
        folder = Path(tmp)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'registry.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "g287.settings")
        os.environ["G287_ALLOWED_HOSTS"] = "localhost"
        env = dict(os.environ)
        subprocess.run([G287, "migrate", "-v0"], env=env, check=True)
        subprocess.run([G287, "load-history"], env=env, check=True, capture_output=True)
        import django

        django.setup()
        from django.db.models import Count

        from g287.registry.models import Agency

        new_file, _ = _new_list(folder)
        from g287.core.warmup import PAGES

        # The state with the most agencies whose page the workers' warm-up has not requested itself.
        counts = Agency.objects.values("state").annotate(n=Count("id")).order_by("-n")
        biggest = next(c["state"] for c in counts if f"/states/{c['state']}/" not in PAGES)
        pages = ["/", f"/states/{biggest}/"]
        workers = [Worker(env) for _ in range(args.workers)]
        rows: list[tuple[str, int, dict[str, Any]]] = []
        try:
            for number, w in enumerate(workers, 1):
                rows.extend(("after the start", number, w.get(page)) for page in pages)
            subprocess.run(
                [G287, "import", "--quiet", str(new_file)], env=env, check=True, capture_output=True
            )
            for number, w in enumerate(workers, 1):
                rows.extend(("after an import", number, w.get(page)) for page in pages)
        finally:
            for w in workers:
                w.stop()
    worst = max(answer["ms"] for _, _, answer in rows)
    for moment, number, answer in rows:
        verdict = "met" if answer["ms"] <= TARGET_MS else "NOT met"
        print(
            f"{moment}, worker {number}: first GET {answer['path']}: {answer['ms']:.0f} ms "
            f"({answer['bytes'] // 1024} KB; target <= {TARGET_MS:.0f} ms {verdict})"
        )
    print(f"slowest: {worst:.0f} ms ({'met' if worst <= TARGET_MS else 'NOT met'})")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end")
    print(f"code: {sys.modules['g287'].__file__}")


if __name__ == "__main__":
    main()
