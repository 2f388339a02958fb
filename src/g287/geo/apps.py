from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "g287.geo"
    label = "geo"
    verbose_name = "Agency identity and geography"
