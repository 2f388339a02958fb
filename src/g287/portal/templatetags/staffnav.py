"""The staff header's links (accounts/base.html): only the areas the signed-in user's role can reach,
decided by the same checks the pages themselves make (accounts.roles, oversight.permissions,
funding.permissions), so the header never offers a page that answers 403. The staff pages are in
English only, like the rest of /office/."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import reverse

from g287.accounts.roles import Perm, can

register = template.Library()


def staff_links(user: Any) -> list[tuple[str, str, str]]:
    """(key, label, URL) of each staff area `user` may open, in header order."""
    if user is None or not user.is_authenticated:
        return []
    links: list[tuple[str, str, str]] = []
    if can(user, Perm.OFFICERS_VIEW):
        links.append(("officers", "Officers", reverse("officers:list")))
        links.append(("compliance", "Compliance", reverse("officers:compliance")))
    if can(user, Perm.OFFICERS_COURSES):
        links.append(("courses", "Courses", reverse("officers:courses")))
    if can(user, Perm.OVERSIGHT_VIEW):
        links.append(("oversight", "Oversight", reverse("oversight:office_home")))
    if can(user, Perm.FUNDING_VIEW):
        links.append(("funding", "Funding", reverse("funding:claims")))
    if can(user, Perm.REGISTRY_LINKS):
        links.append(("agencies", "Agencies (ORI links)", reverse("portal:staff_links")))
    if can(user, Perm.REGISTRY_IDENTITY):
        links.append(("duplicates", "Agencies that may be one", reverse("portal:staff_duplicates")))
    if can(user, Perm.SOURCES_VIEW):
        links.append(("sources", "Fetch log", reverse("sources:fetch_log")))
    if can(user, Perm.ALERTS_WEBHOOKS):
        links.append(("webhooks", "Webhooks", reverse("alerts:webhooks")))
    if can(user, Perm.AUDIT_VIEW):
        links.append(("audit", "Audit log", reverse("office:audit")))
    links.append(("tokens", "API tokens", reverse("office:tokens")))
    links.append(("password", "Password", reverse("office:password_change")))
    return links


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
