from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "g287.registry"
    label = "registry"
    verbose_name = "Registry"
