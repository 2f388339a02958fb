"""The work queue: one service for the office home and GET /api/office/queue, scoped per role, with
providers registered explicitly."""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from g287.funding.models import Claim
from g287.office import queue
from g287.office.queue import QueueItem, queue_for, register
from g287.officers.dates import add_years
from g287.oversight import notices, records
from g287.registry.models import Agreement
from tests.accounts.fixtures import World
from tests.oversight.helpers import complaint

pytestmark = pytest.mark.django_db


def counts(user: Any) -> dict[str, int]:
    return {item.kind: item.count for item in queue_for(user)}


@pytest.fixture
def work(world: World) -> World:
    for agency, status, quarter in [
        (world.a, "submitted", 1),
        (world.b, "submitted", 1),
        (world.a, "returned", 2),
        (world.b, "in_review", 2),
        (world.a, "approved", 3),
    ]:
        Claim.objects.create(agency=agency, fiscal_year=2026, quarter=quarter, status=status)
    # Meetings recorded since long before any agreement: a missing meeting is a missed one.
    records.set_records_since(world.users["program_admin"], "meetings", date(2020, 1, 1))
    # A JEM complaint received four days ago and never notified to ICE: its 48-hour clock is overdue.
    complaint(world.a, "JEM", received_at=timezone.now() - timedelta(days=6))
    complaint(world.b, "TFM", received_at=timezone.now() - timedelta(days=1))  # 90-day clock running
    wso = Agreement.objects.get(agency=world.b, model="WSO")
    today = timezone.localdate()
    notices.record_notice(
        world.users["program_admin"], wso.pk, "suspension", "ice", today, today + timedelta(days=5), "Urgent."
    )
    return world


def test_queue_is_scoped_per_role(work: World) -> None:
    u = work.users
    admin = counts(u["program_admin"])
    assert admin["claims_submitted"] == 2 and admin["claims_in_review"] == 1
    assert admin["claims_approved_unpaid"] == 1 and admin["complaints_overdue"] == 1
    assert admin["complaints_running"] == 1 and admin["notices_taking_effect"] == 1
    assert admin["meetings_overdue"] >= 2  # the registry's agreements, and the two test ones
    assert "claims_returned" not in admin  # preparing claims is the agency's work
    reviewer = counts(u["program_reviewer"])
    assert reviewer["claims_submitted"] == 2 and "claims_approved_unpaid" not in reviewer
    agency = counts(u["aa_in"])
    assert agency["claims_returned"] == 1 and "claims_submitted" not in agency
    assert agency["complaints_overdue"] == 1 and "complaints_running" not in agency  # the other agency's
    assert "notices_taking_effect" not in agency
    assert agency["meetings_overdue"] == 1  # its JEM agreement, signed 2025-02-01
    other = counts(u["aa_out"])
    assert "claims_returned" not in other and other["complaints_running"] == 1
    assert other["notices_taking_effect"] == 1
    assert counts(u["no_role"]) == {}


def test_home_and_api_show_the_same_queue(work: World, client: Client) -> None:
    client.force_login(work.users["program_admin"])
    home = client.get("/office/").content.decode()
    assert 'id="work-queue"' in home and 'data-kind="claims_submitted"' in home
    api = client.get("/api/office/queue").json()
    assert set(api) == {"count", "next", "previous", "results"}
    kinds = {r["kind"]: r for r in api["results"]}
    assert kinds.keys() == {i.kind for i in queue_for(work.users["program_admin"])}
    assert set(kinds["claims_submitted"]) == {"kind", "label", "count", "url"}
    # Each link opens the filtered list where the work is.
    listed = client.get(kinds["claims_submitted"]["url"]).content.decode()
    assert listed.count("Submitted") >= 2
    # The cases listed (the filter's agency suggestions name every agency in scope).
    overdue = client.get(kinds["complaints_overdue"]["url"]).content.decode().split("<table", 1)[1]
    assert "Alpha County" in overdue and "Beta County" not in overdue
    running = client.get(kinds["complaints_running"]["url"]).content.decode().split("<table", 1)[1]
    assert "Beta County" in running and "Alpha County" not in running
    client.logout()
    assert client.get("/api/office/queue").status_code == 401


@pytest.fixture
def extra_provider() -> Iterator[None]:
    register(
        "test_duplicates", lambda user, now: [QueueItem("possible_duplicate_agencies", "Dups", 3, "/x/")]
    )
    yield
    queue._providers.pop("test_duplicates")


def test_registered_provider_joins_the_queue(world: World, extra_provider: None) -> None:
    assert "test_duplicates" in queue.registered()
    assert counts(world.users["auditor"])["possible_duplicate_agencies"] == 3


def test_nothing_waiting(world: World, client: Client) -> None:
    client.force_login(world.users["aa_out"])
    # Beta County's WSO meeting (signed 2025-02-01) is not known to be overdue: since when meetings
    # are recorded is not set, so its absence says nothing. Nothing else waits.
    assert set(counts(world.users["aa_out"])) == set()


def test_meetings_due_respect_records_since(world: World, client: Client) -> None:
    """The queue counts a meeting overdue or due only where the records cover the year before it."""
    admin = world.users["program_admin"]
    assert "meetings_overdue" not in counts(admin)
    assert counts(admin)["meetings_not_recorded"] == 1  # the office is asked to set the date
    assert "meetings_not_recorded" not in counts(world.users["aa_in"])  # not theirs to set
    today = timezone.localdate()
    # Recorded only for the last 60 days: the agreements signed 2025-02-01 may have met before that.
    records.set_records_since(admin, "meetings", today - timedelta(days=60))
    assert "meetings_overdue" not in counts(world.users["aa_in"])
    client.force_login(world.users["aa_in"])
    page = client.get("/office/oversight/meetings/", {"overdue": "1"}).content.decode()
    assert "Alpha County" not in page  # the list the queue links to counts the same way
    # An agreement signed inside the recorded period, due within 30 days: due soon, and sure of it.
    signed = add_years(today + timedelta(days=10), -1)
    records.set_records_since(admin, "meetings", signed - timedelta(days=5))
    Agreement.objects.filter(agency=world.a, model="JEM").update(signed=signed)
    assert counts(world.users["aa_in"])["meetings_due_soon"] == 1
    # Recorded since before the agreements began: the overdue ones count.
    records.set_records_since(admin, "meetings", date(2020, 1, 1))
    Agreement.objects.filter(agency=world.a, model="JEM").update(signed=date(2025, 2, 1))
    assert counts(world.users["aa_in"])["meetings_overdue"] == 1
    page = client.get("/office/oversight/meetings/", {"overdue": "1"}).content.decode()
    assert "Alpha County" in page
