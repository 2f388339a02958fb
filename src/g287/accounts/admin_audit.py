"""Writes made through Django admin reach the audit log like any other: every add, change and delete
of an object or of an inline row, and password changes (never the hash), in the transaction of the
change. Mix `AuditedAdmin` / `AuditedInline` into every admin class that can write."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.forms.models import model_to_dict
from django.http import HttpRequest

from g287.core import audit
from g287.core.changes import action as action_name
from g287.core.changes import object_type

# Never copied into the log: the password hash (its change is recorded as "password": "changed").
SECRET_FIELDS = frozenset({"password", "digest"})


def snapshot(obj: models.Model) -> dict[str, Any]:
    data = model_to_dict(obj)
    for name in SECRET_FIELDS & data.keys():
        data[name] = "(secret)"
    return {
        k: [getattr(v, "pk", v) for v in val] if isinstance(val, list) else val for k, val in data.items()
    }


def stored(obj: models.Model) -> dict[str, Any] | None:
    """The object as the database holds it now (the form has already changed the instance in memory)."""
    if obj.pk is None:
        return None
    found = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(found) if found is not None else None


def _record(verb: str, obj: models.Model, before: Any, after: Any) -> None:
    audit.record(action_name(obj, f"admin_{verb}"), object_type(obj), obj.pk or "", before, after)


class AuditedAdmin(admin.ModelAdmin):
    # The object's entry is written after its many-to-many fields and inline rows are saved
    # (save_related), so "after" is what the database holds; "before" is read in save_model.
    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        request.g287_admin_before = stored(obj) if change else None  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        _record(
            "change" if change else "add", obj, getattr(request, "g287_admin_before", None), snapshot(obj)
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before, pk = snapshot(obj), obj.pk
        super().delete_model(request, obj)
        audit.record(action_name(obj, "admin_delete"), object_type(obj), pk, before, None)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        gone = [
            (obj.pk, action_name(obj, "admin_delete"), object_type(obj), snapshot(obj)) for obj in queryset
        ]
        super().delete_queryset(request, queryset)
        for pk, verb, kind, before in gone:
            audit.record(verb, kind, pk, before, None)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseModelFormSet, change: bool
    ) -> None:
        initial = [f.instance for f in formset.initial_forms if f.instance.pk is not None]
        before = {id(obj): (obj.pk, stored(obj)) for obj in initial}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            _record("add", obj, None, snapshot(obj))
        for obj, _fields in formset.changed_objects:
            _record("change", obj, before[id(obj)][1], snapshot(obj))
        for obj in formset.deleted_objects:  # Django has cleared their pk by now
            pk, was = before.get(id(obj), ("", None))
            audit.record(action_name(obj, "admin_delete"), object_type(obj), pk, was, None)
