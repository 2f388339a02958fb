"""Who has a role at all, and what someone refused is told (accounts/roles.py): a deactivated account
keeps its profile but loses every right at once, the console and a superuser without a profile act as the
program office, and a refusal names the permission that was missing, on the page and in the API."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from g287.accounts.models import Role
from g287.accounts.roles import Perm, can, perms_of, require, role_of
from g287.accounts.scoping import SYSTEM
from g287.accounts.tokens import create_token
from tests.accounts.fixtures import make_agency, make_user

pytestmark = pytest.mark.django_db


def test_a_deactivated_program_admin_has_no_role_and_no_rights() -> None:
    admin = make_user("pa", Role.PROGRAM_ADMIN)
    assert role_of(admin) == Role.PROGRAM_ADMIN and can(admin, Perm.USERS_MANAGE)
    admin.is_active = False
    admin.save()
    assert role_of(admin) is None
    assert perms_of(admin) == frozenset()
    with pytest.raises(PermissionDenied, match=r"^Your role does not allow this \(users\.manage\)\.$"):
        require(admin, Perm.USERS_MANAGE)


def test_a_deactivated_user_is_refused_by_pages_and_by_their_api_token() -> None:
    admin = make_user("pa", Role.PROGRAM_ADMIN)
    raw = create_token(admin, "script", "read", 30).raw
    client = Client()
    client.force_login(admin)
    assert client.get(reverse("workbench:users")).status_code == 200
    assert client.get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    User.objects.filter(pk=admin.pk).update(is_active=False)
    page = client.get(reverse("workbench:users"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("office:login"))
    assert Client().get("/api/audit/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_superusers_and_the_console_act_as_the_program_office() -> None:
    root = User.objects.create_superuser("root", "root@example.org", "a-long-test-password-287")
    assert role_of(root) == Role.PROGRAM_ADMIN
    assert perms_of(root) == frozenset(Perm)
    assert role_of(SYSTEM) == Role.PROGRAM_ADMIN and can(SYSTEM, Perm.FUNDING_PAY)
    root.is_active = False
    assert role_of(root) is None and perms_of(root) == frozenset()


def test_nobody_without_a_role_may_do_anything() -> None:
    plain = make_user("plain", None)
    for who in (None, AnonymousUser(), plain):
        assert role_of(who) is None
        assert perms_of(who) == frozenset()
        assert not can(who, Perm.OFFICERS_VIEW)


def test_a_role_the_table_does_not_know_gives_no_rights() -> None:
    # An account whose stored role was retired from the table (or mistyped in the admin) may do nothing.
    retired: Any = SimpleNamespace(
        is_authenticated=True, is_active=True, is_superuser=False, profile=SimpleNamespace(role="retired")
    )
    assert role_of(retired) == "retired"
    assert perms_of(retired) == frozenset()
    assert not can(retired, Perm.OFFICERS_VIEW)


def test_a_refused_page_and_operation_name_the_missing_permission() -> None:
    auditor = make_user("auditor", Role.AUDITOR)
    client = Client()
    client.force_login(auditor)
    page = client.get(reverse("workbench:users"))
    assert page.status_code == 403
    assert "Your role does not allow this (users.manage)." in page.content.decode()
    answer = client.get("/api/oversight/complaints")
    assert answer.status_code == 200  # auditors read oversight
    refused = client.post("/api/funding/claims/1/submit", content_type="application/json")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Your role does not allow this (funding.prepare)."}


def test_the_staff_header_offers_an_area_only_to_roles_whose_pages_open() -> None:
    """The header's links (each app's `allows(...)` in its AppConfig.ready) follow the role table: an
    auditor sees the audit log and not the webhooks, an agency administrator neither; tokens and password
    are for anyone signed in."""
    from g287.accounts.roles import allows
    from g287.core.templatetags.staffnav import staff_links

    county = make_agency("TX-header-county-sheriffs-office", "TX", "Header County Sheriff's Office", ["JEM"])
    auditor, agency = make_user("au", Role.AUDITOR), make_user("aa", Role.AGENCY_ADMIN, agency=county)
    assert allows(Perm.AUDIT_VIEW)(auditor) and not allows(Perm.AUDIT_VIEW)(agency)
    assert allows(None)(agency)
    seen = {who: {key for key, _label, _url in staff_links(who)} for who in (auditor, agency)}
    assert {"audit", "tokens", "password"} <= seen[auditor] and "webhooks" not in seen[auditor]
    assert {"tokens", "password"} <= seen[agency] and not {"audit", "webhooks"} & seen[agency]
