from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from g287.accounts.field_offices import load_field_offices

    load_field_offices(apps.get_model("accounts", "FieldOffice"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
