from typing import Any

from django.apps import AppConfig


def _agency_commands(subparsers: Any) -> None:
    # Imported when `g287 agencies` runs, not at every start-up.
    from g287.geo.commands import register

    register(subparsers)


class GeoConfig(AppConfig):
    name = "g287.geo"
    label = "geo"
    verbose_name = "Agency identity and geography"

    def ready(self) -> None:
        from g287.core import hooks

        # `g287 agencies match|links|...`: the registry's command offers geo's subcommands.
        hooks.agency_commands.register("geo", _agency_commands)
