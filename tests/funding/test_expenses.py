"""Equipment and vehicle lines on TFM claims: capped per fiscal year by the rule set's data ($7,500 per
officer and $100,000 per agency for FY2026, seeded by funding migration 0002), validated with the
claim, approved and paid like the salary lines."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from g287.core.models import AuditEntry
from g287.funding.fiscal import Quarter
from g287.funding.models import ClaimStatus, ExpenseLine, Payment, RuleSet
from g287.funding.services import claims as svc
from g287.funding.services.expenses import add_expense, remove_expense
from g287.funding.services.settlement import settle
from tests.accounts.fixtures import make_agency
from tests.funding.conftest import make_officer

pytestmark = pytest.mark.django_db
Q1, Q2 = Quarter(2026, 1), Quarter(2026, 2)


def claim_with(
    world: Any, quarter: Quarter, *expenses: tuple[str, int, int | None], submit: bool = True
) -> Any:
    aa = world.users["aa_in"]
    claim = svc.open_claim(aa, world.a.pk, quarter)
    for kind, amount, officer_id in expenses:
        add_expense(aa, claim.pk, kind, amount, f"Demo {kind}", officer_id)
    if submit:
        svc.submit(aa, claim.pk)
    claim.refresh_from_db()
    return claim


def lines(claim: Any) -> list[tuple[int, list[str]]]:
    return [(e.eligible_cents, [p["code"] for p in e.problems]) for e in claim.expenses.order_by("id")]


def test_equipment_capped_per_officer_per_fiscal_year(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "E-1")
    first = claim_with(world, Q1, ("equipment", 500_000, officer.pk))
    assert lines(first) == [(500_000, [])] and first.eligible_cents == 500_000
    # $5,000 already held in Q1: of $4,000 more in Q2, $2,500 fits under the $7,500 cap.
    second = claim_with(world, Q2, ("equipment", 400_000, officer.pk))
    assert lines(second) == [(250_000, ["equipment_cap"])]
    assert "$7,500.00" in second.expenses.get().problems[0]["message"]
    assert second.requested_cents == 400_000 and second.eligible_cents == 250_000


def test_equipment_exactly_at_the_cap_is_whole(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "E-2")
    claim = claim_with(world, Q1, ("equipment", 500_000, officer.pk), ("equipment", 250_000, officer.pk))
    assert lines(claim) == [(500_000, []), (250_000, [])]
    over = claim_with(world, Q2, ("equipment", 1, officer.pk))
    assert lines(over) == [(0, ["equipment_cap"])]


def test_vehicles_capped_per_agency(world: Any, rules: RuleSet) -> None:
    claim = claim_with(world, Q1, ("vehicle", 6_000_000, None), ("vehicle", 6_000_000, None))
    assert lines(claim) == [(6_000_000, []), (4_000_000, ["vehicle_cap"])]
    assert claim.eligible_cents == 10_000_000


def test_caps_are_rule_data(world: Any, rules: RuleSet) -> None:
    RuleSet.objects.filter(pk=rules.pk).update(
        equipment_per_officer_cents=300_000, vehicles_per_agency_cents=0
    )
    officer = make_officer(world.a, "E-3")
    claim = claim_with(world, Q1, ("equipment", 500_000, officer.pk), ("vehicle", 100, None))
    assert lines(claim) == [(300_000, ["equipment_cap"]), (0, ["vehicle_cap"])]


def test_only_tfm_agencies_and_certified_officers(world: Any, rules: RuleSet) -> None:
    uncertified = make_officer(world.a, "E-4", certified_from=None)
    claim = claim_with(world, Q1, ("equipment", 100_000, uncertified.pk))
    assert lines(claim) == [(0, ["not_certified"])]
    jail = make_agency("TX-jail-only-sheriffs-office", "TX", "Jail Only Sheriff's Office", ["JEM"])
    admin = world.users["program_admin"]
    other = svc.open_claim(admin, jail.pk, Q1)
    add_expense(admin, other.pk, "vehicle", 100_000, "Van")
    svc.submit(admin, other.pk)
    assert [e.problems[0]["code"] for e in other.expenses.all()] == ["model_not_eligible"]


def test_input_errors_name_the_field(world: Any, rules: RuleSet) -> None:
    aa = world.users["aa_in"]
    claim = svc.open_claim(aa, world.a.pk, Q1)
    with pytest.raises(ValidationError) as err:
        add_expense(aa, claim.pk, "equipment", 0, " ", None)
    assert set(err.value.message_dict) == {"amount_cents", "description", "officer_id"}
    with pytest.raises(ValidationError) as err:
        add_expense(aa, claim.pk, "vehicle", 100, "Car", world.officer_a.pk)
    assert "officer_id" in err.value.message_dict
    line = add_expense(aa, claim.pk, "vehicle", 100, "Car")
    remove_expense(aa, line.pk)
    assert not ExpenseLine.objects.filter(pk=line.pk).exists()
    assert AuditEntry.objects.filter(object_type="funding.ExpenseLine").count() == 2


def test_approved_and_paid_with_the_claim(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "E-5")
    claim = claim_with(world, Q1, ("equipment", 300_000, officer.pk), ("vehicle", 2_500_000, None))
    reviewer = world.users["program_reviewer"]
    svc.start_review(reviewer, claim.pk)
    svc.approve(reviewer, claim.pk)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.approved_cents == 2_800_000
    assert {e.approved_cents for e in claim.expenses.all()} == {300_000, 2_500_000}
    settle(Q1, out=None, progress=False)
    paid = Payment.objects.get(claim=claim)
    assert paid.amount_cents == 2_800_000 and paid.paid_on <= date.today()


def test_claim_page_adds_and_shows_lines(world: Any, rules: RuleSet) -> None:
    from django.test import Client

    officer = make_officer(world.a, "E-6")
    aa = world.users["aa_in"]
    claim = svc.open_claim(aa, world.a.pk, Q1)
    client = Client()
    client.force_login(aa)
    url = f"/office/funding/claims/{claim.pk}/"
    client.post(
        url + "expense/",
        {
            "kind": "equipment",
            "expense_officer": str(officer.pk),
            "amount": "8,000.00",
            "description": "Laptop",
        },
    )
    client.post(
        url + "expense/", {"kind": "vehicle", "expense_officer": "", "amount": "", "description": "Van"}
    )
    assert [(e.kind, e.amount_cents) for e in claim.expenses.all()] == [("equipment", 800_000)]
    client.post(url + "submit/")
    page = client.get(url).content.decode()
    assert 'data-expense="equipment"' in page and "Laptop" in page and "$7,500.00" in page
