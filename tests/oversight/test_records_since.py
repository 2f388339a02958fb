"""A missing record is not a zero: the obligation measures count from the office's "records since"
date per measure and say "not recorded" before it; coverage is "unknown" without an FBI match; the demo
banner is on every public page while synthetic records exist."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client

from g287.core.models import AuditEntry
from g287.officers.models import Officer
from g287.officers.rules import RuleViolation
from g287.oversight import records
from g287.oversight.meetings import MeetingDue
from g287.oversight.models import RecordsSince
from g287.oversight.performance import compute, display
from g287.registry.models import Agreement
from tests.accounts.fixtures import World
from tests.oversight.test_performance import AS_OF, dataset, values

__all__ = ["dataset"]
pytestmark = pytest.mark.django_db
OBLIGATIONS = (
    "training_current",
    "annual_meeting",
    "complaints_per_100_officers",
    "median_days_to_resolution",
)


def test_nothing_recorded_says_not_recorded(dataset: None, client: Client) -> None:
    RecordsSince.objects.all().delete()
    data = compute(AS_OF)
    for key in OBLIGATIONS:
        assert data["program"][key]["value"] is None and data["program"][key]["note"] == "not recorded"
    assert display("share", data["program"]["annual_meeting"]) == "not recorded"
    assert data["program"]["moa_published"]["value"] == 0.6  # ICE's own list: always known
    body = client.get("/measures/", {"as_of": "2026-06-30"}).content.decode()
    assert "not recorded" in body and "no payments recorded" in body and "$0.00" not in body
    meetings_page = client.get("/meetings/").content.decode()
    assert 'id="not-recorded"' in meetings_page and "Meetings overdue (" not in meetings_page


def test_records_since_inside_the_window(dataset: None) -> None:
    # Meetings recorded only since 2026-01-01: the 12 months to AS_OF are not all recorded.
    RecordsSince.objects.filter(measure="meetings").update(since=date(2026, 1, 1))
    # Complaints recorded since 2026-02-01: R1 (received 2026-01-10) no longer counts, R2 and R3 do.
    RecordsSince.objects.filter(measure="complaints").update(since=date(2026, 2, 1))
    data = compute(AS_OF)
    meeting = data["program"]["annual_meeting"]
    assert meeting["value"] is None and meeting["records_since"] == "2026-01-01"
    assert display("share", meeting) == "not recorded before 2026-01-01"
    per_100 = data["program"]["complaints_per_100_officers"]
    assert per_100["numerator"] == 2 and per_100["counted_from"] == "2026-02-01"
    assert display("per_100", per_100) == "50.0 (since 2026-02-01)"
    assert data["program"]["median_days_to_resolution"]["value"] == 60  # R2 only
    assert values(data["program"])["training_current"] == round(2 / 3, 4)
    # Training recorded only from after the date: not recorded on it.
    RecordsSince.objects.filter(measure="training").update(since=AS_OF + timedelta(days=1))
    assert compute(AS_OF)["program"]["training_current"]["note"] == "not recorded"


def test_overdue_only_when_the_record_covers_it() -> None:
    agreement = Agreement(id="X#JEM", model="JEM")
    due = MeetingDue(agreement, date(2024, 1, 1), None, None, date(2025, 1, 1))
    today = date(2026, 6, 30)
    assert due.overdue_on(today)
    assert not due.known_overdue_on(today, None)
    assert not due.known_overdue_on(today, date(2026, 1, 1))  # a meeting in 2025 may be unrecorded
    assert due.known_overdue_on(today, date(2025, 7, 1))  # the whole last year is recorded
    started_after = MeetingDue(agreement, date(2025, 3, 1), None, None, date(2026, 3, 1))
    assert started_after.known_overdue_on(today, date(2025, 2, 1))  # its whole life is recorded


def test_setting_the_date_is_program_office_only_and_audited(world: World, client: Client) -> None:
    admin = world.users["program_admin"]
    for role in ("program_reviewer", "auditor", "fs_in", "aa_in"):
        with pytest.raises(PermissionDenied):
            records.set_records_since(world.users[role], "meetings", date(2025, 1, 1))
    with pytest.raises(RuleViolation) as err:
        records.set_records_since(admin, "meetings", date.today() + timedelta(days=5))
    assert "since" in err.value.message_dict
    records.set_records_since(admin, "meetings", date(2025, 1, 1))
    records.set_records_since(admin, "meetings", date(2025, 3, 1))
    entry = AuditEntry.objects.filter(object_type="oversight.RecordsSince").order_by("-id").first()
    assert entry is not None
    assert entry.before["since"] == "2025-01-01" and entry.after["since"] == "2025-03-01"
    client.force_login(world.users["program_reviewer"])
    assert client.get("/office/oversight/records-since/").status_code == 403
    client.force_login(admin)
    page = client.get("/office/oversight/records-since/").content.decode()
    assert "2025-03-01" in page
    response = client.post("/office/oversight/records-since/", {"measure": "training", "since": "2025-13-01"})
    assert response.status_code == 400 and "Enter a valid date" in response.content.decode()
    response = client.post("/office/oversight/records-since/", {"measure": "training", "since": "2025-10-01"})
    assert response.status_code == 302 and records.records_since()["training"] == date(2025, 10, 1)


def test_coverage_unknown_without_an_fbi_match() -> None:
    # Guam: one agency, unmatched. Not "0 people served".
    guam = {
        "agencies": 1,
        "agencies_with_ori": 0,
        "population_served": 0,
        "officer_share": None,
        "counties": 0,
    }
    html = render_to_string("portal/_reach.html", {"figures": guam})
    assert html.count("unknown") == 3 and ">0<" not in html
    matched = {**guam, "agencies_with_ori": 1, "population_served": 1200, "officer_share": 0.5, "counties": 1}
    html = render_to_string("portal/_reach.html", {"figures": matched})
    assert "1,200" in html and "unknown" not in html


def test_demo_banner_while_synthetic_records_exist(world: World, client: Client) -> None:
    assert 'id="demo-banner"' not in client.get("/measures/").content.decode()
    Officer.objects.filter(pk=world.officer_a.pk).update(synthetic=True)
    for url in ("/", "/measures/", "/meetings/", "/notices/"):
        assert 'id="demo-banner"' in client.get(url).content.decode(), url
