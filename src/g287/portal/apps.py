from typing import Any

from django.apps import AppConfig


def _on_lists_imported(sender: Any, **kwargs: Any) -> None:
    # Imported when lists arrive, not at every start-up.
    from g287.portal.precompute import precompute_quietly

    precompute_quietly()


class PortalConfig(AppConfig):
    name = "g287.portal"
    label = "portal"
    verbose_name = "Public portal"

    def ready(self) -> None:
        from g287.sources.signals import lists_imported

        # A fetch (`g287 fetch`, the watcher) that imported new lists computes the pages' figures, as
        # `g287 import` and `g287 load-history` do, so no server process computes them on a request.
        lists_imported.connect(_on_lists_imported, dispatch_uid="portal.precompute")
