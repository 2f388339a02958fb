"""Small readers of query parameters for the pages: dates, positive integers and download formats,
each with a message for the reader instead of an exception."""

from __future__ import annotations

from datetime import date

from django.http import QueryDict
from django.utils.translation import gettext as _

from g287.portal.exports import FORMATS

PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_PAGE = 1_000_000


def read_date(params: QueryDict, name: str, default: date, errors: dict[str, str]) -> date:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = _("%(value)s is not a date (YYYY-MM-DD)") % {"value": raw}
        return default


def read_int(params: QueryDict, name: str, default: int, low: int, high: int, errors: dict[str, str]) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        errors[name] = _("%(value)s is not a whole number") % {"value": raw[:40]}
        return default
    if not low <= value <= high:
        errors[name] = _("must be between %(low)d and %(high)d") % {"low": low, "high": high}
        return default
    return value


def read_format(params: QueryDict, errors: dict[str, str]) -> str | None:
    """The download format asked for, or None for the page itself."""
    raw = params.get("format", "").strip().lower()
    if not raw or raw == "html":
        return None
    if raw not in FORMATS:
        errors["format"] = _("unknown format %(value)s; expected csv, xlsx or json") % {"value": raw[:20]}
        return None
    return raw
