"""In a real browser: the program administrator's work queue leads to the waiting work; the program
office creates and deactivates a user; public pages carry the demo banner while synthetic records
exist."""

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from tests.accounts.fixtures import make_agency, make_user, reference_data
from tests.browser.staff import sign_in
from tests.funding.conftest import make_officer
from tests.oversight.helpers import complaint

from g287.accounts.models import Role
from g287.funding.models import Claim

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_queue_and_user_management(live_server: Any, transactional_db: Any, tab: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data()
    agency = make_agency(
        "TX-queue-county-sheriffs-office", "TX", "Queue County Sheriff's Office", ["TFM", "JEM"]
    )
    Claim.objects.create(agency=agency, fiscal_year=2026, quarter=2, status="submitted")
    complaint(agency, "JEM", received_at=timezone.now() - timedelta(days=7))  # 48 hours long gone
    make_user("wb-office", Role.PROGRAM_ADMIN)
    base = live_server.url

    sign_in(tab, base, "wb-office")
    queue = tab.locator("#work-queue")
    assert queue.locator('tr[data-kind="claims_submitted"] td.num').inner_text() == "1"
    assert queue.locator('tr[data-kind="complaints_overdue"] td.num').inner_text() == "1"
    tab.click('tr[data-kind="complaints_overdue"] a')
    tab.wait_for_url("**/office/oversight/complaints/?clock=overdue")
    assert "Queue County" in tab.locator("main").inner_text()
    tab.go_back()
    tab.click('tr[data-kind="claims_submitted"] a')
    tab.wait_for_url("**/office/funding/?status=submitted")
    assert "Queue County" in tab.locator("main").inner_text()

    # Create an agency administrator: a missing agency is refused with what was typed kept.
    tab.goto(f"{base}/office/")
    tab.click("text=Users")
    tab.click("#new-user")
    tab.fill("#id_username", "new-agency-admin")
    tab.fill("#id_email", "new-agency-admin@example.org")
    tab.select_option("#id_role", Role.AGENCY_ADMIN.value)
    tab.click("#user-form button[type=submit]")
    tab.wait_for_selector("text=needs the agency they administer")
    assert tab.input_value("#id_username") == "new-agency-admin"
    tab.fill("#id_agency_id", agency.pk)
    tab.click("#user-form button[type=submit]")
    tab.wait_for_selector('tr[data-user="new-agency-admin"]')
    row = tab.locator('tr[data-user="new-agency-admin"]')
    assert "Agency administrator" in row.inner_text() and "Queue County" in row.inner_text()
    # Deactivating asks first; dismissing keeps the user, accepting deactivates.
    tab.once("dialog", lambda dialog: dialog.dismiss())
    row.locator("text=Deactivate").click()
    assert User.objects.get(username="new-agency-admin").is_active
    tab.once("dialog", lambda dialog: dialog.accept())
    row.locator("text=Deactivate").click()
    tab.wait_for_selector('tr[data-user="new-agency-admin"] >> text=deactivated')
    assert not User.objects.get(username="new-agency-admin").is_active
    assert tab.errors == []


def test_demo_banner_on_public_pages(live_server: Any, transactional_db: Any, tab: Any) -> None:
    reference_data()
    agency = make_agency("TX-demo-county-sheriffs-office", "TX", "Demo County Sheriff's Office", ["TFM"])
    base = live_server.url
    tab.goto(f"{base}/measures/")
    assert tab.locator("#demo-banner").count() == 0
    make_officer(agency, "D-1")  # a synthetic officer
    for path in ("/", "/measures/", "/funding/"):
        tab.goto(f"{base}{path}")
        banner = tab.locator("#demo-banner")
        assert banner.is_visible(), path
        assert "Demo data" in banner.inner_text()
