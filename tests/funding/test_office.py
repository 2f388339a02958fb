"""The program office's pages (rules, lead-count reports, appropriations, one agency's statement) and
the appropriations API: per role, bad input answered on the form's fields or with 4xx, never 500,
every change audited."""

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from g287.core.models import AuditEntry
from g287.funding.models import Appropriation, PerformanceReport, RuleSet
from g287.funding.office_forms import basis_points, percent
from tests.funding.test_api import client_for
from tests.funding.test_settle import Q2, setup_quarter

RULES = "/office/funding/rules/"
REPORTS = "/office/funding/reports/"
APPROPRIATIONS = "/office/funding/appropriations/"


def rules_form(**change: Any) -> dict[str, Any]:
    return {
        "fiscal_year": "2026",
        "effective_from": "2026-01-01",
        "salary_benefits": "100",
        "overtime_cap": "20",
        "award_tiers": "90 = 1,000\n80 = 750.00\n70 = 500",
        "equipment_per_officer": "7,500",
        "vehicles_per_agency": "100,000",
        "reimbursable_models": ["TFM"],
        "award_models": ["TFM"],
        "eligibility": "certified_last_day",
        "dual_approval_above": "250,000",
        "note": "Overtime cap lowered",
        **change,
    }


def test_percent_round_trip() -> None:
    assert basis_points("25") == 2500 and basis_points("12.5%") == 1250 and basis_points("0.01") == 1
    assert [percent(bp) for bp in (2500, 1250, 1, 0)] == ["25", "12.5", "0.01", "0"]


def test_rules_page_makes_a_new_audited_rule_set(world: Any, rules: RuleSet) -> None:
    admin = client_for(world.users["program_admin"])
    page = admin.get(RULES)
    assert page.status_code == 200 and b"rules-form" in page.content
    response = admin.post(RULES, rules_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = RuleSet.objects.get(fiscal_year=2026, effective_from=date(2026, 1, 1))
    assert saved.overtime_cap_bp == 2000 and saved.award_tiers == [
        [9000, 100_000],
        [8000, 75_000],
        [7000, 50_000],
    ]
    assert saved.dual_approval_above_cents == 25_000_000
    assert RuleSet.objects.filter(pk=rules.pk).exists()  # the earlier set is kept
    entry = AuditEntry.objects.filter(action="funding.ruleset.create").latest("id")
    assert entry.after["overtime_cap_bp"] == 2000 and entry.before["overtime_cap_bp"] == 2500
    assert b"20%" in admin.get(RULES).content


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"overtime_cap": "120"}, "overtime_cap"),
        ({"overtime_cap": "12.345"}, "overtime_cap"),
        ({"salary_benefits": "lots"}, "salary_benefits"),
        ({"award_tiers": "90 - 1000"}, "award_tiers"),
        ({"award_tiers": "90 = 1000\n90 = 500"}, "award_tiers"),  # the service refuses equal thresholds
        ({"equipment_per_officer": "-5"}, "equipment_per_officer"),
        ({"reimbursable_models": ["XYZ"]}, "reimbursable_models"),
        ({"effective_from": "2027-01-01"}, "effective_from"),  # outside fiscal year 2026
        ({"effective_from": "2025-10-01"}, "effective_from"),  # a set already starts that day
        ({"effective_from": "not a date"}, "effective_from"),
    ],
)
def test_rules_page_bad_input(world: Any, rules: RuleSet, change: dict[str, Any], field: str) -> None:
    response = client_for(world.users["program_admin"]).post(RULES, rules_form(**change))
    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors
    assert RuleSet.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "get", "post"),
    [
        ("anonymous", 302, 302),
        ("no_role", 403, 403),
        ("auditor", 200, 403),
        ("program_reviewer", 200, 403),
        ("aa_in", 200, 403),
        ("fs_in", 200, 403),
    ],
)
def test_rules_and_appropriations_per_role(
    world: Any, rules: RuleSet, role: str, get: int, post: int
) -> None:
    client = client_for(world.users[role])
    for url, form in ((RULES, rules_form()), (APPROPRIATIONS, {"fiscal_year": "2026", "amount": "1"})):
        assert client.get(url).status_code == get
        assert client.post(url, form).status_code == post
    assert RuleSet.objects.count() == 1 and not Appropriation.objects.exists()


def test_appropriations_page(world: Any, rules: RuleSet) -> None:
    admin = client_for(world.users["program_admin"])
    assert (
        admin.post(APPROPRIATIONS, {"fiscal_year": "2026", "amount": "1,500,000,000.00"}).status_code == 302
    )
    assert Appropriation.objects.get(fiscal_year=2026).amount_cents == 150_000_000_000
    for bad, field in (
        ({"amount": "1.005"}, "amount"),
        ({"amount": "-1"}, "amount"),
        ({"fiscal_year": "x"}, "fiscal_year"),
    ):
        response = admin.post(APPROPRIATIONS, {"fiscal_year": "2026", "amount": "5", **bad})
        assert response.status_code == 400 and field in response.context["form"].errors
    assert b"$1,500,000,000.00" in admin.get(APPROPRIATIONS).content
    assert AuditEntry.objects.filter(action="funding.appropriation.set").count() == 1


