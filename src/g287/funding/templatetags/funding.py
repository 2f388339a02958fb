"""{{ cents|dollars }} and {{ basis_points|percent }} in templates."""

from django import template

from g287.funding.money import dollars as format_dollars
from g287.funding.office_forms import percent as format_percent

register = template.Library()


@register.filter
def dollars(cents: int | None) -> str:
    return "" if cents is None else format_dollars(int(cents))


@register.filter
def percent(basis_points: int | None) -> str:
    return "" if basis_points is None else f"{format_percent(int(basis_points))}%"
