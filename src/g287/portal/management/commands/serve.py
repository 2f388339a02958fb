import argparse
import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve g287 under gunicorn (a production server; static files through whitenoise)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
        parser.add_argument("--threads", type=int, default=4, help="threads per process (default 4)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 < options["port"] < 65536:
            raise CommandError(f"--port {options['port']} is not a TCP port")
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        if options["threads"] < 1:
            raise CommandError("--threads must be at least 1")
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"g287 serving on http://{bind}/ (Ctrl-C to stop)")
        self.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "g287.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            # Threaded workers keep a client's connection open between requests (gunicorn's sync workers
            # close it after each one, so every request paid a new connection) and a request waiting on
            # the database does not hold the whole process. With sync workers the API fell to a fifth of
            # Datasette's rate on a host busy with other work (benchmarks/portal.py --datasette --loaded).
            "--worker-class",
            "gthread",
            "--threads",
            str(options["threads"]),
            "--keep-alive",
            "5",
            "--access-logfile",
            "-",
            "--timeout",
            "60",
            # gunicorn's control socket defaults to one path in the home folder, which two servers
            # on one machine would share; g287 does not use it.
            "--no-control-socket",
        ]
        os.execv(sys.executable, argv)
