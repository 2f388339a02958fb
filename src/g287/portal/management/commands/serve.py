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
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 < options["port"] < 65536:
            raise CommandError(f"--port {options['port']} is not a TCP port")
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1")
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
            "--access-logfile",
            "-",
            "--timeout",
            "60",
            # gunicorn's control socket defaults to one path in the home folder, which two servers
            # on one machine would share; g287 does not use it.
            "--no-control-socket",
        ]
        os.execv(sys.executable, argv)
