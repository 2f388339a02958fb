"""{{ cents|dollars }} in templates."""

from django import template

from g287.funding.money import dollars as format_dollars

register = template.Library()


@register.filter
def dollars(cents: int | None) -> str:
    return "" if cents is None else format_dollars(int(cents))
