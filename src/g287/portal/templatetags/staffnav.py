"""The staff header's links (accounts/base.html): only the areas the signed-in user's role can reach,
decided by the same checks the pages themselves make (accounts.roles, oversight.permissions,
funding.permissions), so the header never offers a page that answers 403. Labels follow the
request's language, like the rest of /office/."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from g287.accounts.models import Role
from g287.accounts.roles import Cap, can, role_of
from g287.funding.permissions import FCap, fcan
from g287.oversight.permissions import OCap, ocan

register = template.Library()


def staff_links(user: Any) -> list[tuple[str, str, str]]:
    """(key, label, URL) of each staff area `user` may open, in header order."""
    if user is None or not user.is_authenticated:
        return []
    links: list[tuple[str, str, str]] = []
    if can(user, Cap.VIEW):
        links.append(("officers", _("Officers"), reverse("officers:list")))
        links.append(("compliance", _("Compliance"), reverse("officers:compliance")))
    if can(user, Cap.COURSES):
        links.append(("courses", _("Courses"), reverse("officers:courses")))
    if ocan(user, OCap.VIEW):
        links.append(("oversight", _("Oversight"), reverse("oversight:office_home")))
    if fcan(user, FCap.VIEW):
        links.append(("funding", _("Funding"), reverse("funding:claims")))
    if role_of(user) == Role.PROGRAM_ADMIN and can(user, Cap.VIEW):
        links.append(("agencies", _("Agencies (ORI links)"), reverse("portal:staff_links")))
    if can(user, Cap.IDENTITY):
        links.append(("duplicates", _("Agencies that may be one"), reverse("portal:staff_duplicates")))
    if role_of(user) in (Role.PROGRAM_ADMIN, Role.PROGRAM_REVIEWER, Role.AUDITOR):
        links.append(("sources", _("Fetch log"), reverse("sources:fetch_log")))
    if role_of(user) == Role.PROGRAM_ADMIN:
        links.append(("webhooks", _("Webhooks"), reverse("alerts:webhooks")))
    if can(user, Cap.AUDIT):
        links.append(("audit", _("Audit log"), reverse("office:audit")))
    links.append(("tokens", _("API tokens"), reverse("office:tokens")))
    links.append(("password", _("Password"), reverse("office:password_change")))
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
