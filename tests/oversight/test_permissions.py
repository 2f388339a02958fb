"""Who may see and do what, per role and scope: pages, services and the API."""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from g287.oversight.models import Complaint, Meeting, Notice
from g287.registry.models import Agreement
from tests.accounts.fixtures import ROLES, World
from tests.clock import frozen
from tests.oversight.helpers import complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Cases received "N days ago" are dated from a fixed day, so no result depends on today."""
    with frozen(date(2026, 5, 12)):
        yield


IN_SCOPE_VIEW = {"program_admin", "program_reviewer", "auditor", "fs_in", "aa_in"}
CASE_WRITERS = {"program_admin", "fs_in", "aa_in"}


def client_for(world: World, role: str) -> Client:
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def expected_read(role: str) -> int:
    if role == "anonymous":
        return 302
    if role == "no_role":
        return 403
    return 200 if role in IN_SCOPE_VIEW else 404


@pytest.mark.parametrize("role", ROLES)
def test_case_pages(world: World, role: str) -> None:
    case = complaint(world.a, "JEM")
    client = client_for(world, role)
    home = client.get("/office/oversight/")
    assert home.status_code == {"anonymous": 302, "no_role": 403}.get(role, 200)
    assert client.get(f"/office/oversight/complaints/{case.pk}/").status_code == expected_read(role)
    listing = client.get("/office/oversight/complaints/")
    if listing.status_code == 200:
        assert (case.receipt in listing.content.decode()) == (role in IN_SCOPE_VIEW)


@pytest.mark.parametrize("role", ROLES)
def test_resolving_a_case(world: World, role: str) -> None:
    case = complaint(world.a, "JEM", received_at=timezone.now() - timedelta(days=3))
    response = client_for(world, role).post(
        f"/office/oversight/complaints/{case.pk}/resolve/",
        {"on": timezone.localdate().isoformat(), "outcome": "unfounded", "public_note": ""},
    )
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif role in CASE_WRITERS:
        assert response.status_code == 302
    elif role in ("fs_out", "aa_out"):
        assert response.status_code == 404
    else:
        assert response.status_code == 403
    resolved = Complaint.objects.get(pk=case.pk).status == "resolved"
    assert resolved == (role in CASE_WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_recording_a_case(world: World, role: str) -> None:
    response = client_for(world, role).post(
        "/office/oversight/complaints/new/",
        {
            "agency": world.a.pk,
            "channel": "opr",
            "received_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "model": "TFM",
            "category": "use_of_force",
            "description": "Reported by the OPR hotline.",
        },
    )
    created = Complaint.objects.filter(channel="opr").exists()
    assert created == (role in CASE_WRITERS)
    if role in ("fs_out", "aa_out"):
        # The agency is not among their choices: a field error, nothing written.
        assert response.status_code == 400


@pytest.mark.parametrize("role", ROLES)
def test_meetings_and_notices(world: World, role: str) -> None:
    jem = Agreement.objects.get(agency=world.a, model="JEM")
    client = client_for(world, role)
    client.post(
        "/office/oversight/meetings/schedule/",
        {"agreement": jem.pk, "scheduled_on": "2026-12-01", "kind": "annual"},
    )
    assert Meeting.objects.exists() == (role in {"program_admin", "fs_in"})
    client.post(
        "/office/oversight/notices/",
        {"agreement": jem.pk, "kind": "termination", "given_by": "ice", "received_on": "2026-10-01"},
    )
    assert Notice.objects.exists() == (role == "program_admin")


@pytest.mark.parametrize("role", ROLES)
def test_api_cases(world: World, role: str) -> None:
    case = complaint(world.a, "JEM")
    other = complaint(world.b, "WSO")
    response = client_for(world, role).get("/api/oversight/complaints")
    if role == "anonymous":
        assert response.status_code == 401
        return
    if role == "no_role":
        assert response.status_code == 403
        return
    data: Any = response.json()
    receipts = {c["receipt"] for c in data["results"]}
    if role in ("aa_in", "fs_in"):
        assert receipts == {case.receipt} and data["count"] == 1
    elif role in IN_SCOPE_VIEW:  # the program office and the auditor see every case
        assert receipts == {case.receipt, other.receipt} and data["count"] == 2
    else:  # out of scope for agency A: the other agency's case only
        assert receipts == {other.receipt} and data["count"] == 1


def test_public_pages_need_no_account(world: World, client: Client) -> None:
    for url, heading in (
        ("/complaints/new/", "File a complaint about 287(g) enforcement"),
        ("/complaints/status/", "Check the status of a complaint"),
        ("/notices/", "Termination and suspension notices"),
        ("/meetings/", "Review meetings"),
        ("/measures/", "Performance measures"),
    ):
        page = client.get(url)
        assert page.status_code == 200 and f"<h1>{heading}</h1>" in page.content.decode(), url
    notices = client.get("/api/oversight/notices")
    assert notices.status_code == 200 and notices.json()["results"] == []  # none given yet


def test_api_rejects_bad_parameters(world: World) -> None:
    client = client_for(world, "program_admin")
    assert client.get("/api/oversight/complaints", {"status": "nope"}).status_code == 422
    assert client.get("/api/oversight/complaints", {"limit": "0"}).status_code == 422
    assert client.get("/api/oversight/complaints", {"limit": "many"}).status_code == 422
    assert client.get("/api/oversight/complaints", {"status": "received"}).status_code == 200
