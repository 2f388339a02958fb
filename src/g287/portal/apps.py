from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "g287.portal"
    label = "portal"
    verbose_name = "Public portal"

    def ready(self) -> None:
        from g287.accounts.roles import Perm, allows
        from g287.core.hooks import StaffLink, staff_links

        staff_links.register(
            "agencies",
            StaffLink(
                "agencies", "Agencies (ORI links)", "portal:staff_links", 60, allows(Perm.REGISTRY_LINKS)
            ),
        )
        staff_links.register(
            "duplicates",
            StaffLink(
                "duplicates",
                "Agencies that may be one",
                "portal:staff_duplicates",
                70,
                allows(Perm.REGISTRY_IDENTITY),
            ),
        )
