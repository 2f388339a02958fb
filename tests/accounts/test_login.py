import re

from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from g287.accounts.models import FieldOffice
from g287.accounts.scoping import OutOfScope, scoped_write
from g287.officers.models import Officer
from tests.accounts.fixtures import PASSWORD, World


def login(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("office:login"), {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2() -> None:
    from g287 import settings as project  # the suite swaps in a fast hasher; the product does not

    assert project.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_login_and_logout(world: World) -> None:
    client = Client()
    assert login(client, "aa-in", PASSWORD).status_code == 302
    assert client.get(reverse("office:home")).status_code == 200
    assert client.post(reverse("office:logout")).status_code == 200
    assert client.get(reverse("office:home")).status_code == 302


def test_lockout_after_repeated_failures(world: World) -> None:
    client = Client()
    for _ in range(settings.G287_LOGIN_FAILURE_LIMIT):
        response = login(client, "aa-in", "wrong-password")
        assert response.status_code == 200 and "Too many" not in response.content.decode()
    locked = login(client, "AA-IN", PASSWORD)  # the right password, and the case does not matter
    assert locked.status_code == 200
    assert "Too many failed sign-ins" in locked.content.decode()
    assert login(Client(), "fs-in", PASSWORD).status_code == 302  # others are not affected


def test_success_clears_failures(world: World) -> None:
    client = Client()
    for _ in range(settings.G287_LOGIN_FAILURE_LIMIT - 1):
        login(client, "aa-in", "wrong-password")
    assert login(client, "aa-in", PASSWORD).status_code == 302
    for _ in range(settings.G287_LOGIN_FAILURE_LIMIT - 1):
        login(Client(), "aa-in", "wrong-password")
    assert login(Client(), "aa-in", PASSWORD).status_code == 302


def test_password_reset_by_email(world: World) -> None:
    client = Client()
    assert client.post(reverse("office:password_reset"), {"email": "aa-in@example.org"}).status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/office/password/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    new = "another-long-password-287"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert login(Client(), "aa-in", new).status_code == 302


def test_password_change_enforces_validators(world: World) -> None:
    client = Client()
    client.force_login(world.users["aa_in"])
    weak = client.post(
        reverse("office:password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert weak.status_code == 200 and weak.context["form"].errors
    good = "a-new-and-long-password-287"
    ok = client.post(
        reverse("office:password_change"),
        {"old_password": PASSWORD, "new_password1": good, "new_password2": good},
    )
    assert ok.status_code == 302


def test_write_that_leaves_scope_is_rolled_back(world: World) -> None:
    user = world.users["aa_in"]
    before = Officer.objects.count()
    try:
        with scoped_write(user) as guard:
            moved = Officer.objects.get(pk=world.officer_a.pk)
            moved.agency = world.b
            moved.save()
            guard.check(moved)
    except OutOfScope:
        pass
    else:
        raise AssertionError("the write was not refused")
    assert Officer.objects.get(pk=world.officer_a.pk).agency_id == world.a.pk
    assert Officer.objects.count() == before


def test_nominating_into_another_agency_is_404_and_writes_nothing(world: World) -> None:
    from g287.core.models import AuditEntry

    client = Client()
    client.force_login(world.users["aa_in"])
    entries = AuditEntry.objects.count()
    response = client.post(
        "/api/officers/",
        {
            "agency_id": world.b.pk,
            "given_name": "X",
            "family_name": "Y",
            "badge_number": "Z",
            "sworn_since": "2001-01-01",
            "models": ["TFM"],
            "citizenship_attested": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Officer.objects.filter(badge_number="Z").exists()
    assert AuditEntry.objects.count() == entries


def test_admin_assigns_roles(world: World) -> None:
    from django.contrib.auth.models import User

    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client = Client()
    client.force_login(root)
    # The user list names each user's role; the user's screen has the role and scope to change.
    users = client.get("/admin/auth/user/").content.decode()
    assert "aa-in" in users and "Agency administrator" in users
    change = client.get(f"/admin/auth/user/{world.users['aa_in'].pk}/change/")
    assert change.status_code == 200
    body = change.content.decode()
    assert 'name="profile-0-role"' in body and 'value="agency_admin" selected' in body
    assert f'value="{world.a.pk}" selected' in body  # the agency the role is scoped to
    offices = client.get("/admin/accounts/fieldoffice/")
    assert offices.status_code == 200 and FieldOffice.objects.first().name in offices.content.decode()
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403  # tokens come from their owner
