"""In a real browser: revoking an API token and revoking a certification ask first, like every other
office action (office/confirm.js); dismissing changes nothing, accepting does the action."""

from typing import Any

import pytest
from tests.accounts.fixtures import make_agency, make_user, reference_data
from tests.browser.staff import sign_in
from tests.funding.conftest import make_officer

from g287.accounts.models import ApiToken, Role
from g287.accounts.tokens import create_token
from g287.officers.models import Certification

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_token_revoke_asks_first(live_server: Any, transactional_db: Any, tab: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data()
    user = make_user("confirm-tokens", Role.PROGRAM_ADMIN)
    made = create_token(user, "nightly export", "read", 30)
    sign_in(tab, live_server.url, "confirm-tokens")
    tab.goto(f"{live_server.url}/office/tokens/")
    asked: list[str] = []
    tab.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    tab.click("form[action$='/revoke/'] button")
    assert asked and "nightly export" in asked[0]
    assert ApiToken.objects.get(pk=made.token.pk).revoked_at is None
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.click("form[action$='/revoke/'] button")
    tab.wait_for_selector("text=revoked")
    assert ApiToken.objects.get(pk=made.token.pk).revoked_at is not None
    assert tab.errors == []


def test_certification_revoke_asks_first(
    live_server: Any, transactional_db: Any, tab: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data()
    agency = make_agency(
        "TX-confirm-county-sheriffs-office", "TX", "Confirm County Sheriff's Office", ["TFM"]
    )
    officer = make_officer(agency, "CONF-1")
    make_user("confirm-supervisor", Role.FIELD_SUPERVISOR, office="HOU")
    sign_in(tab, live_server.url, "confirm-supervisor")
    tab.goto(f"{live_server.url}/office/officers/{officer.pk}/")
    tab.click("#certifications summary:text('Revoke')")
    tab.fill("#revoke_on", "2026-02-01")
    tab.fill("#revoke_reason", "Demo revocation for the test.")
    asked: list[str] = []
    tab.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    tab.click("#certifications button.danger")
    assert asked and "TFM certification of Test Officer CONF-1" in asked[0]
    assert Certification.objects.get(officer=officer).ended_on is None
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.click("#certifications button.danger")
    tab.wait_for_selector("#certifications >> text=revoked")
    assert Certification.objects.get(officer=officer).end_reason == "revoked"
    assert tab.errors == []
