"""What the audit log keeps of each object: its own fields, as plain JSON values."""

from typing import Any

from django.db import models


def snapshot(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        data[field.attname] = value.isoformat() if hasattr(value, "isoformat") else value
    return data
