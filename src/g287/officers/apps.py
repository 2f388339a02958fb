from typing import Any

from django.apps import AppConfig


def _can(cap: str) -> Any:
    def allowed(user: Any) -> bool:
        from g287.accounts.roles import Cap, can

        return can(user, Cap[cap])

    return allowed


class OfficersConfig(AppConfig):
    name = "g287.officers"
    label = "officers"
    verbose_name = "Officers"

    def ready(self) -> None:
        from g287.core.hooks import StaffLink, staff_links

        staff_links.register("officers", StaffLink("officers", "Officers", "officers:list", 10, _can("VIEW")))
        staff_links.register(
            "compliance", StaffLink("compliance", "Compliance", "officers:compliance", 20, _can("VIEW"))
        )
        staff_links.register(
            "courses", StaffLink("courses", "Courses", "officers:courses", 30, _can("COURSES"))
        )
