from typing import Any

from django.apps import AppConfig


def _on_lists_imported(sender: Any, order_keys: list[str], **kwargs: Any) -> None:
    # Imported when lists arrive, not at every start-up: dispatch brings in the HTTP client.
    from g287.alerts import dispatch

    dispatch.on_lists_imported(sender, order_keys=order_keys, **kwargs)


def _webhooks_allowed(user: Any) -> bool:
    from g287.accounts.models import Role
    from g287.accounts.roles import role_of

    return role_of(user) == Role.PROGRAM_ADMIN


class AlertsConfig(AppConfig):
    name = "g287.alerts"
    label = "alerts"
    verbose_name = "Alerts (feeds, webhooks, e-mail subscriptions)"

    def ready(self) -> None:
        from g287.sources.signals import lists_imported

        lists_imported.connect(_on_lists_imported, dispatch_uid="alerts.on_lists_imported")
        from g287.core.hooks import StaffLink, staff_links

        staff_links.register(
            "webhooks", StaffLink("webhooks", "Webhooks", "alerts:webhooks", 90, _webhooks_allowed)
        )
