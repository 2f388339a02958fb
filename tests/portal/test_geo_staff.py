"""The program office's link screen: who may use it, and that each action goes through the audited
geo services (the same as `g287 agencies link/unlink/confirm/release`)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from g287.accounts.models import Profile, Role
from g287.core.models import AuditEntry
from g287.geo.models import AgencyLink, Decision, MatchStatus
from g287.registry.models import Agency
from tests.portal.geo_fixture import DALLAS, FHP, GUAM, HARRIS, HOUSTON, geo_links

pytestmark = pytest.mark.usefixtures("registry", "geo_links")
__all__ = ["geo_links"]
PASSWORD = "a-long-test-password-287"
QUEUE = "/office/agencies/"


def screen(agency: str) -> str:
    return f"/office/agencies/{agency}/"


def signed_in(role: str | None, superuser: bool = False) -> Client:
    name = f"user-{role or 'none'}-{superuser}"
    maker = User.objects.create_superuser if superuser else User.objects.create_user
    user = maker(name, f"{name}@example.org", PASSWORD)
    if role is not None:
        # An agency administrator is scoped to an agency: Harris's own cannot change Harris's link either.
        agency = Agency.objects.get(pk=HARRIS) if role == Role.AGENCY_ADMIN else None
        Profile.objects.create(user=user, role=role, agency=agency)
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_the_login_page(client: Client) -> None:
    for url in (QUEUE, screen(HARRIS)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/office/login/?next=")
    response = client.post(screen(HARRIS), {"action": "unlink"})
    assert response.status_code == 302 and "/office/login/" in response["Location"]
    assert AgencyLink.objects.get(pk=HARRIS).status == MatchStatus.MATCHED


@pytest.mark.parametrize("role", [Role.PROGRAM_REVIEWER, Role.AUDITOR, Role.AGENCY_ADMIN, None])
def test_other_roles_are_refused(role: str | None) -> None:
    client = signed_in(role)
    assert client.get(QUEUE).status_code == 403
    assert client.get(screen(HARRIS)).status_code == 403
    assert client.post(screen(HARRIS), {"action": "unlink"}).status_code == 403
    assert AgencyLink.objects.get(pk=HARRIS).decision == Decision.AUTO


@pytest.mark.parametrize("superuser", [False, True])
def test_program_admin_sees_the_queue_and_the_candidates(superuser: bool) -> None:
    client = signed_in(None if superuser else Role.PROGRAM_ADMIN, superuser=superuser)
    page = client.get(QUEUE + "?status=unmatched").content.decode()
    assert GUAM in page and DALLAS in page and HARRIS not in page
    page = client.get(screen(HARRIS)).content.decode()
    assert "TX1010000" in page and "Harris County" in page


def test_link_confirm_unlink_release_are_audited() -> None:
    client = signed_in(Role.PROGRAM_ADMIN)
    actor = "user-program_admin-False"

    response = client.post(screen(HARRIS), {"action": "confirm"})
    assert response.status_code == 302
    link = AgencyLink.objects.get(pk=HARRIS)
    assert (link.ori_id, link.decision, link.decided_by) == ("TX1010000", Decision.CONFIRMED, actor)

    client.post(screen(HOUSTON), {"action": "link", "ori": "tx1010000"})  # lower case is accepted
    link = AgencyLink.objects.get(pk=HOUSTON)
    assert (link.ori_id, link.decision, link.status) == ("TX1010000", Decision.MANUAL, MatchStatus.MATCHED)

    client.post(screen(FHP), {"action": "unlink"})
    link = AgencyLink.objects.get(pk=FHP)
    assert (link.ori_id, link.status, link.decision) == (None, MatchStatus.UNMATCHED, Decision.MANUAL)
    public = Client().get(f"/agencies/{FHP}/").content.decode()
    assert "no FBI identifier found" in public
    assert "The program office removed the FBI identifier it had been given." in public

    client.post(screen(FHP), {"action": "release"})
    link = AgencyLink.objects.get(pk=FHP)
    assert (link.ori_id, link.decision) == ("FLFHP0000", Decision.AUTO)

    entries = AuditEntry.objects.filter(action__startswith="geo.", actor=actor).order_by("id")
    assert [(e.action, e.object_id) for e in entries] == [
        ("geo.agencylink.confirm", HARRIS), ("geo.agencylink.link", HOUSTON), ("geo.agencylink.unlink", FHP),
        ("geo.agencylink.release", FHP),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "link", "ori": "FLFHP0000"}, "never across states"),
        ({"action": "link", "ori": "XX0000000"}, "no FBI agency with ORI"),
        ({"action": "confirm"}, "no matched ORI to confirm"),
        ({"action": "explode"}, "unknown action"),
    ],
)
def test_refused_changes_say_why_and_change_nothing(data: dict[str, Any], message: str) -> None:
    client = signed_in(Role.PROGRAM_ADMIN)
    before = AgencyLink.objects.get(pk=DALLAS)
    response = client.post(screen(DALLAS), data)
    assert response.status_code == 400 and message in response.content.decode()
    after = AgencyLink.objects.get(pk=DALLAS)
    assert (after.ori_id, after.status, after.decision) == (before.ori_id, before.status, before.decision)
    assert not AuditEntry.objects.filter(action__startswith="geo.", object_id=DALLAS).exists()
