"""Complaint cases: their clocks by model, the overdue list, the service rules and the audit trail."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from g287.core.models import AuditEntry
from g287.officers.rules import RuleViolation
from g287.oversight.clocks import ClockState, clocks_for
from g287.oversight.services import cases
from tests.accounts.fixtures import World
from tests.clock import frozen
from tests.oversight.helpers import NY, complaint, local

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Cases received "N days ago" are dated from a fixed day, so no result depends on today."""
    with frozen(date(2026, 5, 12)):
        yield


def states(c: object, now: datetime) -> dict[str, ClockState]:
    return {k.key: k.state for k in clocks_for(c, now)}  # type: ignore[arg-type]


def test_jem_clocks(world: World) -> None:
    case = complaint(world.a, "JEM", received_at=local(2025, 3, 7, 15, 0))  # a Friday
    assert states(case, local(2025, 3, 11, 14, 59)) == {
        "notify_ice": ClockState.RUNNING,
        "report_outcome": ClockState.WAITING,
    }
    assert states(case, local(2025, 3, 11, 15, 0))["notify_ice"] is ClockState.RUNNING  # the 48th hour
    assert states(case, local(2025, 3, 11, 15, 0, 1))["notify_ice"] is ClockState.OVERDUE
    case.ice_notified_at = local(2025, 3, 10, 9, 0)
    assert states(case, local(2025, 4, 1))["notify_ice"] is ClockState.MET
    case.ice_notified_at = local(2025, 3, 12, 9, 0)
    assert states(case, local(2025, 4, 1))["notify_ice"] is ClockState.LATE
    case.status, case.resolved_on = "resolved", date(2025, 4, 1)
    assert states(case, local(2025, 5, 1, 23, 59))["report_outcome"] is ClockState.RUNNING
    assert states(case, local(2025, 5, 2))["report_outcome"] is ClockState.OVERDUE
    case.outcome_reported_on = date(2025, 5, 1)
    assert states(case, local(2025, 6, 1))["report_outcome"] is ClockState.MET


def test_tfm_clock(world: World) -> None:
    case = complaint(world.a, "TFM", received_at=local(2025, 1, 1, 10))
    assert states(case, local(2025, 4, 1, 23)) == {"resolve": ClockState.RUNNING}
    assert states(case, local(2025, 4, 2)) == {"resolve": ClockState.OVERDUE}
    case.status, case.resolved_on = "resolved", date(2025, 4, 1)
    assert states(case, local(2025, 6, 1)) == {"resolve": ClockState.MET}


def test_unknown_model_runs_every_clock(world: World) -> None:
    case = complaint(world.a, "")
    assert {k.key for k in clocks_for(case)} == {"notify_ice", "resolve", "report_outcome"}


def test_single_agreement_agency_settles_the_model(world: World) -> None:
    from g287.registry.models import Agreement

    Agreement.objects.filter(agency=world.b, model="TFM").delete()
    assert complaint(world.b, "").model == "WSO"


def test_overdue_list(world: World, client: Client) -> None:
    late = complaint(world.a, "JEM", received_at=timezone.now() - timedelta(days=10))
    fresh = complaint(world.a, "JEM", received_at=timezone.now())
    client.force_login(world.users["program_reviewer"])
    body = client.get("/office/oversight/").content.decode()
    assert late.receipt in body and fresh.receipt not in body
    api = client.get("/api/oversight/overdue").json()["results"]
    assert [c["receipt"] for c in api] == [late.receipt]


def test_case_workflow_through_pages(world: World, client: Client) -> None:
    case = complaint(world.a, "", received_at=timezone.now() - timedelta(days=4))
    client.force_login(world.users["fs_in"])
    url = f"/office/oversight/complaints/{case.pk}/"
    assert 'data-clock="resolve"' in client.get(url).content.decode()
    ok = client.post(
        url + "triage/", {"model": "TFM", "officer": world.officer_a.pk, "may_lead_to_discipline": "on"}
    )
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.model == "TFM" and case.officer == world.officer_a and case.suspended_from == case.received_on
    bad = client.post(url + "notified/", {"at": "not a time"})
    assert bad.status_code == 400 and "Enter a valid date/time" in bad.content.decode()
    future = client.post(url + "resolve/", {"on": "2999-01-01", "outcome": "sustained"})
    assert future.status_code == 400 and "in the future" in future.content.decode()
    foreign = client.post(url + "triage/", {"model": "TFM", "officer": world.officer_b.pk})
    assert foreign.status_code == 400
    today = timezone.localdate().isoformat()
    assert (
        client.post(
            url + "resolve/", {"on": today, "outcome": "sustained", "public_note": "Retrained."}
        ).status_code
        == 302
    )
    assert client.post(url + "report/", {"on": today}).status_code == 302
    case.refresh_from_db()
    assert case.status == "resolved" and case.outcome_reported_on == timezone.localdate()
    # Every write left an audit entry, none holding the complainant's words.
    entries = AuditEntry.objects.filter(object_type="oversight.Complaint", object_id=str(case.pk))
    assert entries.count() == 4
    assert all("description" not in (e.after or {}) for e in entries)
    assert entries.last().actor == "user:fs-in"


def test_service_rules(world: World) -> None:
    admin = world.users["program_admin"]
    case = complaint(world.a, "JEM", received_at=timezone.now() - timedelta(days=2))
    with pytest.raises(RuleViolation) as err:
        cases.mark_ice_notified(admin, case.pk, case.received_at - timedelta(minutes=1))
    assert "at" in err.value.message_dict
    with pytest.raises(RuleViolation) as err:
        cases.report_outcome(admin, case.pk, timezone.localdate())
    assert "on" in err.value.message_dict
    with pytest.raises(RuleViolation) as err:
        cases.resolve(admin, case.pk, case.received_on - timedelta(days=1), "sustained")
    assert "on" in err.value.message_dict
    with pytest.raises(RuleViolation) as err:
        cases.resolve(admin, case.pk, timezone.localdate(), "")
    assert "outcome" in err.value.message_dict
    cases.resolve(admin, case.pk, timezone.localdate(), "withdrawn")
    with pytest.raises(RuleViolation) as err:
        cases.resolve(admin, case.pk, timezone.localdate(), "withdrawn")
    assert "status" in err.value.message_dict
    with pytest.raises(RuleViolation) as err:
        cases.record_complaint(
            admin,
            cases.Intake(world.a.pk, "JEM", "conduct", "x"),
            "opr",
            datetime(2999, 1, 1, tzinfo=NY),
        )
    assert "received_at" in err.value.message_dict
