"""What each role may do with money. roles.py knows officers and audit; funding maps the same roles to
its own capabilities here. Scope (which agencies) still comes from accounts.scoping."""

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from g287.accounts.models import Role
from g287.accounts.roles import role_of


class FCap(StrEnum):
    VIEW = "funding.view"  # claims, awards, budget within scope
    PREPARE = "funding.prepare"  # create, edit, submit, amend claims; report lead counts
    REVIEW = "funding.review"  # start review, adjust lines, approve, return, reject
    PAY = "funding.pay"  # record payments, run settlement
    RULES = "funding.rules"  # edit fiscal-year rules and appropriations


ROLE_FCAPS: dict[str, frozenset[FCap]] = {
    Role.PROGRAM_ADMIN: frozenset(FCap),
    Role.PROGRAM_REVIEWER: frozenset({FCap.VIEW, FCap.REVIEW}),
    Role.FIELD_SUPERVISOR: frozenset({FCap.VIEW}),
    Role.AGENCY_ADMIN: frozenset({FCap.VIEW, FCap.PREPARE}),
    Role.AUDITOR: frozenset({FCap.VIEW}),
}


def fcaps_of(user: Any) -> frozenset[FCap]:
    if getattr(user, "is_superuser", False) and getattr(user, "pk", None) is None:
        return frozenset(FCap)  # the console (accounts.scoping.SYSTEM)
    role = role_of(user)
    return ROLE_FCAPS.get(role, frozenset()) if role else frozenset()


def fcan(user: Any, cap: FCap) -> bool:
    return cap in fcaps_of(user)


def frequire(user: Any, cap: FCap) -> None:
    if not fcan(user, cap):
        raise PermissionDenied(f"Your role does not allow this ({cap.value}).")
