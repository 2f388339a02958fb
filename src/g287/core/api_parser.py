"""The API's request parser: django-ninja's, refusing NUL characters by field.

PostgreSQL cannot store a NUL in text (psycopg raises, which the API answered with 500) and SQLite
stores it silently; the HTML forms refuse it already ("Null characters are not allowed"). So a NUL
anywhere in a JSON body or a query parameter is a 422 naming where it is, before any view runs."""

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.errors import ValidationError
from ninja.parser import Parser

MESSAGE = "Null characters are not allowed."


def _nul_paths(value: Any, at: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    if isinstance(value, str):
        return [at] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nul_paths(k, at) + _nul_paths(v, (*at, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nul_paths(v, (*at, i))]
    return []


def _refuse(paths: list[tuple[Any, ...]]) -> None:
    if paths:
        raise ValidationError([{"loc": list(p), "msg": MESSAGE, "type": "value_error"} for p in paths])


class NulFreeParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        _refuse(_nul_paths(data, ("body",)))
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        _refuse(_nul_paths(parsed, ("query",)))
        return parsed
