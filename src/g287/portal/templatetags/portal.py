"""Template helpers for the portal: URLs that keep the current filters, and readable names for codes."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import get_language

from g287.portal.changes import describe
from g287.portal.changewords import Phrase, phrases
from g287.portal.filters import AgreementFilters
from g287.portal.geo_views import county_map_page_url
from g287.portal.labels import EVENT_LABELS, MODEL_LABELS, STATUS_LABELS, TYPE_LABELS
from g287.portal.records import model_name
from g287.portal.statenames import local_state_name
from g287.registry.models import AgencyType, EventKind, Status
from g287.registry.queries import signed_since

register = template.Library()

# Looked up once: Django's Choices.values and Enum(value) rebuild lists on every call, which showed up
# as the top cost of rendering a 50-row table.
_STATUS = dict(Status.choices)
_TYPE = dict(AgencyType.choices)
_EVENT = dict(EventKind.choices)


@register.simple_tag
def pending_signed_note(pending: int | None, signed: int | None, stale: bool) -> str:
    """The pending list's requests signed since, said apart ("2 on the list; both since signed")."""
    return signed_since(pending, signed, stale)


@register.simple_tag
def filter_url(filters: AgreementFilters, **override: Any) -> str:
    """`?…` for the agreements list with the current filters, some replaced (an empty value drops one)."""
    query = filters.querystring(**override)
    return f"?{query}" if query else "?"


@register.simple_tag(takes_context=True)
def download_url(context: dict[str, Any], fmt: str) -> str:
    """The current URL with `format=fmt` and without the page number: a download holds the whole list."""
    request: HttpRequest = context["request"]
    params = request.GET.copy()
    for name in ("page", "per_page", "format"):
        params.pop(name, None)
    params["format"] = fmt
    return f"{request.path}?{params.urlencode()}"


@register.simple_tag
def sort_url(filters: AgreementFilters, column: str) -> str:
    """Sorting by a column; a second click on the sorted column reverses it."""
    new = f"-{column}" if filters.sort == column else column
    return filter_url(filters, sort=new, page=None)


@register.filter
def sort_mark(filters: AgreementFilters, column: str) -> str:
    if filters.sort == column:
        return "ascending"
    if filters.sort == f"-{column}":
        return "descending"
    return "none"


@register.filter(name="state_name")
def state_name_filter(code: str) -> str:
    return local_state_name(code)


@register.filter(name="model_name")
def model_name_filter(code: str) -> str:
    label = MODEL_LABELS.get(code)
    return str(label) if label is not None else model_name(code)


@register.filter
def status_label(value: str) -> str:
    label = STATUS_LABELS.get(value)
    return str(label if label is not None else _STATUS.get(value, value))


@register.filter
def type_label(value: str) -> str:
    key = "" if value == "unknown" else value
    label = TYPE_LABELS.get(key)
    return str(label if label is not None else _TYPE.get(key, value))


@register.filter
def event_label(value: str) -> str:
    label = EVENT_LABELS.get(value)
    return str(label if label is not None else _EVENT.get(value, value))


@register.filter
def describe_fields(fields: dict[str, dict[str, Any]]) -> str:
    return describe(fields)


@register.filter
def change_phrases(fields: dict[str, dict[str, Any]]) -> list[Phrase]:
    return phrases(fields)


@register.filter(name="county_map_page")
def county_map_page_filter(svg_url: str) -> str:
    return county_map_page_url(svg_url)


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None


@register.simple_tag
def query(**params: Any) -> str:
    return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """A share (0.1234) as a percentage ("12.3%"); an unknown share as a dash."""
    if value is None:
        return "-"
    # Grouped and with the decimal mark of the page's language, like every other figure on it.
    number = number_format(round(value * 100, int(digits)), int(digits), use_l10n=True, force_grouping=True)
    return number + PERCENT_SIGN.get(get_language() or "en", "%")


# Spanish style writes a (non-breaking) space before the percent sign (RAE, Ortografía 2010).
PERCENT_SIGN = {"es": "\u00a0%"}


@register.filter
def signed_percent(value: int | float | None) -> str:
    """A change in percent with its sign ("+640.7%"), in the page's number format."""
    if value is None:
        return "-"
    sign = "+" if value >= 0 else "\u2212"  # a true minus sign
    digits = 0 if float(value).is_integer() else 1
    number = number_format(abs(value), digits, use_l10n=True, force_grouping=True)
    return sign + number + PERCENT_SIGN.get(get_language() or "en", "%")
