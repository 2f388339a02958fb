from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "g287.sources"
    label = "sources"
    verbose_name = "Sources (ICE's files, fetched and archived)"

    def ready(self) -> None:
        from g287.accounts.roles import Perm, allows
        from g287.core.hooks import StaffLink, staff_links

        staff_links.register(
            "sources", StaffLink("sources", "Fetch log", "sources:fetch_log", 80, allows(Perm.SOURCES_VIEW))
        )
