"""The staff header's links (core/staff_base.html): only the areas the signed-in user's role can reach.
Each app registers its areas in `g287.core.hooks.staff_links` from its AppConfig.ready(), with the same
check its pages make, so the header never offers a page that answers 403 and core imports no app. Labels
follow the request's language, like the rest of /office/."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext

from g287.core.hooks import staff_links as registered

register = template.Library()


def staff_links(user: Any) -> list[tuple[str, str, str]]:
    """(key, label, URL) of each staff area `user` may open, in header order."""
    if user is None or not user.is_authenticated:
        return []
    links = sorted(registered.entries(), key=lambda link: link.order)
    return [(link.key, gettext(link.label), reverse(link.url_name)) for link in links if link.allowed(user)]


@register.simple_tag(takes_context=True)
def staff_nav(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The links for the template, each marked `current` when the page is in that area."""
    request: HttpRequest | None = context.get("request")
    user = context.get("user") or (request.user if request is not None else None)
    path = request.path if request is not None else ""
    links = staff_links(user)
    # The longest URL the path starts with is the area (compliance is under officers' URL).
    current = max((url for _, _, url in links if path.startswith(url)), key=len, default=None)
    return [{"key": key, "label": label, "url": url, "current": url == current} for key, label, url in links]
