from typing import Any

from django.apps import AppConfig

# The work queue's own providers (claims, complaints, certifications, meetings, notices), by queue name
# and function name in g287.office.providers.
_BUILTIN = (
    ("claims", "claims"),
    ("complaints", "complaints"),
    ("certifications", "certifications"),
    ("meetings", "meetings_due"),
    ("notices", "notices_taking_effect"),
    ("possible_duplicate_agencies", "duplicate_agencies"),
    ("failed_fetches", "failed_fetches"),
)


def _lazy(function: str) -> Any:
    """A provider that imports g287.office.providers (which imports most apps' rules) on first use,
    not at every start-up of every command."""

    def provider(user: Any, now: Any) -> Any:
        from g287.office import providers

        return getattr(providers, function)(user, now)

    provider.__name__ = function
    return provider


class OfficeConfig(AppConfig):
    name = "g287.office"
    label = "office"
    verbose_name = "Office workbench"

    def ready(self) -> None:
        # Other apps add their providers from their own AppConfig.ready with g287.office.queue.register.
        from g287.office.queue import register

        for name, function in _BUILTIN:
            register(name, _lazy(function))
