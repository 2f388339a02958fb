"""What each role may do. Scope (which agencies) is separate: see scoping.py."""

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from g287.accounts.models import Role


class Cap(StrEnum):
    VIEW = "view"  # staff pages and read API, within scope
    NOMINATE = "officer.nominate"
    IMPORT = "officer.import"
    REVIEW = "officer.review"
    TRAIN = "officer.train"
    CERTIFY = "officer.certify"
    REVOKE = "officer.revoke"
    SEPARATE = "officer.separate"
    COURSES = "courses.edit"
    AUDIT = "audit.view"
    IDENTITY = "registry.identity"  # the queue of agencies that may be one (program office)
    USERS = "users.manage"  # the program office's user management (/office/users/)
    FETCH_LOG = "sources.view"  # the fetch log of ICE's lists
    FETCH_ACT = "sources.acknowledge"  # acknowledge a failed fetch
    WEBHOOKS = "alerts.webhooks"  # register and switch partners' webhooks


ROLE_CAPS: dict[str, frozenset[Cap]] = {
    Role.PROGRAM_ADMIN: frozenset(Cap),
    Role.PROGRAM_REVIEWER: frozenset(
        {Cap.VIEW, Cap.REVIEW, Cap.TRAIN, Cap.CERTIFY, Cap.IDENTITY, Cap.FETCH_LOG}
    ),
    Role.FIELD_SUPERVISOR: frozenset({Cap.VIEW, Cap.TRAIN, Cap.CERTIFY, Cap.REVOKE, Cap.SEPARATE}),
    Role.AGENCY_ADMIN: frozenset({Cap.VIEW, Cap.NOMINATE, Cap.IMPORT, Cap.SEPARATE}),
    Role.AUDITOR: frozenset({Cap.VIEW, Cap.AUDIT, Cap.FETCH_LOG}),
}


def role_of(user: Any) -> str | None:
    """The user's role; a superuser without a profile counts as a program office administrator."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    profile = getattr(user, "profile", None)
    if profile is not None:
        return str(profile.role)
    return Role.PROGRAM_ADMIN.value if user.is_superuser else None


def caps_of(user: Any) -> frozenset[Cap]:
    role = role_of(user)
    return ROLE_CAPS.get(role, frozenset()) if role else frozenset()


def can(user: Any, cap: Cap) -> bool:
    return cap in caps_of(user)


def require(user: Any, cap: Cap) -> None:
    if not can(user, cap):
        raise PermissionDenied(f"Your role does not allow this ({cap.value}).")
