"""Django admin is no side door (issue 17.4): its sign-in is under the office's lockout, and every write
made through it reaches the audit log."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.test import Client

from g287.accounts.models import FieldOffice, Profile, Role
from g287.core.audit import verify_chain
from g287.core.models import AuditEntry
from tests.accounts.fixtures import PASSWORD, World


def admin_login(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_admin_login_is_locked_after_repeated_failures(world: World) -> None:
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    for _ in range(settings.G287_LOGIN_FAILURE_LIMIT + 3):
        assert admin_login(Client(), "root", "wrong-password").status_code == 200
    client = Client()
    locked = admin_login(client, "root", PASSWORD)
    assert locked.status_code == 200 and "Too many failed sign-ins" in locked.content.decode()
    assert client.get("/admin/").status_code == 302  # not signed in


def test_failures_at_the_admin_lock_the_office_door_too(world: World) -> None:
    for _ in range(settings.G287_LOGIN_FAILURE_LIMIT):
        admin_login(Client(), "aa-in", "wrong-password")
    response = Client().post("/office/login/", {"username": "aa-in", "password": PASSWORD})
    assert response.status_code == 200 and "Too many failed sign-ins" in response.content.decode()
    # Any other caller of authenticate() is refused as well.
    assert authenticate(username="aa-in", password=PASSWORD) is None


def _root_client() -> Client:
    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    client.force_login(root)
    return client


def test_role_and_staff_changes_in_admin_are_audited(world: World) -> None:
    client = _root_client()
    user = world.users["aa_in"]
    profile = Profile.objects.get(user=user)
    page = client.get(f"/admin/auth/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("password", "groups",
            "user_permissions", "last_login", "date_joined")}  # fmt: skip
    data.update(
        {
            "is_staff": "on",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": str(profile.pk),
            "profile-0-user": str(user.pk),
            "profile-0-role": Role.PROGRAM_ADMIN,
            "profile-0-agency": "",
            "profile-0-field_office": "",
        }
    )
    before = AuditEntry.objects.count()
    response = client.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    profile.refresh_from_db()
    user.refresh_from_db()
    assert profile.role == Role.PROGRAM_ADMIN and user.is_staff
    entries = list(AuditEntry.objects.filter(id__gt=0).order_by("id"))[before:]
    by_type = {e.object_type: e for e in entries}
    assert (
        by_type["auth.User"].action == "auth.user.admin_change" and by_type["auth.User"].actor == "user:root"
    )
    assert by_type["auth.User"].before["is_staff"] is False and by_type["auth.User"].after["is_staff"] is True
    assert "pbkdf2" not in str(by_type["auth.User"].after) and "argon2" not in str(by_type["auth.User"].after)
    assert by_type["accounts.Profile"].before["role"] == Role.AGENCY_ADMIN
    assert by_type["accounts.Profile"].after["role"] == Role.PROGRAM_ADMIN
    assert verify_chain() is None


def test_admin_password_change_add_and_delete_are_audited(world: World) -> None:
    client = _root_client()
    user = world.users["aa_in"]
    response = client.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": "another-long-password-287", "password2": "another-long-password-287"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.order_by("-id").first()
    assert (
        entry is not None
        and entry.action == "auth.user.admin_password_change"
        and entry.object_id == str(user.pk)
    )
    response = client.post(
        "/admin/accounts/fieldoffice/add/", {"code": "ZZZ", "name": "Test", "states": '["TX"]'}
    )
    assert response.status_code == 302
    office = FieldOffice.objects.get(code="ZZZ")
    added = AuditEntry.objects.get(
        action="accounts.fieldoffice.admin_add", object_type="accounts.FieldOffice"
    )
    assert added.object_id == str(office.pk) and added.after["name"] == "Test"
    response = client.post(f"/admin/accounts/fieldoffice/{office.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not FieldOffice.objects.filter(code="ZZZ").exists()
    deleted = AuditEntry.objects.get(
        action="accounts.fieldoffice.admin_delete", object_type="accounts.FieldOffice"
    )
    assert deleted.before["name"] == "Test" and deleted.after is None
