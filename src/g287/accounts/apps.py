from typing import Any

from django.apps import AppConfig


def _audit_allowed(user: Any) -> bool:
    from g287.accounts.roles import Cap, can

    return can(user, Cap.AUDIT)


def _anyone(user: Any) -> bool:
    return True


class AccountsConfig(AppConfig):
    name = "g287.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from g287.accounts import throttle
        from g287.core.hooks import StaffLink, staff_links

        throttle.connect_signals()
        staff_links.register("audit", StaffLink("audit", "Audit log", "office:audit", 100, _audit_allowed))
        staff_links.register("tokens", StaffLink("tokens", "API tokens", "office:tokens", 110, _anyone))
        staff_links.register(
            "password", StaffLink("password", "Password", "office:password_change", 120, _anyone)
        )
