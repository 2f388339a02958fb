from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "g287.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from g287.core import checks  # noqa: F401  (registers the deployment checks)
