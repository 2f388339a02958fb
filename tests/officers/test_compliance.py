import io
import json
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from g287.officers import services
from g287.officers.compliance import compliance_report
from g287.officers.models import Certification
from tests.accounts.fixtures import World, make_agency
from tests.clock import frozen

TODAY = date(2026, 5, 12)  # a Tuesday; the clock stands still at noon that day


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with frozen(TODAY):
        yield


def test_report(world: World) -> None:
    idle = make_agency("TX-gamma-police-department", "TX", "Gamma Police Department", ["JEM"])
    # officer A's TFM term ends in 45 days; officer B's has lapsed
    Certification.objects.filter(officer=world.officer_a).update(expires_on=TODAY + timedelta(days=45))
    Certification.objects.filter(officer=world.officer_b).update(expires_on=TODAY - timedelta(days=1))
    report = compliance_report(world.users["program_admin"], TODAY)
    assert [c.officer_id for c in report.expiring[60]] == [world.officer_a.pk]
    assert report.expiring[30] == [] and report.expiring[90] == []
    without = {a.pk for a in report.without_certified}
    assert {idle.pk, world.b.pk} <= without and world.a.pk not in without
    assert report.agencies_counted == 2 and report.agencies_current == 1 and report.share_current == 0.5

    scoped = compliance_report(world.users["aa_in"], TODAY)
    assert scoped.agencies_counted == 1 and scoped.share_current == 1.0
    assert {a.pk for a in scoped.without_certified} == set()


def test_separated_without_credentials(world: World) -> None:
    services.separate(world.users["aa_in"], world.officer_a.pk, TODAY, "Left.")
    report = compliance_report(world.users["program_admin"], TODAY)
    assert [o.pk for o in report.credentials_outstanding] == [world.officer_a.pk]


def test_command_json_and_page(world: World) -> None:
    out = io.StringIO()
    call_command("compliance", "--json", "--as-of", TODAY.isoformat(), stdout=out)
    data = json.loads(out.getvalue())
    assert data["as_of"] == TODAY.isoformat()
    assert data["training"]["agencies_counted"] == 2 and data["training"]["share_current"] == 1.0
    assert set(data["expiring"]) == {"within_30_days", "within_60_days", "within_90_days"}
    text = io.StringIO()
    call_command("compliance", stdout=text)
    assert "2 of 2" in text.getvalue()
    client = Client()
    client.force_login(world.users["fs_in"])
    page = client.get(reverse("officers:compliance"), {"as_of": "not-a-date"})
    assert page.status_code == 200 and "not a date" in page.content.decode()
    api = client.get("/api/officers/compliance", {"as_of": str(date(2026, 1, 1))})
    assert api.status_code == 200
    # The field supervisor's scope holds agency A only; its officer was certified well before that date.
    assert api.json()["training"] == {
        "agencies_counted": 1,
        "agencies_all_officers_current": 1,
        "share_current": 1.0,
        "agencies_not_current": [],
    }
