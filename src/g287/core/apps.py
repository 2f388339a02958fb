from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "g287.core"
    label = "core"
    verbose_name = "Core"
