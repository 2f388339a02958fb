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


def test_refused_quarter_award_and_suspension(
    live_server: Any, transactional_db: Any, tab: Any, settings: Any
) -> None:
    from datetime import date

    from tests.funding.conftest import fy2026_rules
    from tests.oversight.helpers import local

    from g287.funding.awards import report_leads
    from g287.funding.fiscal import Quarter
    from g287.funding.services import claims as svc
    from g287.oversight.services import cases

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data()
    fy2026_rules()
    agency = make_agency("TX-award-county-sheriffs-office", "TX", "Award County Sheriff's Office", ["TFM"])
    officer = make_officer(agency, "AW-1")
    aa = make_user("award-agency", Role.AGENCY_ADMIN, agency=agency)
    admin = make_user("award-office", Role.PROGRAM_ADMIN)
    base = live_server.url

    # A claim for the quarter under way is refused, and what was typed stays in the form.
    sign_in(tab, base, "award-agency")
    tab.goto(f"{base}/office/funding/")
    current = str(Quarter.of(timezone.localdate()))
    tab.select_option("#id_agency", agency.pk)
    tab.fill("#id_quarter", current)
    tab.click("#new-claim button[type=submit]")
    tab.wait_for_selector("text=has not ended yet")
    assert tab.input_value("#id_quarter") == current
    assert not Claim.objects.exists()

    # The award shows on the claim; a suspension shows on the officer and cuts the line, and is undone.
    report_leads(aa, agency.pk, Quarter(2026, 2), 100, 92)
    claim = svc.open_claim(aa, agency.pk, Quarter(2026, 2))
    svc.set_line(aa, claim.pk, svc.LineInput(officer.pk, 1_000_000, 200_000, 0, 4_000_000))
    svc.submit(aa, claim.pk)
    tab.goto(f"{base}/office/funding/claims/{claim.pk}/")
    award = tab.locator("#claim-award").inner_text()
    assert "90% or more located" in award and "$1,000.00" in award
    full = tab.locator("#lines tbody tr").first.inner_text()
    case = complaint(agency, "TFM", received_at=local(2026, 3, 10, 9))
    cases.triage(admin, case.pk, "TFM", officer.pk, True, date(2026, 3, 10))
    tab.goto(f"{base}/office/officers/{officer.pk}/")
    assert "suspended pending complaint" in tab.locator("h1").inner_text()
    tab.goto(f"{base}/office/funding/claims/{claim.pk}/")
    cut = tab.locator("#lines tbody tr").first.inner_text()
    assert "68/91" in cut or "68/90" in cut
    assert cut != full
    cases.triage(admin, case.pk, "TFM", officer.pk, False)
    tab.goto(f"{base}/office/funding/claims/{claim.pk}/")
    assert tab.locator("#lines tbody tr").first.inner_text() == full
    assert tab.errors == []


