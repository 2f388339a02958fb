"""Who may do what with oversight records. The accounts app's capabilities cover officers; these are
oversight's own, given by the same roles. Scope (which agencies) still comes from accounts.scoping.

- Everyone with a role sees the cases, meetings and notices in their scope (auditors and the program
  office everywhere, a field office its states, an agency its own).
- Cases are recorded and worked by the agency, its field office and the program office: the MOAs make
  the agency notify ICE and report outcomes, and ICE may receive complaints itself.
- Meetings are recorded by the field office or the program office (the FOD meets the agency).
- Notices are recorded by the program office, which publishes ICE's decisions.
- The "records since" dates of the public measures are set by the program office."""

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from g287.accounts.models import Role
from g287.accounts.roles import role_of


class OCap(StrEnum):
    VIEW = "oversight.view"
    CASES = "oversight.cases"
    MEETINGS = "oversight.meetings"
    NOTICES = "oversight.notices"
    RECORDS_SINCE = "oversight.records_since"


ROLE_OCAPS: dict[str, frozenset[OCap]] = {
    Role.PROGRAM_ADMIN: frozenset(OCap),
    Role.PROGRAM_REVIEWER: frozenset({OCap.VIEW}),
    Role.AUDITOR: frozenset({OCap.VIEW}),
    Role.FIELD_SUPERVISOR: frozenset({OCap.VIEW, OCap.CASES, OCap.MEETINGS}),
    Role.AGENCY_ADMIN: frozenset({OCap.VIEW, OCap.CASES}),
}


def ocaps_of(user: Any) -> frozenset[OCap]:
    role = role_of(user)
    return ROLE_OCAPS.get(role, frozenset()) if role else frozenset()


def ocan(user: Any, cap: OCap) -> bool:
    return cap in ocaps_of(user)


def orequire(user: Any, cap: OCap) -> None:
    if not ocan(user, cap):
        raise PermissionDenied(f"Your role does not allow this ({cap.value}).")
