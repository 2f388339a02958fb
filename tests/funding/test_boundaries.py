"""Every funding threshold at its edge, with the fiscal year's rule data (never constants): the award
tiers, the overtime cap within and across quarters, certified days at a quarter's first and last day,
and the fiscal quarters' first and last days. The clock is frozen: none of this may depend on today."""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine

from g287.funding import money
from g287.funding.awards import compute_awards, report_leads
from g287.funding.fiscal import Quarter, fiscal_year_of, fy_start
from g287.funding.models import ClaimStatus, Eligibility, RuleSet
from g287.funding.rules import tiers_of
from g287.funding.services import claims as svc
from tests.funding.conftest import make_officer

Q1, Q2 = Quarter(2026, 1), Quarter(2026, 2)  # Oct-Dec 2025, Jan-Mar 2026
ANNUAL = 6_000_000  # $60,000 a year


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(date(2026, 5, 12), tick=False):
        yield


def line(officer_id: int, overtime: int, salary: int = 1_500_000) -> svc.LineInput:
    return svc.LineInput(officer_id, salary, 500_000, overtime, ANNUAL)


def filed(world: Any, quarter: Quarter, *lines: svc.LineInput) -> Any:
    return svc.file_claim(world.users["aa_in"], world.a.pk, quarter, list(lines), True, None).claim


def approved(world: Any, claim: Any) -> Any:
    reviewer = world.users["program_reviewer"]
    svc.start_review(reviewer, claim.pk)
    svc.approve(reviewer, claim.pk)
    claim.refresh_from_db()
    return claim


def cap_of(rules: RuleSet) -> int:
    return money.rate(ANNUAL, rules.overtime_cap_bp)


# The overtime cap -----------------------------------------------------------------------------------


