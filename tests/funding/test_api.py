"""The API per role (in and out of scope, reviewer, auditor read-only, anonymous), idempotent filing,
and bad input answered with 4xx and field errors, never 500."""

import json
from typing import Any

import pytest
from django.test import Client

from g287.funding.models import Claim
from g287.funding.models import RuleSet as _RuleSet
from tests.funding.conftest import make_officer

URL = "/api/funding"


def client_for(user: Any) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def body(world: Any, officer_id: int, **extra: Any) -> dict[str, Any]:
    return {
        "agency_id": world.a.pk,
        "quarter": "2026Q2",
        "lines": [
            {
                "officer_id": officer_id,
                "salary_cents": 1_500_000,
                "benefits_cents": 500_000,
                "overtime_cents": 0,
                "annual_salary_cents": 6_000_000,
            }
        ],
        **extra,
    }


def post(client: Client, path: str, data: Any, **headers: str) -> Any:
    return client.post(f"{URL}{path}", json.dumps(data), content_type="application/json", headers=headers)


ROLE_CAN_FILE = {
    "program_admin": 201,
    "aa_in": 201,
    "aa_out": 404,
    "program_reviewer": 403,
    "auditor": 403,
    "fs_in": 403,
    "no_role": 403,
    "anonymous": 401,
}


@pytest.mark.parametrize(("role", "status"), sorted(ROLE_CAN_FILE.items()))
def test_filing_per_role(world: Any, rules: _RuleSet, role: str, status: int) -> None:
    officer = make_officer(world.a, "T-1")
    response = post(client_for(world.users[role]), "/claims", body(world, officer.pk))
    assert response.status_code == status, response.content
    assert Claim.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("aa_in", True),
        ("aa_out", False),
        ("program_reviewer", True),
        ("auditor", True),
        ("fs_in", True),
        ("fs_out", False),
    ],
)
def test_reading_per_role(world: Any, rules: _RuleSet, role: str, sees: bool) -> None:
    officer = make_officer(world.a, "T-1")
    claim_id = post(client_for(world.users["aa_in"]), "/claims", body(world, officer.pk)).json()["id"]
    client = client_for(world.users[role])
    assert client.get(f"{URL}/claims/{claim_id}").status_code == (200 if sees else 404)
    assert client.get(f"{URL}/claims").json()["count"] == (1 if sees else 0)


