"""In a real browser: an agency administrator nominates an officer, the program office reviewer approves,
records the training and the certification, and the officer shows as certified to the agency."""

from typing import Any

import pytest
from django.utils import timezone
from tests.accounts.fixtures import make_agency, make_user, reference_data
from tests.browser.staff import sign_in, sign_out

from g287.accounts.models import Role
from g287.officers.dates import add_years
from g287.officers.models import Officer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]


def test_nominate_review_train_certify(
    live_server: Any, transactional_db: Any, tab: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data()
    agency = make_agency("TX-flow-county-sheriffs-office", "TX", "Flow County Sheriff's Office", ["TFM"])
    make_user("flow-agency", Role.AGENCY_ADMIN, agency=agency)
    make_user("flow-reviewer", Role.PROGRAM_REVIEWER)
    base = live_server.url
    today = timezone.localdate()

    # The agency administrator nominates.
    sign_in(tab, base, "flow-agency")
    tab.goto(f"{base}/office/officers/nominate/")
    tab.select_option("#id_agency", agency.pk)
    tab.fill("#id_given_name", "Robin")
    tab.fill("#id_family_name", "Browser")
    tab.fill("#id_badge_number", "FLOW-7")
    tab.fill("#id_sworn_since", "2014-09-01")
    tab.check("input[name=models][value=TFM]")
    tab.check("#id_citizenship_attested")
    tab.click("#nominate button[type=submit]")
    tab.wait_for_selector("text=nominated; the program office will review")
    assert tab.inner_text("#record-status") == "Nominated, awaiting review"
    officer_url = tab.url
    sign_out(tab)

    # The program office reviewer approves, records the exam and the certification.
    sign_in(tab, base, "flow-reviewer")
    tab.goto(officer_url)
    tab.check("#review input[value=approve]")
    tab.click("#review button[type=submit]")
    tab.wait_for_selector("text=Nomination approved")
    tab.select_option("#exam [name=model]", "TFM")
    tab.fill("#exam [name=taken_on]", today.isoformat())
    tab.fill("#exam [name=score]", "84")
    tab.click("#exam button[type=submit]")
    tab.wait_for_selector("text=Exam recorded: passed")
    tab.select_option("#certify [name=model]", "TFM")
    tab.fill("#certify [name=authorized_on]", today.isoformat())
    tab.fill("#certify [name=form_70006_number]", "70-006-FLOW")
    tab.fill("#certify [name=credential_number]", "CRED-FLOW")
    tab.click("#certify button[type=submit]")
    tab.wait_for_selector("text=TFM certification recorded")
    assert "70-006-FLOW" in tab.inner_text("#certifications")
    assert tab.locator("h1 .badge.certified").count() == 1
    sign_out(tab)

    # The agency sees its officer as certified.
    sign_in(tab, base, "flow-agency")
    tab.goto(f"{base}/office/officers/?q=Browser")
    row = tab.locator("tr", has_text="Robin Browser")
    assert row.locator(".badge.certified").inner_text() == "certified"
    officer = Officer.objects.get(badge_number="FLOW-7")
    assert officer.certifications.get().expires_on == add_years(today, 2)
    assert tab.errors == []
