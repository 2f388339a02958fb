"""What a working day through the pages showed: no default complaint outcome, a few words for a
public complaint, no claim for an unfinished quarter, "1 of 2 approvals", a 403 page that says why,
a page for a GET on a POST-only URL, audit times with their zone."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from g287.funding.fiscal import Quarter
from g287.funding.models import RuleSet
from g287.funding.services import claims as svc
from g287.officers.rules import RuleViolation
from g287.oversight.services import cases
from tests.accounts.fixtures import World
from tests.funding.conftest import fy2026_rules, make_officer
from tests.oversight.helpers import complaint

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


def test_no_default_complaint_outcome(world: World, client: Client) -> None:
    case = complaint(world.a, "JEM")
    client.force_login(world.users["program_admin"])
    url = f"/office/oversight/complaints/{case.pk}/"
    page = client.get(url).content.decode()
    select = page[page.index('name="outcome"') :]
    select = select[: select.index("</select>")]
    assert select.count("selected") == 1 and '<option value="" selected>Choose the outcome</option>' in select
    response = client.post(url + "resolve/", {"on": date.today().isoformat(), "outcome": ""})
    assert response.status_code == 400
    case.refresh_from_db()
    assert not case.is_resolved


def test_a_public_complaint_needs_a_few_words(world: World) -> None:
    with pytest.raises(RuleViolation) as err:
        cases.file_public(cases.Intake(world.a.pk, "JEM", "conduct", "x"))
    assert "few words" in err.value.message_dict["description"][0]


@time_machine.travel(TODAY, tick=False)
def test_no_claim_for_a_quarter_not_over(world: World) -> None:
    fy2026_rules()
    aa = world.users["aa_in"]
    current = Quarter.of(TODAY)  # FY2027 Q1, October to December 2026
    with pytest.raises(ValidationError) as err:
        svc.open_claim(aa, world.a.pk, current)
    assert "has not ended yet" in err.value.message_dict["quarter"][0]
    assert svc.open_claim(aa, world.a.pk, Quarter(2026, 4)).pk  # ended 2026-09-30


@time_machine.travel(TODAY, tick=False)
def test_missing_rules_say_who_sets_them(world: World) -> None:
    RuleSet.objects.filter(fiscal_year=2027).delete()
    with time_machine.travel(date(2027, 1, 5), tick=False), pytest.raises(ValidationError) as err:
        svc.open_claim(world.users["aa_in"], world.a.pk, Quarter(2027, 1))
    assert "program office administrator sets them" in err.value.message_dict["quarter"][0]


def test_one_of_two_approvals(world: World, client: Client) -> None:
    rules = fy2026_rules()
    RuleSet.objects.filter(pk=rules.pk).update(dual_approval_above_cents=0)
    officer = make_officer(world.a, "W-1")
    aa = world.users["aa_in"]
    claim = svc.open_claim(aa, world.a.pk, Quarter(2026, 2))
    svc.set_line(aa, claim.pk, svc.LineInput(officer.pk, 1_000_000, 200_000, 0, 4_000_000))
    svc.submit(aa, claim.pk)
    reviewer = world.users["program_reviewer"]
    svc.start_review(reviewer, claim.pk)
    svc.approve(reviewer, claim.pk)
    client.force_login(reviewer)
    page = client.get(f"/office/funding/claims/{claim.pk}/").content.decode()
    assert "1 of 2 approvals" in page and 'id="approved-by-me"' in page and 'id="approve"' not in page
    client.force_login(world.users["program_admin"])
    page = client.get(f"/office/funding/claims/{claim.pk}/").content.decode()
    assert "1 of 2 approvals" in page and 'id="approve"' in page


def test_styled_403_gives_the_reason(world: World, client: Client) -> None:
    client.force_login(world.users["program_reviewer"])
    response = client.get("/office/users/")
    body = response.content.decode()
    assert response.status_code == 403 and 'id="forbidden-reason"' in body and "users.manage" in body


def test_get_on_a_post_only_url_gets_a_page(world: World, client: Client) -> None:
    client.force_login(world.users["program_admin"])
    response = client.get(f"/office/users/{world.users['aa_in'].pk}/deactivate/")
    assert response.status_code == 405 and 'id="method-not-allowed"' in response.content.decode()
    assert response["Allow"] == "POST"
    assert client.get("/api/office/queue").status_code == 200  # the API is untouched


def test_audit_times_carry_their_zone(world: World, client: Client) -> None:
    client.force_login(world.users["auditor"])
    body = client.get("/office/audit/").content.decode()
    assert " EST<" in body or " EDT<" in body


def test_award_tier_shown_on_reports_and_claim(world: World, client: Client) -> None:
    from g287.funding.awards import awards_shown, report_leads
    from g287.funding.services.settlement import settle

    fy2026_rules()
    make_officer(world.a, "W-2")
    aa = world.users["aa_in"]
    q = Quarter(2026, 2)
    report_leads(aa, world.a.pk, q, 100, 85)  # 85%: the $750 tier
    claim = svc.open_claim(aa, world.a.pk, q)
    shown = awards_shown(q, [world.a.pk])[world.a.pk]
    assert shown.per_officer_cents == 75_000 and shown.eligible_officers >= 1 and not shown.settled
    client.force_login(aa)
    page = client.get(f"/office/funding/claims/{claim.pk}/").content.decode()
    assert "80% or more located" in page and "$750.00" in page and "if the quarter were settled today" in page
    reports = client.get("/office/funding/reports/", {"quarter": "2026Q2"}).content.decode()
    assert "80% or more located" in reports and f"${shown.amount_cents / 100:,.2f}" in reports
    settle(q, out=None, progress=False)
    page = client.get(f"/office/funding/claims/{claim.pk}/").content.decode()
    assert "(settled)" in page


def test_audit_log_shows_changed_fields(world: World, client: Client) -> None:
    from g287.oversight import records

    records.set_records_since(world.users["program_admin"], "meetings", date(2025, 1, 1))
    records.set_records_since(world.users["program_admin"], "meetings", date(2025, 3, 1))
    client.force_login(world.users["auditor"])
    body = client.get("/office/audit/", {"object_type": "oversight.RecordsSince"}).content.decode()
    assert '<table class="changes">' in body
    assert "<tr><td>since</td><td>2025-01-01</td><td>2025-03-01</td></tr>" in body
    assert "{'" not in body  # no Python dicts


def test_suspension_shown_and_claim_lines_recomputed(world: World, client: Client) -> None:
    from g287.funding.models import ClaimLine
    from tests.oversight.helpers import local

    fy2026_rules()
    officer = make_officer(world.a, "W-3")
    aa, admin = world.users["aa_in"], world.users["program_admin"]
    claim = svc.open_claim(aa, world.a.pk, Quarter(2026, 2))
    svc.set_line(aa, claim.pk, svc.LineInput(officer.pk, 1_000_000, 200_000, 0, 4_000_000))
    svc.submit(aa, claim.pk)
    line = ClaimLine.objects.get(claim=claim)
    full = line.eligible_cents
    case = complaint(world.a, "TFM", received_at=local(2026, 3, 10, 9))
    cases.triage(admin, case.pk, "TFM", officer.pk, True, date(2026, 3, 10))
    line.refresh_from_db()
    assert 0 < line.eligible_cents < full and line.certified_days == 68  # 2026-01-01 to 03-09
    client.force_login(admin)
    assert "suspended pending complaint" in client.get(f"/office/officers/{officer.pk}/").content.decode()
    listed = client.get("/office/officers/", {"agency": world.a.pk}).content.decode()
    assert "suspended pending complaint" in listed
    # Triaged again as not disciplinary: the suspension is lifted and the line is whole again.
    cases.triage(admin, case.pk, "TFM", officer.pk, False)
    line.refresh_from_db()
    assert line.eligible_cents == full
    assert "suspended pending complaint" not in client.get(f"/office/officers/{officer.pk}/").content.decode()


def test_officer_page_ids_are_unique(world: World, client: Client) -> None:
    import re

    client.force_login(world.users["program_admin"])
    page = client.get(f"/office/officers/{world.officer_a.pk}/").content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert ids and len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_findings_give_the_suspension_as_the_reason(world: World) -> None:
    """A line cut by a complaint's suspension says so, with the case and the date, instead of telling
    the agency to check certification dates; resolving the case makes the line whole again."""
    from g287.funding.models import ClaimLine
    from tests.oversight.helpers import local

    fy2026_rules()
    officer = make_officer(world.a, "W-4")
    aa, admin = world.users["aa_in"], world.users["program_admin"]
    claim = svc.open_claim(aa, world.a.pk, Quarter(2026, 2))
    svc.set_line(aa, claim.pk, svc.LineInput(officer.pk, 1_000_000, 200_000, 0, 4_000_000))
    svc.submit(aa, claim.pk)
    line = ClaimLine.objects.get(claim=claim)
    full = line.eligible_cents
    # Suspended since before the quarter began: no day of it counts.
    case = complaint(world.a, "TFM", received_at=local(2025, 12, 15, 9))
    cases.triage(admin, case.pk, "TFM", officer.pk, True, date(2025, 12, 15))
    line.refresh_from_db()
    assert line.eligible_cents == 0
    [problem] = line.problems
    assert problem["code"] == "suspended"
    assert f"suspended pending complaint {case.receipt} from 2025-12-15" in problem["message"]
    assert "check the certification dates" not in problem["message"].lower()
    # Resolved mid-quarter: the line is prorated, and the finding still names the suspension.
    cases.resolve(admin, case.pk, date(2026, 2, 1), "not_sustained")
    line.refresh_from_db()
    assert 0 < line.eligible_cents < full and line.certified_days == 59  # 2026-02-01 to 03-31
    [problem] = line.problems
    assert problem["code"] == "prorated"
    assert (
        f"complaint {case.receipt} from 2025-12-15 until its resolution on 2026-02-01" in problem["message"]
    )


def test_draft_lines_are_checked_when_saved(world: World, client: Client) -> None:
    """A draft shows each line's eligible amount and findings (proration, the overtime left under the
    fiscal-year cap) as soon as the line is saved, and the officer picker says who was not certified."""
    from g287.funding.models import Claim, ClaimLine, ClaimStatus

    rules = fy2026_rules()
    late = make_officer(world.a, "W-5", certified_from=date(2026, 2, 1))  # 59 of the 90 days of 2026Q2
    busy = make_officer(world.a, "W-6")
    never = make_officer(world.a, "W-7", certified_from=None)
    aa = world.users["aa_in"]
    cap = 4_000_000 * rules.overtime_cap_bp // 10_000
    earlier = svc.open_claim(aa, world.a.pk, Quarter(2026, 1))
    svc.set_line(aa, earlier.pk, svc.LineInput(busy.pk, 1_000_000, 0, cap - 100_000, 4_000_000))
    svc.submit(aa, earlier.pk)
    claim = svc.open_claim(aa, world.a.pk, Quarter(2026, 2))
    svc.set_line(aa, claim.pk, svc.LineInput(late.pk, 900_000, 0, 0, 4_000_000))
    svc.set_line(aa, claim.pk, svc.LineInput(busy.pk, 1_000_000, 0, 300_000, 4_000_000))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT
    prorated = ClaimLine.objects.get(claim=claim, officer=late)
    assert prorated.certified_days == 59 and prorated.eligible_cents == 590_000
    assert [p["code"] for p in prorated.problems] == ["prorated"]
    capped = ClaimLine.objects.get(claim=claim, officer=busy)
    assert capped.eligible_overtime_cents == 100_000
    assert "leaving $1,000.00 for the rest of the year" in capped.problems[0]["message"]
    assert claim.eligible_cents == 590_000 + 1_000_000 + 100_000
    client.force_login(aa)
    page = client.get(f"/office/funding/claims/{claim.pk}/").content.decode()
    assert "Eligible $16,900.00" in page and "certified 59 of the 90 days" in page
    assert f"{never.name} (W-7) — not certified on any day of 2026Q2" in page
    assert f"{busy.name} (W-6)</option>" in page
    # Removing a line checks the draft again: the totals follow.
    svc.remove_line(aa, prorated.pk)
    assert Claim.objects.get(pk=claim.pk).eligible_cents == 1_100_000


def test_claim_errors_keep_what_was_typed_and_speak_in_words(world: World, client: Client) -> None:
    from g287.funding.models import ClaimLine

    fy2026_rules()
    officer = make_officer(world.a, "W-8")
    aa = world.users["aa_in"]
    claim = svc.open_claim(aa, world.a.pk, Quarter(2026, 2))
    svc.set_line(aa, claim.pk, svc.LineInput(officer.pk, 1_000_000, 0, 5_000_000, 4_000_000))
    client.force_login(aa)
    url = f"/office/funding/claims/{claim.pk}/"
    typed = {"officer": str(officer.pk), "salary": "12,000.50", "benefits": "abc", "overtime": "0"}
    response = client.post(url + "line/", {**typed, "annual_salary": "48,000"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="12,000.50"' in page and 'value="abc"' in page and 'value="48,000"' in page
    assert "The line was not saved. Benefits paid in the quarter:" in page
    assert "benefits:" not in page
    # Findings are counted in words, not by their codes.
    assert "1 overtime above the fiscal-year cap" in page and "overtime_cap" not in page
    assert ClaimLine.objects.get(claim=claim).salary_cents == 1_000_000  # unchanged
    # A refused payment keeps its reference.
    svc.submit(aa, claim.pk)
    svc.start_review(world.users["program_reviewer"], claim.pk)
    svc.approve(world.users["program_reviewer"], claim.pk)
    client.force_login(world.users["program_admin"])
    response = client.post(url + "pay/", {"reference": "T-2026-001", "paid_on": "not a date"})
    assert response.status_code == 400 and 'value="T-2026-001"' in response.content.decode()
    assert "reference:" not in response.content.decode()


def test_every_page_has_an_icon_and_post_only_urls_a_page(world: World, client: Client) -> None:
    icon = client.get("/favicon.ico")  # asked by browsers for pages that name none (JSON, PDF, docs)
    assert icon.status_code == 302 and icon["Location"].endswith("portal/favicon.svg")
    client.force_login(world.users["program_admin"])
    home = client.get("/office/").content.decode()
    assert 'rel="icon"' in home and 'id="office-footer"' in home
    for url in ("/office/funding/new/", "/office/funding/claims/1/submit/"):
        response = client.get(url)
        assert response.status_code == 405 and 'id="method-not-allowed"' in response.content.decode(), url


def test_agency_filters_suggest_agencies_by_name(world: World, client: Client) -> None:
    from django.utils.html import escape

    client.force_login(world.users["aa_in"])
    for url in ("/office/officers/", "/office/oversight/complaints/"):
        page = client.get(url).content.decode()
        assert 'name="agency"' in page and 'list="agency-options"' in page, url
        assert f'<option value="{world.a.pk}">{escape(world.a.name)} (TX)</option>' in page, url
        assert escape(world.b.name) not in page, url  # only the agencies in the user's scope
