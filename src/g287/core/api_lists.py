"""The API's one convention for lists, used by every endpoint that answers a list of records.

- Paging: `limit` (1 to MAX_LIMIT, default DEFAULT_LIMIT) and `offset` (0 to MAX_OFFSET); an offset past
  the end is an empty page, not an error.
- The envelope: {count, next, previous, results}; `next` and `previous` are absolute URLs with the same
  filters, or null.
- Bad parameters (an unknown parameter, an unknown choice, a limit out of range, a negative or huge offset, a malformed date)
  are answered 422 with one body, the one django-ninja gives its own validation errors:
  {"detail": [{"loc": ["query", name], "msg": "...", "type": "..."}]}.

A new list endpoint takes a `Query[...]` schema derived from `ListParams`, declares
`response=ListPage[ItemSchema]` and returns `page(request, queryset, params, ...)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import ValidationError
from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from g287.core.filters import day_out_of_range

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Far above any list g287 holds; a bigger offset is a client's mistake, never a database overflow.
MAX_OFFSET = 10_000_000

T = TypeVar("T")


class ListParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="results per response")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="results to skip, from 0")


class ListPage(Schema, Generic[T]):
    count: int = Field(description="results matching the filters, in all")
    next: str | None = Field(description="URL of the next results; null on the last")
    previous: str | None = Field(description="URL of the previous results; null on the first")
    results: list[T]


class ErrorItem(Schema):
    loc: list[str | int] = Field(description='where: ["query", name], ["path", name] or ["body", field]')
    msg: str
    type: str


class ValidationErrorOut(Schema):
    """The one body of every 422 answer."""

    detail: list[ErrorItem]


class ErrorOut(Schema):
    """The body of 400, 401, 403 and 404 answers."""

    detail: str


def invalid(errors: Mapping[str, str], where: str = "query") -> ValidationError:
    """The 422 for bad parameters, `errors` mapping each name to what is wrong with it (the shape of a
    filter class's `FilterError.errors`)."""
    return ValidationError(
        [{"loc": [where, name], "msg": msg, "type": "value_error"} for name, msg in errors.items()]
    )


def page(
    request: HttpRequest,
    rows: QuerySet[Any] | Sequence[Any],
    params: ListParams,
    read: Callable[[Any], Iterable[Any]] = list,
) -> dict[str, Any]:
    """One response of a list: the rows from `params.offset`, `params.limit` of them, each made by
    `read` (which receives the sliced queryset or sequence, so it can fetch related rows in bulk)."""
    known = {f.alias or name for name, f in type(params).model_fields.items()}
    unknown = sorted(name for name in request.GET if name not in known)
    if unknown:
        # A misspelt filter silently ignored would answer a different question than the one asked.
        raise invalid(
            {name: f"unknown parameter; expected one of {', '.join(sorted(known))}" for name in unknown}
        )
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    start, size = params.offset, params.limit
    results = list(read(rows[start : start + size])) if start < count else []

    def link(offset: int) -> str:
        query = request.GET.copy()
        for name in ("limit", "offset"):
            query.pop(name, None)
        query["limit"] = str(size)
        query["offset"] = str(offset)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "next": link(start + size) if start + size < count else None,
        "previous": link(max(0, min(start, count) - size)) if start > 0 else None,
        "results": results,
    }


# --- typed query parameters ---------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    # Pydantic would also read a number as a Unix time ("1.5" is 1970-01-01): a date parameter is
    # YYYY-MM-DD or nothing.
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value.strip()):
        raise ValueError("expected a date as YYYY-MM-DD")
    if isinstance(value, int | float):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value.strip() if isinstance(value, str) else value


def _day_in_range(value: date) -> date:
    problem = day_out_of_range(value)
    if problem:
        raise ValueError(problem)
    return value


# The schema says which days: a pattern on the year, since JSON Schema has no bounds for a date.
IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    AfterValidator(_day_in_range),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^(19\d\d|2\d\d\d)-\d\d-\d\d$"}),
]


def choice(values: Iterable[str], description: str, default: Any = "") -> Any:
    """A parameter taking one of `values`, declared as an enum in the schema. The list's filter class
    checks it (so the page and the API say the same thing); a value outside is a 422."""
    return Field(default, description=description, json_schema_extra={"enum": list(values)})


def choices(values: Iterable[str], description: str) -> Any:
    """A parameter taking several of `values` (repeat it, or comma-separate), declared as an enum."""
    return Field(
        [],
        description=f"{description}; repeat or comma-separate",
        json_schema_extra={"items": {"type": "string", "enum": list(values)}},
    )


def enum_schema(values: Iterable[str]) -> WithJsonSchema:
    """For a parameter of an operation's signature: `Annotated[str, enum_schema(values)]` declares its
    allowed values in the schema (the operation checks them; a value outside is a 422)."""
    return WithJsonSchema({"type": "string", "enum": list(values)})
