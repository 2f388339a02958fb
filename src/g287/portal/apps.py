from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "g287.portal"
    label = "portal"
    verbose_name = "Public portal"
