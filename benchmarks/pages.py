"""Page timings in one process, against a registry: the dashboard's and /states/' first render with an
empty cache, /measures/, /changes/ for one year as HTML, and the full-list XLSX download.

    .venv/bin/python benchmarks/pages.py --database-url sqlite:///PATH [--rounds 3]

In-process (Django's test client, no server), best of --rounds, so it measures the views, not the network.
Targets (issue 16): first render <= 100 ms; /measures/ and /changes/ <= 50 ms; XLSX <= 150 ms.
To time older code, run it with PYTHONPATH=<old checkout>/src.
"Empty cache" is this process's cache: figures kept in the database (g287.core.figures) are read, as a
server worker that has computed nothing yet reads them. benchmarks/first_requests.py times the first
requests of separate worker processes after a start and after an import.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable


def _best(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="a registry (e.g. after g287 load-history)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "g287.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["testserver"]
    from g287.registry.queries import latest_snapshot

    latest = latest_snapshot()
    assert latest is not None, "the registry is empty: run g287 load-history first"
    year = f"/changes/?from={latest.date.replace(year=latest.date.year - 1)}&to={latest.date}"
    client = Client()

    def get(url: str) -> Callable[[], object]:
        def run() -> object:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return run

    def cold(url: str) -> Callable[[], object]:
        def run() -> object:
            cache.clear()  # as after a start or an import: nothing computed in this process yet
            return get(url)()

        return run

    print(f"code: {sys.modules['g287'].__file__}; load average {os.getloadavg()[0]:.2f}")
    cases = [
        ("/ first render (empty cache)", cold("/"), "/", 100),
        ("/states/ first render (empty cache)", cold("/states/"), "/states/", 100),
        ("/measures/", get("/measures/"), "/measures/", 50),
        (f"{year} (HTML)", get(year), year, 50),
        ("/agreements/?status=all&format=xlsx", get("/agreements/?status=all&format=xlsx"), None, 150),
    ]
    for label, run, url, target in cases:
        run()  # warm this process's imports and templates
        ms = _best(args.rounds, run)
        extra = ""
        if url:
            with CaptureQueriesContext(connection) as queries:
                size = len(get(url)().content)  # type: ignore[attr-defined]
            extra = f"; {len(queries.captured_queries)} queries warm, {size // 1024} KB"
        verdict = "met" if ms <= target else "NOT met"
        print(f"{label}: {ms:.0f} ms (best of {args.rounds}; target <= {target} ms {verdict}{extra})")


if __name__ == "__main__":
    main()
