from typing import Any

from django.apps import AppConfig


def _can_view(user: Any) -> bool:
    from g287.oversight.permissions import OCap, ocan

    return ocan(user, OCap.VIEW)


class OversightConfig(AppConfig):
    name = "g287.oversight"
    label = "oversight"
    verbose_name = "Oversight"

    def ready(self) -> None:
        # The money rules ask the officers app which days an officer was certified; a complaint that
        # may lead to discipline takes those days out until it is resolved.
        from g287.officers.status import suspension_reason_sources, suspension_sources
        from g287.oversight.suspensions import suspension_reasons, suspension_spans

        if suspension_spans not in suspension_sources:
            suspension_sources.append(suspension_spans)
        if suspension_reasons not in suspension_reason_sources:
            suspension_reason_sources.append(suspension_reasons)
        from g287.core.hooks import StaffLink, staff_links

        staff_links.register(
            "oversight", StaffLink("oversight", "Oversight", "oversight:office_home", 40, _can_view)
        )
