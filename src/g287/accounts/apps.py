from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "g287.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from g287.accounts import throttle

        throttle.connect_signals()
