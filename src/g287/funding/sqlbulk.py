"""One UPDATE for many rows with different values (UPDATE ... FROM (VALUES ...)), on PostgreSQL and on
SQLite 3.33+. Django's bulk_update writes a CASE per column per row, which is several times slower at
the 100,000 lines a national settlement touches."""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def update_by_pk(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]], chunk: int = 2000
) -> int:
    """rows: (pk, value of fields[0], value of fields[1], ...). Returns the number of rows sent."""
    if not rows:
        return 0
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    pk_column = meta.pk.column if meta.pk else "id"
    columns: list[Any] = [meta.get_field(name) for name in fields]
    quoted = [connection.ops.quote_name(c.column) for c in columns]
    postgres = connection.vendor == "postgresql"
    if postgres:
        # VALUES has no column types on PostgreSQL: cast each placeholder to the column's type.
        types = [c.db_type(connection) or "text" for c in columns]
        pk_type = meta.pk.db_type(connection) if meta.pk else "bigint"
        one = "(" + ", ".join([f"%s::{pk_type}"] + [f"%s::{t}" for t in types]) + ")"
        names = ", ".join(["pk_", *[f"c{i}" for i in range(len(columns))]])
        assignments = ", ".join(f"{q} = v.c{i}" for i, q in enumerate(quoted))
        template = f"UPDATE {table} AS t SET {assignments} FROM (VALUES {{values}}) AS v({names}) WHERE t.{pk_column} = v.pk_"
    else:
        one = "(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"
        assignments = ", ".join(f"{q} = v.column{i + 2}" for i, q in enumerate(quoted))
        template = f"UPDATE {table} SET {assignments} FROM (VALUES {{values}}) AS v WHERE {table}.{pk_column} = v.column1"
    width = len(columns) + 1
    step = max(1, min(chunk, 30_000 // width))  # SQLite allows 32,766 parameters per statement
    with connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            sql = template.format(values=", ".join([one] * len(part)))
            params = [value for row in part for value in row]
            cursor.execute(sql, params)
    return len(rows)
