"""What each role may do: the one vocabulary of permissions (`Perm`, named `app.action`) and the one table
of roles. Staff pages and API operations declare the permission they need where the route is
(accounts/decorators.py); services check it again before they write. Scope (which agencies) is separate:
see scoping.py."""

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from g287.accounts.models import Role


class Perm(StrEnum):
    # Officers (the accounts app's staff pages and /api/officers/)
    OFFICERS_VIEW = "officers.view"  # officers, compliance, courses: pages and read API, within scope
    OFFICERS_NOMINATE = "officers.nominate"
    OFFICERS_IMPORT = "officers.import"
    OFFICERS_REVIEW = "officers.review"
    OFFICERS_TRAIN = "officers.train"
    OFFICERS_CERTIFY = "officers.certify"
    OFFICERS_REVOKE = "officers.revoke"
    OFFICERS_SEPARATE = "officers.separate"
    OFFICERS_COURSES = "officers.courses"  # edit the training courses
    # Funding
    FUNDING_VIEW = "funding.view"  # claims, awards, budget within scope
    FUNDING_PREPARE = "funding.prepare"  # create, edit, submit, amend claims; report lead counts
    FUNDING_REVIEW = "funding.review"  # start review, adjust lines, approve, return, reject
    FUNDING_PAY = "funding.pay"  # record payments, run settlement
    FUNDING_RULES = "funding.rules"  # fiscal-year rules and appropriations
    # Oversight
    OVERSIGHT_VIEW = "oversight.view"  # cases, meetings and notices within scope
    OVERSIGHT_CASES = "oversight.cases"  # record and work complaint cases
    OVERSIGHT_MEETINGS = "oversight.meetings"  # schedule meetings, record them as held
    OVERSIGHT_NOTICES = "oversight.notices"  # record ICE's notices (published)
    OVERSIGHT_RECORDS_SINCE = "oversight.records_since"  # since when the public measures count
    # The program office's tools
    AUDIT_VIEW = "audit.view"
    USERS_MANAGE = "users.manage"  # /office/users/
    SOURCES_VIEW = "sources.view"  # the fetch log of ICE's lists
    SOURCES_ACKNOWLEDGE = "sources.acknowledge"  # acknowledge a failed fetch
    ALERTS_WEBHOOKS = "alerts.webhooks"  # register and switch partners' webhooks
    REGISTRY_IDENTITY = "registry.identity"  # the queue of agencies that may be one
    REGISTRY_LINKS = "registry.links"  # agencies' FBI identifiers (ORI links)


P = Perm
# Who may do what. The program office administrator may do everything; every role reads within its scope.
ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.PROGRAM_ADMIN: frozenset(Perm),
    Role.PROGRAM_REVIEWER: frozenset(
        {
            P.OFFICERS_VIEW, P.OFFICERS_REVIEW, P.OFFICERS_TRAIN, P.OFFICERS_CERTIFY,
            P.FUNDING_VIEW, P.FUNDING_REVIEW,
            P.OVERSIGHT_VIEW,
            P.REGISTRY_IDENTITY, P.SOURCES_VIEW,
        }
    ),
    Role.FIELD_SUPERVISOR: frozenset(
        {
            P.OFFICERS_VIEW, P.OFFICERS_TRAIN, P.OFFICERS_CERTIFY, P.OFFICERS_REVOKE, P.OFFICERS_SEPARATE,
            P.FUNDING_VIEW,
            P.OVERSIGHT_VIEW, P.OVERSIGHT_CASES, P.OVERSIGHT_MEETINGS,
        }
    ),
    Role.AGENCY_ADMIN: frozenset(
        {
            P.OFFICERS_VIEW, P.OFFICERS_NOMINATE, P.OFFICERS_IMPORT, P.OFFICERS_SEPARATE,
            P.FUNDING_VIEW, P.FUNDING_PREPARE,
            P.OVERSIGHT_VIEW, P.OVERSIGHT_CASES,
        }
    ),
    Role.AUDITOR: frozenset(
        {P.OFFICERS_VIEW, P.FUNDING_VIEW, P.OVERSIGHT_VIEW, P.AUDIT_VIEW, P.SOURCES_VIEW}
    ),
}  # fmt: skip


def role_of(user: Any) -> str | None:
    """The user's role; a superuser without a profile (and the console) counts as a program office
    administrator. An inactive or anonymous user has none."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    profile = getattr(user, "profile", None)
    if profile is not None:
        return str(profile.role)
    return Role.PROGRAM_ADMIN.value if user.is_superuser else None


def perms_of(user: Any) -> frozenset[Perm]:
    role = role_of(user)
    return ROLE_PERMS.get(role, frozenset()) if role else frozenset()


def only_reads(user: Any) -> bool:
    """Whether every permission of the user's role is a `.view` one (an auditor's)."""
    return all(p.value.endswith(".view") for p in perms_of(user))


def can(user: Any, perm: Perm) -> bool:
    return perm in perms_of(user)


def require(user: Any, perm: Perm) -> None:
    if not can(user, perm):
        raise PermissionDenied(f"Your role does not allow this ({perm.value}).")


def allows(perm: Perm | None) -> Callable[[Any], bool]:
    """The check of a staff header link: the permission its pages declare (None: anyone signed in)."""
    if perm is None:
        return lambda user: True
    return lambda user: can(user, perm)