def test_appropriations_api(world: Any, rules: RuleSet) -> None:
    url = "/api/funding/appropriations"

    def put(client: Client, path: str, body: Any) -> Any:
        return client.put(path, json.dumps(body), content_type="application/json")

    admin = client_for(world.users["program_admin"])
    response = put(admin, f"{url}/2026", {"amount_cents": 123_456, "note": "enacted"})
    assert response.status_code == 200 and response.json() == {
        "fiscal_year": 2026,
        "amount_cents": 123_456,
        "note": "enacted",
    }
    assert put(admin, f"{url}/2026", {"amount_cents": 200}).json()["amount_cents"] == 200
    assert client_for(world.users["auditor"]).get(url).json()["results"] == [
        {"fiscal_year": 2026, "amount_cents": 200, "note": ""}
    ]
    assert put(client_for(world.users["auditor"]), f"{url}/2026", {"amount_cents": 1}).status_code == 403
    assert put(client_for(world.users["aa_in"]), f"{url}/2026", {"amount_cents": 1}).status_code == 403
    assert client_for(None).get(url).status_code == 401
    for path, body in (
        (f"{url}/2026", {"amount_cents": -1}),
        (f"{url}/2026", {"amount_cents": "lots"}),
        (f"{url}/2026", {}),
        (f"{url}/99", {"amount_cents": 1}),
        (f"{url}/abc", {"amount_cents": 1}),
    ):
        response = put(admin, path, body)
        assert 400 <= response.status_code < 500, (path, body, response.status_code)
    assert Appropriation.objects.get(fiscal_year=2026).amount_cents == 200
    before = [e.before for e in AuditEntry.objects.filter(action="funding.appropriation.set").order_by("id")]
    assert before == [None, {"amount_cents": 123_456, "note": "enacted"}]


def test_reports_page(world: Any, rules: RuleSet) -> None:
    aa = client_for(world.users["aa_in"])
    form = {"agency": world.a.pk, "quarter": "2026Q2", "leads_provided": "40", "leads_located": "36"}
    assert aa.post(REPORTS, form).status_code == 302
    report = PerformanceReport.objects.get(agency=world.a, fiscal_year=2026, quarter=2)
    assert (report.leads_provided, report.leads_located) == (40, 36)
    page = aa.get(REPORTS + "?quarter=2026Q2")
    assert page.status_code == 200 and b"90%" in page.content
    for bad, field in (
        ({"leads_located": "41"}, "leads_located"),  # more than provided: the service says so
        ({"leads_provided": "-1"}, "leads_provided"),
        ({"agency": world.b.pk}, "agency"),  # out of scope: not a choice
        ({"quarter": "2026Q9"}, "quarter"),
    ):
        response = aa.post(REPORTS, {**form, **bad})
        assert response.status_code == 400 and field in response.context["form"].errors, bad
    assert aa.get(REPORTS + "?quarter=nonsense").status_code == 200
    assert client_for(world.users["auditor"]).post(REPORTS, form).status_code == 403
    # Another agency's administrator sees the page, without agency A's report.
    other = client_for(world.users["aa_out"]).get(REPORTS + "?quarter=2026Q2").content.decode()
    assert "Lead-count reports, 2026Q2" in other and "No reports for 2026Q2." in other
    assert world.a.name not in other and "<td>40</td>" not in other and b"<td>40</td>" in page.content


def test_statement_download(world: Any, rules: RuleSet) -> None:
    setup_quarter(world)
    from g287.funding.services.settlement import settle

    settle(Q2, out=None, progress=False)
    url = f"/office/funding/statements/{Q2}/{world.a.pk}"
    response = client_for(world.users["aa_in"]).get(f"{url}.csv")
    assert response.status_code == 200 and b"40500.00" in response.content
    pdf = client_for(world.users["auditor"]).get(f"{url}.pdf")
    assert (
        pdf.status_code == 200
        and pdf.content.startswith(b"%PDF")
        and pdf["Content-Type"] == "application/pdf"
    )
    assert client_for(world.users["aa_out"]).get(f"{url}.csv").status_code == 404  # not their agency
    assert client_for(world.users["no_role"]).get(f"{url}.csv").status_code == 403
    assert client_for(None).get(f"{url}.csv").status_code == 302
    assert (
        client_for(world.users["aa_in"])
        .get(f"/office/funding/statements/2026Q4/{world.a.pk}.csv")
        .status_code
        == 404
    )
    assert (
        client_for(world.users["aa_in"])
        .get(f"/office/funding/statements/2026Q2/{world.a.pk}.xls")
        .status_code
        == 404
    )
