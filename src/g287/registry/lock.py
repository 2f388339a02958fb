"""One import at a time: a database lock, so that it holds across processes and machines."""

from django.db import connection

# pg_advisory_xact_lock takes a 64-bit key: this one is "287g" in ASCII.
IMPORT_LOCK_KEY = 0x32383767


def hold_import_lock() -> None:
    """Within a transaction, waits until no other import holds the registry, then holds it until the
    transaction ends. SQLite needs nothing: it lets one writer at a time into the database already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