def test_overtime_exactly_at_the_cap_is_all_eligible(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    claim = filed(world, Q2, line(officer.pk, cap_of(rules)))
    ln = claim.lines.get()
    assert (ln.eligible_overtime_cents, ln.problems) == (cap_of(rules), [])


def test_one_cent_over_the_cap_is_not_eligible(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    claim = filed(world, Q2, line(officer.pk, cap_of(rules) + 1))
    ln = claim.lines.get()
    assert ln.eligible_overtime_cents == cap_of(rules)
    assert [p["code"] for p in ln.problems] == ["overtime_cap"]
    assert f"capped at {money.dollars(cap_of(rules))} for FY2026" in ln.problems[0]["message"]
    assert "$0.01 of this quarter's overtime is not reimbursable" in ln.problems[0]["message"]


def test_overtime_cap_across_quarters(world: Any, rules: RuleSet) -> None:
    """Q1: 1¢ of overtime approved. Q2: the whole cap ($15,000 on $60,000 at FY2026's 25%) claimed:
    one cent of it is over the fiscal year's cap."""
    cap = cap_of(rules)
    officer = make_officer(world.a, "T-1")
    first = approved(world, filed(world, Q1, line(officer.pk, 1)))
    assert first.status == ClaimStatus.APPROVED and first.lines.get().eligible_overtime_cents == 1
    second = filed(world, Q2, line(officer.pk, cap))
    ln = second.lines.get()
    assert ln.eligible_overtime_cents == cap - 1
    assert ln.eligible_cents == money.rate(2_000_000, rules.salary_benefits_bp) + cap - 1
    assert [p["code"] for p in ln.problems] == ["overtime_cap"]
    assert "$0.01 is already claimed in other quarters" in ln.problems[0]["message"]
    assert second.eligible_cents == ln.eligible_cents


def test_a_returned_claim_frees_its_overtime(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    first = filed(world, Q1, line(officer.pk, 1))
    reviewer = world.users["program_reviewer"]
    svc.start_review(reviewer, first.pk)
    svc.return_claim(reviewer, first.pk, "Payroll missing.")
    second = filed(world, Q2, line(officer.pk, cap_of(rules)))
    assert second.lines.get().eligible_overtime_cents == cap_of(rules)


# Certified days ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("certified_from", "until", "days"),
    [
        (Q2.start, None, 90),  # from the quarter's first day: the whole quarter
        (Q2.start + timedelta(days=1), None, 89),
        (Q2.end, None, 1),  # from its last day: one day
        (Q2.end + timedelta(days=1), None, 0),  # from the day after: none
        # A certification ends on its end day: that day is no longer certified.
        (date(2025, 6, 1), Q2.start, 0),
        (date(2025, 6, 1), Q2.start + timedelta(days=1), 1),
        (date(2025, 6, 1), Q2.end, 89),
        (date(2025, 6, 1), Q2.end + timedelta(days=1), 90),
    ],
)
def test_certified_days_at_the_quarter_edges(
    world: Any, rules: RuleSet, certified_from: date, until: date | None, days: int
) -> None:
    officer = make_officer(world.a, "T-1", certified_from=certified_from, until=until)
    ln = filed(world, Q2, line(officer.pk, 0, salary=900_000)).lines.get()
    assert (ln.certified_days, ln.quarter_days) == (days, 90)
    prorated = money.prorate(900_000, days, 90) + money.prorate(500_000, days, 90)
    assert ln.eligible_cents == money.rate(prorated, rules.salary_benefits_bp)
    codes = [p["code"] for p in ln.problems]
    assert codes == ([] if days == 90 else ["not_certified"] if days == 0 else ["prorated"])


# Award tiers --------------------------------------------------------------------------------------------


def test_award_tiers_at_their_thresholds(world: Any, rules: RuleSet) -> None:
    """For each tier of the year's rules: the threshold exactly reaches it; one lead fewer does not."""
    tiers = tiers_of(rules)
    assert tiers, "FY2026 has award tiers"
    aa = world.users["aa_in"]
    provided = 10_000
    for index, tier in enumerate(tiers):
        below = tiers[index + 1].per_officer_cents if index + 1 < len(tiers) else 0
        at = tier.threshold_bp * provided // money.BASIS
        for located, expected in ((at, tier.per_officer_cents), (at - 1, below)):
            report_leads(aa, world.a.pk, Q2, provided, located)
            (row,) = (r for r in compute_awards(Q2, rules) if r.agency_id == world.a.pk)
            assert row.per_officer_cents == expected, (tier, located)
            assert row.eligible_officers == 1  # officer A, certified TFM all quarter
            assert row.amount_cents == expected


def test_award_eligibility_last_day_or_any_day(world: Any, rules: RuleSet) -> None:
    """An officer whose certification ended in the quarter counts only when the year's rules say
    "any day"; one certified from the quarter's last day counts either way. Another quarter's report
    or another agency's officers never count."""
    make_officer(world.a, "T-8", certified_from=date(2025, 6, 1), until=date(2026, 2, 1))
    make_officer(world.a, "T-9", certified_from=Q2.end)
    make_officer(world.b, "T-10", models="TFM")
    report_leads(world.users["aa_in"], world.a.pk, Q2, 10, 10)
    report_leads(world.users["aa_in"], world.a.pk, Q1, 10, 0)
    assert rules.eligibility == Eligibility.LAST_DAY
    (row,) = (r for r in compute_awards(Q2) if r.agency_id == world.a.pk)
    assert (row.eligible_officers, row.per_officer_cents) == (2, tiers_of(rules)[0].per_officer_cents)
    RuleSet.objects.filter(pk=rules.pk).update(eligibility=Eligibility.ANY_DAY)
    (row,) = (r for r in compute_awards(Q2) if r.agency_id == world.a.pk)
    assert row.eligible_officers == 3 and row.amount_cents == 3 * tiers_of(rules)[0].per_officer_cents
    assert [r.leads_located for r in compute_awards(Q1) if r.agency_id == world.a.pk] == [0]


# Fiscal quarters ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2025, 9, 30), Quarter(2025, 4)),
        (date(2025, 10, 1), Quarter(2026, 1)),
        (date(2025, 12, 31), Quarter(2026, 1)),
        (date(2026, 1, 1), Quarter(2026, 2)),
        (date(2026, 3, 31), Quarter(2026, 2)),
        (date(2026, 4, 1), Quarter(2026, 3)),
        (date(2026, 6, 30), Quarter(2026, 3)),
        (date(2026, 7, 1), Quarter(2026, 4)),
        (date(2026, 9, 30), Quarter(2026, 4)),
    ],
)
def test_fiscal_quarter_edges(day: date, quarter: Quarter) -> None:
    assert Quarter.of(day) == quarter
    assert quarter.start <= day <= quarter.end
    assert fiscal_year_of(day) == quarter.fiscal_year
    assert fy_start(quarter.fiscal_year) <= day < fy_start(quarter.fiscal_year + 1)


def test_quarter_days_and_leap_years() -> None:
    assert [q.days for q in (Quarter(2024, 2), Quarter(2025, 2), Quarter(2026, 1))] == [91, 90, 92]
    assert (Quarter(2026, 4).next(), Quarter(2026, 1).previous()) == (Quarter(2027, 1), Quarter(2025, 4))
    assert (Quarter(2026, 2).start, Quarter(2026, 2).end) == (date(2026, 1, 1), date(2026, 3, 31))
