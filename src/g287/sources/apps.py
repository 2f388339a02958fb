from typing import Any

from django.apps import AppConfig


def _fetch_log_allowed(user: Any) -> bool:
    from g287.accounts.models import Role
    from g287.accounts.roles import role_of

    return role_of(user) in (Role.PROGRAM_ADMIN, Role.PROGRAM_REVIEWER, Role.AUDITOR)


class SourcesConfig(AppConfig):
    name = "g287.sources"
    label = "sources"
    verbose_name = "Sources (ICE's files, fetched and archived)"

    def ready(self) -> None:
        from g287.core.hooks import StaffLink, staff_links

        staff_links.register(
            "sources", StaffLink("sources", "Fetch log", "sources:fetch_log", 80, _fetch_log_allowed)
        )