def test_anonymous_and_auditor(world: Any, rules: _RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    claim_id = post(client_for(world.users["aa_in"]), "/claims", body(world, officer.pk)).json()["id"]
    assert client_for(None).get(f"{URL}/claims/{claim_id}").status_code == 401
    auditor = client_for(world.users["auditor"])
    for path in ("review", "approve"):
        assert post(auditor, f"/claims/{claim_id}/{path}", {}).status_code == 403
    assert post(auditor, f"/claims/{claim_id}/reject", {"reason": "x"}).status_code == 403
    assert (
        post(
            auditor,
            "/rules",
            {"fiscal_year": 2026, "effective_from": "2026-01-01", "changes": {"overtime_cap_bp": 1}},
        ).status_code
        == 403
    )


def test_review_approve_pay_over_api(world: Any, rules: _RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    claim_id = post(client_for(world.users["aa_in"]), "/claims", body(world, officer.pk)).json()["id"]
    reviewer = client_for(world.users["program_reviewer"])
    assert post(reviewer, f"/claims/{claim_id}/review", {}).json()["status"] == "in_review"
    approved = post(reviewer, f"/claims/{claim_id}/approve", {}).json()
    assert approved["claim"]["status"] == "approved" and approved["claim"]["approved_cents"] == 2_000_000
    admin = client_for(world.users["program_admin"])
    paid = post(admin, f"/claims/{claim_id}/pay", {"reference": "T-1", "paid_on": "2026-05-01"})
    assert paid.json()["status"] == "paid"
    again = post(admin, f"/claims/{claim_id}/pay", {"reference": "T-2", "paid_on": "2026-05-01"})
    assert again.status_code == 422 and "already paid" in again.content.decode()
    totals = client_for(None).get(f"{URL}/public/totals?fiscal_year=2026").json()["results"]
    assert totals == [
        {
            "fiscal_year": 2026,
            "quarter": 2,
            "state": "TX",
            "agency_id": world.a.pk,
            "agency_name": world.a.name,
            "reimbursements_approved_cents": 2_000_000,
            "awards_cents": 0,
            "approved_cents": 2_000_000,
            "paid_cents": 2_000_000,
        }
    ]
    assert "officer" not in json.dumps(totals)
    # The public page's chart has a table twin with the same figures.
    page = client_for(None).get("/funding/").content.decode()
    twin = page[page.index('id="by-quarter"') : page.index("</table>", page.index('id="by-quarter"'))]
    assert '<th scope="row">2026Q2</th><td>$20,000.00</td><td>$20,000.00</td>' in twin


def test_idempotency_key(world: Any, rules: _RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    client = client_for(world.users["aa_in"])
    first = post(client, "/claims", body(world, officer.pk), **{"Idempotency-Key": "abc-1"})
    again = post(client, "/claims", body(world, officer.pk), **{"Idempotency-Key": "abc-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and again.json()["replayed"]
    assert Claim.objects.count() == 1
    other = body(world, officer.pk)
    other["lines"][0]["salary_cents"] = 1
    clash = post(client, "/claims", other, **{"Idempotency-Key": "abc-1"})
    assert clash.status_code == 422 and "idempotency_key" in clash.content.decode()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"quarter": "2026Q9"}, "quarter"),
        ({"quarter": ""}, "quarter"),
        ({"lines": []}, "lines"),
        ({"agency_id": ""}, "agency_id"),
        (
            {
                "lines": [
                    {
                        "officer_id": 1,
                        "salary_cents": -5,
                        "benefits_cents": 0,
                        "overtime_cents": 0,
                        "annual_salary_cents": 0,
                    }
                ]
            },
            "salary_cents",
        ),
        ({"lines": [{"officer_id": "x"}]}, "officer_id"),
        (
            {
                "lines": [
                    {
                        "officer_id": 999999,
                        "salary_cents": 5,
                        "benefits_cents": 0,
                        "overtime_cents": 0,
                        "annual_salary_cents": 0,
                    }
                ]
            },
            "officer_id",
        ),
        ({"quarter": "2031Q1"}, "quarter"),
    ],
)
def test_bad_input_is_4xx(world: Any, rules: _RuleSet, change: dict[str, Any], field: str) -> None:
    officer = make_officer(world.a, "T-1")
    response = post(client_for(world.users["aa_in"]), "/claims", {**body(world, officer.pk), **change})
    assert 400 <= response.status_code < 500, response.content
    assert field in response.content.decode()


def test_bad_json_and_unknown_ids(world: Any, rules: _RuleSet) -> None:
    client = client_for(world.users["program_admin"])
    response = client.post(f"{URL}/claims", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert post(client, "/claims/999999/approve", {}).status_code == 404
    assert client.get(f"{URL}/claims?quarter=nope").status_code == 422
    assert client.get(f"{URL}/budget?fiscal_year=2026&by=county").status_code == 422
    assert client.get(f"{URL}/budget?fiscal_year=2026").status_code == 200
    assert client_for(None).get(f"{URL}/public/totals?state=TEXAS").status_code == 422


def test_pages(world: Any, rules: _RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    claim_id = post(client_for(world.users["aa_in"]), "/claims", body(world, officer.pk)).json()["id"]
    public = client_for(None).get("/funding/")
    assert public.status_code == 200
    assert "Where the 287(g) money goes" in public.content.decode()
    assert "T-1" not in public.content.decode()  # no officer on the public page
    assert client_for(None).get("/office/funding/").status_code == 302
    assert client_for(world.users["aa_out"]).get(f"/office/funding/claims/{claim_id}/").status_code == 404
    auditor = client_for(world.users["auditor"])
    assert auditor.get(f"/office/funding/claims/{claim_id}/").status_code == 200
    assert auditor.post(f"/office/funding/claims/{claim_id}/approve/").status_code == 403
    # A year the page cannot show is refused with the reason, over the current year's budget: never a 500.
    for year in ("abc", "0", "10001", "1999", "3000"):
        refused = auditor.get(f"/office/funding/budget/?fy={year}")
        assert refused.status_code == 400, year
        assert "fy: the fiscal year must be a year from 2000 to 2999" in refused.content.decode()
    assert auditor.get("/office/funding/budget/?fy=2026").status_code == 200
    assert auditor.get("/office/funding/budget/").status_code == 200


def test_adjusting_with_an_impossible_amount_changes_nothing(world: Any, rules: _RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    claim_id = post(client_for(world.users["aa_in"]), "/claims", body(world, officer.pk)).json()["id"]
    reviewer = client_for(world.users["program_reviewer"])
    assert reviewer.post(f"/office/funding/claims/{claim_id}/review/").status_code == 302
    line = Claim.objects.get(pk=claim_id).lines.get()
    assert line.approved_cents is None
    page = reviewer.post(
        f"/office/funding/claims/{claim_id}/adjust/",
        {"line": str(line.pk), "approved": "1e9999", "reason": "Typo in the amount."},
    )
    assert page.status_code == 400  # the page again, with what was typed
    shown = [str(m) for m in page.context["messages"]]
    assert shown[-1].startswith("The adjustment was not saved. Approve: "), shown
    assert 'value="Typo in the amount."' in page.content.decode()
    line.refresh_from_db()
    assert line.approved_cents is None
    assert Claim.objects.get(pk=claim_id).status == "in_review"


def test_the_budget_shows_an_agency_administrator_only_their_own_money(world: Any, rules: _RuleSet) -> None:
    """An agency's administrator sees their own agency's budget row, never another agency's pending
    or projected money (found by fuzzing: every agency's rows were shown)."""
    officer = make_officer(world.a, "T-1")
    assert post(client_for(world.users["aa_in"]), "/claims", body(world, officer.pk)).status_code == 201

    def rows(role: str, by: str) -> set[str]:
        api = client_for(world.users[role]).get(f"{URL}/budget?fiscal_year=2026&by={by}").json()["rows"]
        return {r["key"] for r in api}

    def page(role: str) -> str:
        return client_for(world.users[role]).get("/office/funding/budget/?fy=2026&by=agency").content.decode()

    assert world.a.pk in rows("program_admin", "agency")
    assert world.a.pk in rows("auditor", "agency")
    assert world.a.pk not in rows("aa_out", "agency")
    assert "TX" not in rows("aa_out", "state")
    assert world.a.pk in rows("aa_in", "agency")
    assert world.b.pk not in rows("aa_in", "agency")
    assert "Alpha County" in page("program_admin")
    assert "Alpha County" not in page("aa_out")


def test_an_enormous_lead_count_is_refused_by_name(world: Any, rules: _RuleSet) -> None:
    """Found by fuzzing: 10**30 leads reached the database, which answered with a 500."""
    client = client_for(world.users["aa_in"])
    report = {"agency_id": world.a.pk, "quarter": "2026Q2", "leads_provided": 10**30, "leads_located": 1}
    response = post(client, "/reports", report)
    assert response.status_code == 422
    assert "leads_provided" in response.content.decode()


def test_a_line_is_removed_only_through_its_own_claim(world: Any, rules: _RuleSet) -> None:
    """Found by fuzzing: removing line L through another draft claim's page removed L anyway."""
    from g287.funding.fiscal import Quarter
    from g287.funding.models import ClaimLine
    from g287.funding.services import claims as svc

    officer = make_officer(world.a, "T-1")
    aa = world.users["aa_in"]
    first, second = (svc.open_claim(aa, world.a.pk, Quarter(2026, n)) for n in (1, 2))
    line = svc.set_line(aa, first.pk, svc.LineInput(officer.pk, 1_000_000, 0, 0, 6_000_000), check=False)
    client = client_for(aa)
    refused = client.post(f"/office/funding/claims/{second.pk}/remove/", {"line": line.pk}, follow=True)
    assert "This line belongs to another claim." in refused.content.decode()
    assert ClaimLine.objects.filter(pk=line.pk).exists()
    client.post(f"/office/funding/claims/{first.pk}/remove/", {"line": line.pk})
    assert not ClaimLine.objects.filter(pk=line.pk).exists()
