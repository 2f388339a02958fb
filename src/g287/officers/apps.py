from django.apps import AppConfig


class OfficersConfig(AppConfig):
    name = "g287.officers"
    label = "officers"
    verbose_name = "Officers"
