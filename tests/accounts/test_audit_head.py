"""The audit log's head, published and checkable (issue 17.12): `g287 audit head --json`, the public
Sources page and /api/audit/head show it; `g287 audit verify --head` catches a removed newest entry."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from g287.core.audit import record
from g287.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def head_json() -> dict[str, object]:
    out = io.StringIO()
    call_command("audit", "head", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_head_json_names_count_hash_and_time() -> None:
    record("registry.agency.create", "registry.Agency", "1", after={"x": 1})
    newest = record("registry.agency.create", "registry.Agency", "2", after={"x": 2})
    head = head_json()
    assert head == {"count": AuditEntry.objects.count(), "hash": newest.hash, "at": newest.at.isoformat()}


def test_verify_with_the_head_catches_the_removed_newest_entry() -> None:
    record("registry.agency.create", "registry.Agency", "1", after={"x": 1})
    record("registry.agency.create", "registry.Agency", "2", after={"x": 2})
    noted = head_json()
    out = io.StringIO()
    call_command("audit", "verify", "--head", str(noted["hash"]), stdout=out)
    assert "intact" in out.getvalue()
    AuditEntry.objects.order_by("-id").first().delete()  # type: ignore[union-attr]
    call_command("audit", "verify", stdout=io.StringIO())  # the chain alone cannot tell ...
    with pytest.raises(CommandError, match="removed"):  # ... the noted head can
        call_command("audit", "verify", "--head", str(noted["hash"]))
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--head", "f" * 64)


def test_head_is_public_on_the_sources_page_and_the_api() -> None:
    newest = record("registry.agency.create", "registry.Agency", "1", after={"x": 1})
    anonymous = Client()
    api = anonymous.get("/api/audit/head")
    assert api.status_code == 200
    assert api.json() == head_json()
    assert api.json()["hash"] == newest.hash
    page = anonymous.get("/snapshots/")
    assert newest.hash in page.content.decode()
    assert anonymous.get("/api/audit/").status_code == 401  # the entries themselves stay private
