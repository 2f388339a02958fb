from django.apps import AppConfig


class OfficersConfig(AppConfig):
    name = "g287.officers"
    label = "officers"
    verbose_name = "Officers"

    def ready(self) -> None:
        from g287.accounts.roles import Perm, allows
        from g287.core.hooks import StaffLink, staff_links

        staff_links.register(
            "officers", StaffLink("officers", "Officers", "officers:list", 10, allows(Perm.OFFICERS_VIEW))
        )
        staff_links.register(
            "compliance",
            StaffLink("compliance", "Compliance", "officers:compliance", 20, allows(Perm.OFFICERS_VIEW)),
        )
        staff_links.register(
            "courses", StaffLink("courses", "Courses", "officers:courses", 30, allows(Perm.OFFICERS_COURSES))
        )
