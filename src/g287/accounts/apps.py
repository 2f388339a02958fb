from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "g287.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from g287.accounts import throttle
        from g287.accounts.roles import Perm, allows
        from g287.core.hooks import StaffLink, staff_links

        throttle.connect_signals()
        staff_links.register(
            "audit", StaffLink("audit", "Audit log", "office:audit", 100, allows(Perm.AUDIT_VIEW))
        )
        staff_links.register("tokens", StaffLink("tokens", "API tokens", "office:tokens", 110, allows(None)))
        staff_links.register(
            "password", StaffLink("password", "Password", "office:password_change", 120, allows(None))
        )
