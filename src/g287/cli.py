"""The `g287` console command. Subcommands are Django management commands; this sets up Django first."""

import atexit
import os
import sys
import threading


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "g287.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args in (["help"], ["-h"], ["--help"]):
        print(_USAGE)
        return
    if argv is None:
        from g287.registry.ice import prefetch

        prefetch.start(prefetch.files_of(args))
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["g287", *args])
    except BrokenPipeError:
        # A reader that left while the command still wrote (`g287 changes | head -n 1`): nothing more
        # to tell it, and no traceback. What is still buffered goes nowhere instead of failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except Exception as exc:
        if _never_migrated(exc):
            sys.exit(f"g287: {_NOT_SET_UP}")
        raise
    except SystemExit as exc:
        if exc.code not in (None, 0):
            raise
    if argv is None:
        _leave()


def _leave() -> None:
    """End a finished command at once. The interpreter's own shutdown tears down every module and
    object Django loaded (~60 ms of each `g287` command here, measured); nothing of it is needed once
    the connections are closed, the exit handlers have run and the output is flushed. With another
    thread still running (a server, a watcher), the normal shutdown waits for it instead."""
    if threading.active_count() > 1:
        return
    from django.db import connections

    connections.close_all()
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a reader that left early (`g287 changes | head`): nothing more to tell it
        pass
    os._exit(0)


_NOT_SET_UP = (
    "the database has no tables yet: run `g287 migrate` first, then `g287 load-history` or `g287 import`"
)


def _never_migrated(exc: Exception) -> bool:
    """Whether exc comes from a database that `g287 migrate` never set up (checked only after an error,
    so that commands do not pay for it)."""
    from django.db import DatabaseError, connection

    if not isinstance(exc, DatabaseError):
        return False
    try:
        return "django_migrations" not in connection.introspection.table_names()
    except DatabaseError:
        return False


_USAGE = """usage: g287 <command> [options]

Registry (ICE's lists)
  import PATH...                import ICE participating/pending lists (files or folders)
  fetch [--page URL]            download ICE's lists from its page, keep them, import what is new
  fetch --moas                  download the MOA and addendum PDFs the lists link
  watch --every 6h              fetch every so often (a service); passes take turns via the database
  stats [--as-of DATE]          the program as of a date (--json for one JSON object)
  changes --from D --to D       agreements added, removed and changed between two dates
  export-history [PATH]         write the compact normalized history
  load-history [PATH]           build the registry from a history file (default: the shipped one)
  agencies merge KEEP FOLD      fold one agency into another
  agencies match [--report]     link agencies to FBI identifiers (also: link, unlink, confirm, release)

People, money and oversight
  demo_accounts                 create the demo accounts and synthetic officers
  demo_program                  build a synthetic FY2026 Q1 and Q2 for the demo agencies (after demo_accounts)
  audit verify [--head HASH]    check the audit log's hash chain (and that it still reaches HASH)
  audit head [--json]           the audit log's newest entry, to publish and check against later
  backup FILE [--portable]      back up the whole database (SQLite backup API, pg_dump, or portable)
  restore FILE                  restore a backup into an empty database, then verify the audit chain
  compliance [--json]           certifications expiring, agencies without certified officers, training
  settle --quarter 2026Q1       validate claims, compute awards and pay a quarter (--dry-run)
  measures [--json] [--as-of D] [--state XX]  the oversight performance measures

Serving
  serve [--host] [--port]       run the portal under gunicorn

Django
  migrate, createsuperuser, shell, ... (every Django management command)

`g287 help COMMAND` shows a command's options."""
