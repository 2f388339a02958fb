"""One naming scheme for the audit log: action `app.object.verb`, object type the model's label, the
object the action names being the object type's model."""

from __future__ import annotations

import re

import pytest
from django.apps import apps

from g287.accounts.tokens import create_token, revoke_token
from g287.core.audit import record, verify_chain
from g287.core.changes import action, object_type
from g287.core.models import AuditEntry
from g287.officers.models import Certification
from tests.accounts.fixtures import World, world

__all__ = ["world"]

ACTION = re.compile(r"[a-z]+\.[a-z]+\.[a-z_]+")


def test_names_come_from_the_model() -> None:
    assert object_type(Certification) == "officers.Certification"
    assert action(Certification, "renew") == "officers.certification.renew"


def test_every_entry_follows_the_scheme(world: World) -> None:
    admin = world.users["program_admin"]
    token = create_token(admin, "scheme", "read", 30)
    revoke_token(admin, token.token.pk)
    entries = list(AuditEntry.objects.values_list("action", "object_type"))
    assert {a for a, _t in entries} >= {
        "officers.officer.create",
        "officers.officer.update",
        "officers.certification.create",
        "accounts.apitoken.create",
        "accounts.apitoken.revoke",
    }
    for name, label in entries:
        assert ACTION.fullmatch(name), name
        model = apps.get_model(label)  # a real model's label, or LookupError
        assert name.rsplit(".", 1)[0] == f"{model._meta.app_label}.{model._meta.model_name}", (name, label)
    assert verify_chain() is None


def test_a_name_outside_the_scheme_is_refused_before_anything_is_written(db: None) -> None:
    before = AuditEntry.objects.count()
    for act, kind in [
        ("create", "registry.Agency"),  # not app.object.verb
        ("registry.agency.create", "agency"),  # not a model label
        ("registry.agency.create", "registry.agency"),  # a label is spelled as Django spells it
        ("registry.snapshot.create", "registry.Agency"),  # the action names another model
    ]:
        with pytest.raises(ValueError):
            record(act, kind, "x")
    assert AuditEntry.objects.count() == before
    record("registry.agency.create", "registry.Agency", "x")
    assert AuditEntry.objects.count() == before + 1
