"""User management at /office/users/: the program office only; create with role and scope,
deactivate, password reset, revoke tokens; every action audited."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from g287.accounts.models import ApiToken, Role
from g287.accounts.roles import role_of
from g287.accounts.scoping import scope_of
from g287.accounts.tokens import check_token, create_token
from g287.core.models import AuditEntry
from tests.accounts.fixtures import ROLES, World

pytestmark = pytest.mark.django_db
URLS = ["/office/users/", "/office/users/new/"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_program_office_reaches_it(world: World, client: Client, role: str) -> None:
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    target = world.users["aa_out"]
    assert target is not None
    for url in URLS:
        status = client.get(url).status_code
        expected = 200 if role == "program_admin" else 302 if role == "anonymous" else 403
        assert status == expected, (url, role)
    if role not in ("program_admin", "anonymous"):
        for action in ("deactivate", "reset", "revoke-tokens"):
            assert client.post(f"/office/users/{target.pk}/{action}/").status_code == 403
        assert User.objects.get(pk=target.pk).is_active


def test_create_a_user_with_role_and_scope(world: World, client: Client) -> None:
    admin = world.users["program_admin"]
    client.force_login(admin)
    bad = client.post(
        "/office/users/new/",
        {"username": "new-aa", "email": "new-aa@example.org", "role": Role.AGENCY_ADMIN, "agency_id": ""},
    )
    body = bad.content.decode()
    assert bad.status_code == 400 and "needs the agency they administer" in body and 'value="new-aa"' in body
    assert not User.objects.filter(username="new-aa").exists()
    made = client.post(
        "/office/users/new/",
        {
            "username": "new-aa",
            "email": "new-aa@example.org",
            "role": Role.AGENCY_ADMIN,
            "agency_id": world.a.pk,
        },
    )
    assert made.status_code == 302
    user = User.objects.get(username="new-aa")
    assert role_of(user) == Role.AGENCY_ADMIN and scope_of(user).agency_id == world.a.pk
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new-aa@example.org"]
    assert "/office/password/reset/" in mail.outbox[0].body
    entry = AuditEntry.objects.filter(object_type="auth.User", action="auth.user.create").get()
    assert entry.actor.endswith(admin.username) or admin.username in entry.actor
    assert entry.after["role"] == Role.AGENCY_ADMIN and entry.after["agency"] == world.a.pk
    assert (
        AuditEntry.objects.filter(object_type="auth.User", action="auth.user.password_reset_sent").count()
        == 1
    )
    page = client.get("/office/users/").content.decode()
    assert 'data-user="new-aa"' in page
    taken = client.post(
        "/office/users/new/", {"username": "NEW-AA", "email": "x@example.org", "role": Role.AUDITOR}
    )
    assert taken.status_code == 400 and "is taken" in taken.content.decode()


def test_deactivate_and_revoke(world: World, client: Client) -> None:
    admin = world.users["program_admin"]
    target = world.users["aa_in"]
    assert target is not None and admin is not None
    raw = create_token(target, "script", "read", 30).raw
    second = create_token(target, "other", "read", 30).raw
    client.force_login(admin)
    assert client.post(f"/office/users/{target.pk}/revoke-tokens/").status_code == 302
    assert check_token(raw) is None and check_token(second) is None
    assert (
        AuditEntry.objects.filter(action="auth.user.revoke_tokens", object_id=str(target.pk))
        .get()
        .after["tokens_revoked"]
        == 2
    )
    third = create_token(target, "again", "read", 30).raw
    assert client.post(f"/office/users/{target.pk}/deactivate/").status_code == 302
    target.refresh_from_db()
    assert not target.is_active and check_token(third) is None
    entry = AuditEntry.objects.filter(action="auth.user.deactivate", object_id=str(target.pk)).get()
    assert entry.before["is_active"] is True and entry.after["is_active"] is False
    other = Client()
    other.force_login(target)
    assert other.get("/office/").status_code == 302  # signed out: inactive users cannot use a session
    # Nobody deactivates themselves.
    client.post(f"/office/users/{admin.pk}/deactivate/")
    admin.refresh_from_db()
    assert admin.is_active
    assert ApiToken.objects.filter(user=target, revoked_at__isnull=True).count() == 0


def test_password_reset_sent(world: World, client: Client) -> None:
    client.force_login(world.users["program_admin"])
    target = world.users["fs_in"]
    assert target is not None
    assert client.post(f"/office/users/{target.pk}/reset/").status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [target.email]
    entry = AuditEntry.objects.filter(action="auth.user.password_reset_sent").get()
    assert "token" not in str(entry.after) and "/reset/" not in str(entry.after)
