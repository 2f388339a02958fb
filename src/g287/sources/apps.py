from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "g287.sources"
    label = "sources"
    verbose_name = "Sources (ICE's files, fetched and archived)"
