"""The one way to name and record a change in the audit log (`g287.core.audit` keeps and chains it).

- action: `app.object.verb`, the object the model's name in lower case (`funding.claim.submit`,
  `officers.certification.renew`, `registry.agency.merge`);
- object type: the model's label (`funding.Claim`, `officers.Certification`, `registry.Agency`);
- before and after: `snapshot(obj)`, the object's own fields as plain JSON values.
"""

from typing import Any

from django.db import models

from g287.core.audit import record


def snapshot(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The object's concrete fields as JSON values (dates as ISO text), `exclude` left out."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        data[field.attname] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def object_type(model: type[models.Model] | models.Model) -> str:
    """`app_label.ModelName`."""
    return model._meta.label


def action(model: type[models.Model] | models.Model, verb: str) -> str:
    """`app_label.modelname.verb`."""
    return f"{model._meta.app_label}.{model._meta.model_name}.{verb}"


def record_change(
    verb: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    actor: str | None = None,
    object_id: Any = None,
) -> None:
    """Records `verb` done to `obj` with its data before and after (None for a creation's before and a
    deletion's after), named by the scheme above. Call it inside the transaction that made the change."""
    record(
        action(obj, verb),
        object_type(obj),
        obj.pk if object_id is None else object_id,
        before=before,
        after=after,
        actor=actor,
    )
