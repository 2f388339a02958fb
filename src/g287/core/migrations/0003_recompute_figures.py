"""The stored figures are recomputed: the pending count they hold meant "not yet signed" (g287's
inference); it is now the count of the pending list as ICE published it. A figure is only a cache of
the registry, so dropping them loses nothing: each is computed again on its first read."""

from typing import Any

from django.db import migrations


def drop_figures(apps: Any, schema_editor: Any) -> None:
    apps.get_model("core", "Figure").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_figure")]

    operations = [migrations.RunPython(drop_figures, migrations.RunPython.noop)]
