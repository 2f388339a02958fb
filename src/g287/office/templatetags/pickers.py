"""Template helpers for office forms: the agencies in the user's scope as a <datalist>, so an "Agency
id" field can be searched by name with the browser's own suggestions (keyboard included)."""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from g287.accounts.scoping import agencies_for

register = template.Library()


@register.simple_tag(takes_context=True)
def agency_datalist(context: Any, element_id: str = "agency-options") -> SafeString:
    """One read of (id, name, state) for the agencies the signed-in user may see."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return format_html("")
    rows = agencies_for(user).order_by("state", "name").values_list("pk", "name", "state")
    options = format_html_join("", '<option value="{}">{} ({})</option>', rows)
    return format_html('<datalist id="{}">{}</datalist>', element_id, options)
