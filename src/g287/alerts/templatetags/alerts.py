"""`<link rel=alternate>` to the Atom feeds that fit the page: the program's, and a state's or agency's."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


def feeds_for(request: Any) -> list[tuple[str, str]]:
    out = [(reverse("alerts:feed"), "287(g) changes (Atom)")]
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "portal:state":
        code = str(match.kwargs.get("code", "")).upper()
        out.append((reverse("alerts:state_feed", args=[code]), f"287(g) changes in {code} (Atom)"))
    if match is not None and match.view_name == "portal:agency":
        agency = str(match.kwargs.get("agency_id", ""))
        out.append((reverse("alerts:agency_feed", args=[agency]), "287(g) changes for this agency (Atom)"))
    return out


@register.simple_tag(takes_context=True)
def feed_links(context: dict[str, Any]) -> str:
    links = feeds_for(context.get("request"))
    return format_html_join(
        "\n", '<link rel="alternate" type="application/atom+xml" href="{}" title="{}">', links
    )


@register.simple_tag(takes_context=True)
def follow_links(context: dict[str, Any]) -> str:
    """The visible twin: the page's feed and an e-mail subscription, where a page has a scope."""
    request = context.get("request")
    links = feeds_for(request)
    href = links[-1][0]
    match = getattr(request, "resolver_match", None)
    query = ""
    if match is not None and match.view_name == "portal:state":
        query = f"?state={str(match.kwargs.get('code', '')).upper()}"
    elif match is not None and match.view_name == "portal:agency":
        query = f"?agency={match.kwargs.get('agency_id', '')}"
    return format_html(
        '<p class="follow"><a href="{}">{}</a>{}</p>',
        href,
        _("Atom feed of these changes"),
        format_html(' · <a href="{}{}">{}</a>', reverse("alerts:subscribe"), query, _("Follow by e-mail"))
        if query
        else "",
    )
