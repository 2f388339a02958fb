"""In a real browser: an agency administrator files a claim, a program office reviewer reviews and
approves it, the program office records the payment, and the amounts show in the public totals."""

from typing import Any

import pytest
from tests.accounts.fixtures import make_agency, make_user, reference_data
from tests.browser.staff import sign_in, sign_out
from tests.funding.conftest import fy2026_rules, make_officer

from g287.accounts.models import Role
from g287.funding.models import Claim

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]


def test_claim_filed_reviewed_approved_paid_public(
    live_server: Any, transactional_db: Any, tab: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data()
    fy2026_rules()
    agency = make_agency("TX-money-county-sheriffs-office", "TX", "Money County Sheriff's Office", ["TFM"])
    officer = make_officer(agency, "M-1")
    make_user("money-agency", Role.AGENCY_ADMIN, agency=agency)
    make_user("money-reviewer", Role.PROGRAM_REVIEWER)
    make_user("money-office", Role.PROGRAM_ADMIN)
    base = live_server.url

    # The agency files the claim.
    sign_in(tab, base, "money-agency")
    tab.goto(f"{base}/office/funding/")
    tab.select_option("#id_agency", agency.pk)
    tab.fill("#id_quarter", "2026Q2")
    tab.click("#new-claim button[type=submit]")
    tab.wait_for_selector("#line-form")
    claim_url = tab.url
    tab.select_option("#id_officer", str(officer.pk))
    tab.fill("#id_salary", "15,000.00")
    tab.fill("#id_benefits", "5,000")
    tab.fill("#id_overtime", "0")
    tab.fill("#id_annual_salary", "60000")
    tab.click("#line-form button[type=submit]")
    tab.wait_for_selector("text=Line saved.")
    # The draft is checked as it is saved: its eligible amount shows before submission.
    assert "Eligible $20,000.00" in tab.inner_text("main")
    # Submitting asks first: dismissed, the claim stays a draft; accepted, it is submitted.
    asked: list[str] = []
    tab.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    tab.click("#submit-claim")
    assert tab.inner_text("#claim-status") == "Draft"
    assert Claim.objects.get().status == "draft"
    assert asked and "Submit claim #" in asked[0] and "2026Q2" in asked[0]
    tab.on("dialog", lambda dialog: dialog.accept())  # every later decision is confirmed
    tab.click("#submit-claim")
    tab.wait_for_selector("#claim-status:has-text('Submitted')")
    sign_out(tab)

    # The reviewer reviews and approves.
    sign_in(tab, base, "money-reviewer")
    tab.goto(claim_url)
    tab.click("#start-review")
    tab.wait_for_selector("#claim-status:has-text('In review')")
    tab.click("#approve")
    tab.wait_for_selector("#claim-status:has-text('Approved')")
    assert tab.inner_text("#claim-approved") == "$20,000.00"
    sign_out(tab)

    # The program office records the payment.
    sign_in(tab, base, "money-office")
    tab.goto(claim_url)
    tab.fill("#pay-form input[name=reference]", "TREAS-2026-0042")
    tab.fill("#pay-form input[name=paid_on]", "2026-05-15")
    tab.click("#pay-form button[type=submit]")
    tab.wait_for_selector("#claim-status:has-text('Paid')")
    assert "TREAS-2026-0042" in tab.inner_text("#payment")
    sign_out(tab)

    # Anyone sees it in the public totals, with no officer in sight.
    tab.goto(f"{base}/funding/")
    row = tab.locator("#by-agency tbody tr", has_text="Money County Sheriff's Office")
    assert "2026Q2" in row.inner_text()
    assert row.inner_text().count("$20,000.00") == 2  # approved and paid
    assert "M-1" not in tab.content()
    tab.wait_for_function("document.querySelector('#funding-chart').width > 0")
    assert tab.errors == []
