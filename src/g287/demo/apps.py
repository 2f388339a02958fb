from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "g287.demo"
    label = "demo"
    verbose_name = "Demo data"
