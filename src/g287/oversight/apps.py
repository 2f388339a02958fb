from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "g287.oversight"
    label = "oversight"
    verbose_name = "Oversight"

    def ready(self) -> None:
        # The money rules ask the officers app whether an officer is certified on a day; a complaint
        # that may lead to discipline must answer "no" until it is resolved.
        from g287.officers.status import suspension_sources
        from g287.oversight.suspensions import is_suspended

        if is_suspended not in suspension_sources:
            suspension_sources.append(is_suspended)
