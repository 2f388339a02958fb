from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from g287.officers.courses import load_courses

    load_courses(apps.get_model("officers", "Course"))


class Migration(migrations.Migration):
    dependencies = [("officers", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
