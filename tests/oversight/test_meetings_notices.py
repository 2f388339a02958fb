"""Review meetings (due 12 months after the start, then yearly) and notices (90 days)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from g287.officers.rules import RuleViolation
from g287.oversight import meetings, notices, records
from g287.oversight.meetings import due_after, schedule_for
from g287.registry.models import Agreement
from tests.accounts.fixtures import World

pytestmark = pytest.mark.django_db


def test_due_dates() -> None:
    assert due_after(date(2025, 2, 1), None) == date(2026, 2, 1)
    assert due_after(date(2024, 2, 29), None) == date(2025, 2, 28)
    assert due_after(date(2020, 1, 1), date(2025, 6, 15)) == date(2026, 6, 15)
    assert due_after(None, None) is None


def test_meeting_life_cycle(world: World, client: Client) -> None:
    admin = world.users["program_admin"]
    jem = Agreement.objects.get(agency=world.a, model="JEM")  # signed 2025-02-01
    today = timezone.localdate()
    [due] = schedule_for([jem], today)
    assert due.due_on == date(2026, 2, 1) and due.overdue_on(today)
    # Nothing recorded yet: a missing meeting is not an overdue one.
    page = client.get("/meetings/").content.decode()
    assert escape(jem.name) not in page and 'id="not-recorded"' in page
    records.set_records_since(admin, "meetings", date(2025, 1, 1))
    assert escape(jem.name) in client.get("/meetings/").content.decode()  # listed as overdue in public
    meeting = meetings.schedule(admin, jem.pk, today - timedelta(days=1))
    with pytest.raises(RuleViolation) as err:
        meetings.record_held(admin, meeting.pk, today, "   ")
    assert "public_summary" in err.value.message_dict
    with pytest.raises(RuleViolation):
        meetings.record_held(admin, meeting.pk, today + timedelta(days=3), "Reviewed.")
    meetings.record_held(
        admin, meeting.pk, today - timedelta(days=1), "Reviewed detainer practices; no findings."
    )
    [due] = schedule_for([jem], today)
    assert not due.overdue_on(today)
    page = client.get("/meetings/").content.decode()
    assert "Reviewed detainer practices" in page
    tfm = Agreement.objects.get(agency=world.a, model="TFM")
    with pytest.raises(RuleViolation):
        meetings.schedule(admin, tfm.pk, today)


def test_held_form_errors(world: World, client: Client) -> None:
    admin = world.users["program_admin"]
    jem = Agreement.objects.get(agency=world.a, model="JEM")
    meeting = meetings.schedule(admin, jem.pk, timezone.localdate())
    client.force_login(admin)
    response = client.post(
        f"/office/oversight/meetings/{meeting.pk}/held/", {"held_on": "", "public_summary": ""}
    )
    assert response.status_code == 400 and "This field is required" in response.content.decode()


def test_notices(world: World, client: Client) -> None:
    admin = world.users["program_admin"]
    wso = Agreement.objects.get(agency=world.b, model="WSO")
    notice = notices.record_notice(admin, wso.pk, "termination", "agency", date(2026, 10, 1))
    assert notice.effective_on == date(2026, 12, 30)
    with pytest.raises(RuleViolation) as err:
        notices.record_notice(admin, wso.pk, "suspension", "ice", date(2026, 10, 1), date(2026, 10, 5))
    assert "exigent_reason" in err.value.message_dict
    urgent = notices.record_notice(
        admin, wso.pk, "suspension", "ice", date(2026, 10, 1), date(2026, 10, 5), "Serious misconduct."
    )
    with pytest.raises(RuleViolation) as err:
        notices.record_notice(admin, wso.pk, "bogus", "nobody", date(2026, 10, 1), date(2026, 9, 1))
    assert set(err.value.message_dict) == {"kind", "given_by", "effective_on"}
    notices.withdraw_notice(admin, urgent.pk, date(2026, 10, 3))
    page = client.get("/notices/").content.decode()
    assert "2026-12-30" in page and "Serious misconduct." in page and "withdrawn" in page
    api = client.get("/api/oversight/notices").json()["results"]
    assert {n["effective_on"] for n in api} == {"2026-12-30", "2026-10-05"}


def test_notice_form_errors(world: World, client: Client) -> None:
    client.force_login(world.users["program_admin"])
    response = client.post(
        "/office/oversight/notices/",
        {"agreement": "nope", "kind": "termination", "given_by": "ice", "received_on": "x"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "No agreement has this id" in body and "Enter a valid date" in body
