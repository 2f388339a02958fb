from typing import Any

from django.apps import AppConfig


def _links_allowed(user: Any) -> bool:
    from g287.accounts.models import Role
    from g287.accounts.roles import Cap, can, role_of

    return role_of(user) == Role.PROGRAM_ADMIN and can(user, Cap.VIEW)


def _duplicates_allowed(user: Any) -> bool:
    from g287.accounts.roles import Cap, can

    return can(user, Cap.IDENTITY)


class PortalConfig(AppConfig):
    name = "g287.portal"
    label = "portal"
    verbose_name = "Public portal"

    def ready(self) -> None:
        from g287.core.hooks import StaffLink, staff_links

        staff_links.register(
            "agencies",
            StaffLink("agencies", "Agencies (ORI links)", "portal:staff_links", 60, _links_allowed),
        )
        staff_links.register(
            "duplicates",
            StaffLink(
                "duplicates", "Agencies that may be one", "portal:staff_duplicates", 70, _duplicates_allowed
            ),
        )
