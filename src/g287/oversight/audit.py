"""Audit entries for oversight writes. The complainant's words and contact are never copied into the
audit log (it is kept forever and read widely): the entry says only whether they were given."""

from typing import Any

from django.db import models

from g287.core.changes import record_change, snapshot

PRIVATE_FIELDS = ("description", "contact")


def audit_snapshot(obj: models.Model) -> dict[str, Any]:
    data = snapshot(obj, exclude=PRIVATE_FIELDS)
    for name in PRIVATE_FIELDS:
        if hasattr(obj, name):
            data[f"{name}_given"] = bool(getattr(obj, name))
    return data


def audit(actor: str, action: str, obj: models.Model, before: dict[str, Any] | None) -> None:
    after = audit_snapshot(obj) if action != "delete" else None
    record_change(action, obj, before, after, actor=actor)