def test_agency_picker_search_back_links_and_width(
    live_server: Any, transactional_db: Any, tab: Any, settings: Any
) -> None:
    """The office's agency pickers (1,735 agencies in the registry) narrow as you type, by keyboard
    alone; detail pages link back to their list; the case page fits a 1,400 px window."""
    from g287.oversight.services import cases

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data()
    for n in range(45):
        make_agency(f"TX-pick-{n}-county-sheriffs-office", "TX", f"Pick {n} County Sheriff's Office", ["JEM"])
    needle = make_agency("LA-needle-parish-sheriffs-office", "LA", "Needle Parish Sheriff's Office", ["JEM"])
    case = complaint(needle, "JEM", description="A" * 120 + " " + "x" * 300)
    office = make_user("pick-office", Role.PROGRAM_ADMIN)
    # Triaged with a suspension: the page's forms were 1,409 px wide in a 1,400 px window.
    cases.triage(office, case.pk, "JEM", make_officer(needle, "N-1", models="JEM").pk, True)
    base = live_server.url
    sign_in(tab, base, "pick-office")

    tab.goto(f"{base}/office/oversight/complaints/new/")
    tab.focus("#id_agency-search")
    tab.keyboard.type("needle par")
    tab.keyboard.press("Enter")  # to the narrowed list, not a submission
    assert tab.evaluate("() => document.activeElement.id") == "id_agency"
    assert tab.input_value("#id_agency") == needle.pk
    assert tab.locator("#id_agency option[value]:not([value=''])").count() == 1
    tab.keyboard.press("ArrowDown")  # the list's arrows move through the matches only
    assert tab.input_value("#id_agency") == needle.pk
    assert "1 match" in tab.inner_text("#id_agency-search-count")
    tab.fill("#id_agency-search", "")
    tab.dispatch_event("#id_agency-search", "input")
    tab.locator("#id_agency option").nth(46).wait_for(state="attached")  # the whole list again

    # Detail pages lead back to their list.
    tab.set_viewport_size({"width": 1400, "height": 900})
    tab.goto(f"{base}/office/oversight/complaints/{case.pk}/")
    tab.click("a.back")
    tab.wait_for_url("**/office/oversight/complaints/")
    tab.goto(f"{base}/office/oversight/complaints/{case.pk}/")
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 1400

    # Office pages share the public site's look: the same header band, type and footer.
    look = """() => {
        const header = getComputedStyle(document.querySelector('header'));
        const h1 = getComputedStyle(document.querySelector('h1'));
        const footer = getComputedStyle(document.querySelector('footer'));
        return [header.backgroundColor, getComputedStyle(document.body).fontFamily, h1.fontSize,
                footer.backgroundColor, footer.borderTopColor];
    }"""
    office = tab.evaluate(look)
    tab.goto(f"{base}/")
    assert tab.evaluate(look) == office
    assert tab.errors == []


def test_suspension_ends_on_resolution(
    live_server: Any, transactional_db: Any, tab: Any, settings: Any
) -> None:
    """Resolving the case through its page (after the confirmation) ends the suspension on the
    resolution date: the officer no longer reads "suspended" and the claim line counts the days after."""
    from datetime import date

    from tests.funding.conftest import fy2026_rules
    from tests.oversight.helpers import local

    from g287.funding import claims as svc
    from g287.funding.fiscal import Quarter
    from g287.oversight import cases

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data()
    fy2026_rules()
    agency = make_agency(
        "TX-resolve-county-sheriffs-office", "TX", "Resolve County Sheriff's Office", ["TFM"]
    )
    officer = make_officer(agency, "RS-1")
    admin = make_user("resolve-office", Role.PROGRAM_ADMIN)
    claim = svc.open_claim(admin, agency.pk, Quarter(2026, 2))
    svc.set_line(admin, claim.pk, svc.LineInput(officer.pk, 1_000_000, 200_000, 0, 4_000_000))
    case = complaint(agency, "TFM", received_at=local(2026, 3, 10, 9))
    cases.triage(admin, case.pk, "TFM", officer.pk, True, date(2026, 3, 10))
    base = live_server.url

    sign_in(tab, base, "resolve-office")
    tab.goto(f"{base}/office/funding/claims/{claim.pk}/")
    cut = tab.locator("#lines tbody tr").first.inner_text()
    assert "68/9" in cut
    tab.goto(f"{base}/office/oversight/complaints/{case.pk}/")
    tab.fill("#resolve input[name=on]", "2026-03-20")
    tab.select_option("#resolve select[name=outcome]", index=1)
    asked: list[str] = []
    tab.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    tab.click("#resolve button[type=submit]")
    tab.wait_for_selector("#resolve", state="detached")
    assert asked and "suspension ends on the resolution date" in asked[0]
    tab.goto(f"{base}/office/officers/{officer.pk}/")
    assert "suspended" not in tab.locator("h1").inner_text()
    tab.goto(f"{base}/office/funding/claims/{claim.pk}/")
    after = tab.locator("#lines tbody tr").first.inner_text()
    assert after != cut and ("80/9" in after), after  # 68 days before, 12 from 2026-03-20 to 03-31
    assert tab.errors == []
