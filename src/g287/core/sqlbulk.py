"""Many rows in few statements, for the 100,000 lines a national settlement touches.

update_by_pk: one UPDATE for many rows with different values. Django's bulk_update writes a CASE per
column per row, several times slower.
insert_rows: one INSERT for many rows. bulk_create prepares every value of every object through its
field; here only the columns that need it (dates, times) are prepared.

On PostgreSQL each column travels as one array literal (FROM unnest(%s::bigint[], ...)): a statement
has a handful of placeholders whatever the number of rows. With one placeholder per value, psycopg
spends longer splitting and merging the query text (hundreds of thousands of %s) than the server spends
running it, and its own list adaptation quotes element by element in Python: the literal is built here
with str.join, a few times faster. On SQLite (3.33+ for UPDATE ... FROM) rows go as VALUES lists, within its 32,766
parameters per statement; a query there is parsed in-process and costs little."""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

PG_CHUNK = 50_000


def _pg_array_type(field: Any) -> str:
    # JSON travels as text (already encoded) and is cast back in the statement.
    if isinstance(field, models.JSONField):
        return "text"
    return field.db_type(connection) or "text"


def _element(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int):
        return str(value)
    # Anything else (text, JSON text, dates, times) quoted as an array element, backslash and double quote escaped.
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _pg_array(column: Sequence[Any]) -> str:
    """An array literal. Columns of ints without NULL (most of them) take the short way."""
    if all(type(value) is int for value in column):
        return "{" + ",".join(map(str, column)) + "}"
    return "{" + ",".join(map(_element, column)) + "}"


def _pg_arrays(rows: Sequence[Sequence[Any]]) -> list[str]:
    """One array literal per column of `rows`."""
    return [_pg_array(column) for column in zip(*rows, strict=True)]


def _pg_value(field: Any, column: str) -> str:
    return f"{column}::jsonb" if isinstance(field, models.JSONField) else column


def _columns(model: type[models.Model], fields: Sequence[str]) -> list[Any]:
    return [model._meta.get_field(name) for name in fields]


def update_by_pk(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]], chunk: int = 2000
) -> int:
    """rows: (pk, value of fields[0], value of fields[1], ...). Returns the number of rows sent."""
    if not rows:
        return 0
    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    pk_column = meta.pk.column if meta.pk else "id"
    columns = _columns(model, fields)
    quoted = [connection.ops.quote_name(c.column) for c in columns]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            pk_type = meta.pk.db_type(connection) if meta.pk else "bigint"
            arrays = ", ".join([f"%s::{pk_type}[]", *(f"%s::{_pg_array_type(c)}[]" for c in columns)])
            names = ", ".join(["pk_", *(f"c{i}" for i in range(len(columns)))])
            assignments = ", ".join(
                f"{q} = {_pg_value(c, f'v.c{i}')}"
                for i, (q, c) in enumerate(zip(quoted, columns, strict=True))
            )
            sql = (
                f"UPDATE {table} AS t SET {assignments} FROM unnest({arrays}) AS v({names}) "
                f"WHERE t.{pk_column} = v.pk_"
            )
            for start in range(0, len(rows), PG_CHUNK):
                part = rows[start : start + PG_CHUNK]
                cursor.execute(sql, _pg_arrays(part))
            return len(rows)
        one = "(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"
        assignments = ", ".join(f"{q} = v.column{i + 2}" for i, q in enumerate(quoted))
        template = f"UPDATE {table} SET {assignments} FROM (VALUES {{values}}) AS v WHERE {table}.{pk_column} = v.column1"
        step = max(1, min(chunk, 30_000 // (len(columns) + 1)))
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            sql = template.format(values=", ".join([one] * len(part)))
            cursor.execute(sql, [value for row in part for value in row])
    return len(rows)


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]], chunk: int = 2000
) -> int:
    """rows: values of `fields`, in order (no primary key). Returns the number of rows sent."""
    if not rows:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    columns = _columns(model, fields)
    plain = (models.IntegerField, models.CharField, models.TextField, models.BooleanField, models.ForeignKey)
    prepare = [None if isinstance(c, plain) else c for c in columns]
    names = ", ".join(connection.ops.quote_name(c.column) for c in columns)

    # Prepared once per distinct value: a settlement stamps thousands of rows with one date and time.
    cache: dict[tuple[int, Any], Any] = {}

    def prep(value: Any, index: int) -> Any:
        field = prepare[index]
        if field is None or value is None:
            return value
        key = (index, value)
        if key not in cache:
            cache[key] = field.get_db_prep_save(value, connection)
        return cache[key]

    def prepared(part: Sequence[Sequence[Any]]) -> list[list[Any]]:
        return [[prep(value, i) for i, value in enumerate(row)] for row in part]

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{_pg_array_type(c)}[]" for c in columns)
            aliases = [f"c{i}" for i in range(len(columns))]
            values = ", ".join(_pg_value(c, a) for c, a in zip(columns, aliases, strict=True))
            sql = f"INSERT INTO {table} ({names}) SELECT {values} FROM unnest({arrays}) AS v({', '.join(aliases)})"
            for start in range(0, len(rows), PG_CHUNK):
                cursor.execute(sql, _pg_arrays(prepared(rows[start : start + PG_CHUNK])))
            return len(rows)
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        step = max(1, min(chunk, 30_000 // len(columns)))
        for start in range(0, len(rows), step):
            part = prepared(rows[start : start + step])
            sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(part))}"
            cursor.execute(sql, [value for row in part for value in row])
    return len(rows)
