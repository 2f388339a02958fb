import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from g287.core.audit import head, record, verify_chain
from g287.core.models import AuditEntry
from tests.accounts.fixtures import World


def test_services_record_who_what_before_and_after(world: World) -> None:
    officer = world.officer_a
    created = AuditEntry.objects.get(
        object_type="officers.Officer", object_id=str(officer.pk), action="officers.officer.create"
    )
    assert created.actor == "user:pa"
    assert created.before is None and created.after["badge_number"] == "A-111"
    review = AuditEntry.objects.filter(
        object_type="officers.Officer", object_id=str(officer.pk), action="officers.officer.update"
    )
    assert review.first().before["status"] == "nominated"
    assert review.first().after["status"] == "approved"
    assert AuditEntry.objects.filter(object_type="officers.Certification").count() == 2
    assert verify_chain() is None


def test_page_requests_record_request_id_and_user(world: World) -> None:
    client = Client()
    client.force_login(world.users["aa_in"])
    response = client.post(
        reverse("officers:separate", args=[world.officer_a.pk]),
        {"on": timezone.localdate().isoformat(), "reason": "Retired"},
        HTTP_X_REQUEST_ID="req-123",
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(object_type="officers.Officer").last()
    assert entry.actor == "user:aa-in" and entry.request_id == "req-123"
    assert entry.after["status"] == "separated"


def test_verify_command_names_the_tampered_entry(world: World) -> None:
    victim = AuditEntry.objects.order_by("id")[3]
    after = dict(victim.after or {})
    after["badge_number"] = "FORGED"
    AuditEntry.objects.filter(pk=victim.pk).update(after=after)
    with pytest.raises(CommandError, match=f"entry #{victim.pk} was altered"):
        call_command("audit", "verify")


def test_verify_command_names_the_removed_entry(world: World) -> None:
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    AuditEntry.objects.filter(pk=ids[4]).delete()
    with pytest.raises(CommandError, match=f"entry #{ids[4]} was removed"):
        call_command("audit", "verify")


def test_head_command_prints_the_newest_hash(world: World) -> None:
    record("registry.agency.create", "registry.Agency", "1", after={"x": 1})
    newest_id, newest = head()
    out = io.StringIO()
    call_command("audit", "head", stdout=out)
    assert out.getvalue().split()[:2] == [str(newest_id), newest]


def test_verify_command_reports_intact_chain(world: World) -> None:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()


def test_auditor_filters_and_exports(world: World) -> None:
    client = Client()
    client.force_login(world.users["auditor"])
    page = client.get(reverse("office:audit"), {"object_type": "officers.Certification"})
    assert page.status_code == 200
    assert "officers.Certification" in page.content.decode()
    assert page.context["page"].paginator.count == 2
    export = client.get(reverse("office:audit"), {"object_type": "officers.Certification", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(rows) == 2 and {r["object_type"] for r in rows} == {"officers.Certification"}
    bad = client.get(reverse("office:audit"), {"since": "yesterday"})
    assert bad.status_code == 400 and "not a date" in bad.content.decode()
    bad_export = client.get(reverse("office:audit"), {"until": "2026-13-01", "format": "csv"})
    assert bad_export.status_code == 400 and "until" in bad_export.content.decode()
    verified = client.get(reverse("office:audit"), {"verify": "1"})
    assert "Chain verified" in verified.content.decode()


def test_audit_api_filters(world: World) -> None:
    client = Client()
    client.force_login(world.users["auditor"])
    data = client.get(
        "/api/audit/", {"action": "officers.officer.create", "object_type": "officers.Officer"}
    ).json()
    assert data["count"] == 2
    assert client.get("/api/audit/", {"limit": 0}).status_code == 422
    assert client.get("/api/audit/verify").json() == {"ok": True, "entry_id": None, "reason": None}


def test_csv_cells_cannot_run_as_formulas(world: World) -> None:
    record("registry.agency.create", "registry.Agency", "=HYPERLINK(1)", after={}, actor="=cmd")
    client = Client()
    client.force_login(world.users["auditor"])
    export = client.get(reverse("office:audit"), {"object_type": "registry.Agency", "format": "csv"})
    row = next(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert row["actor"] == "'=cmd" and row["object_id"] == "'=HYPERLINK(1)"
