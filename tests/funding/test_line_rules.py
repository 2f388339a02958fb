"""The rules for one claim line, as the reviewer and the agency read them: each finding's exact text and
the amounts at every edge (certified days, the overtime cap, the annual salary). No database: the rules
are plain arithmetic on the line's figures and the year's rule data."""

from typing import Any

import pytest

from g287.funding.fiscal import Quarter
from g287.funding.models import RuleSet
from g287.funding.validation import LineFacts, LineResult, evaluate

Q2 = Quarter(2026, 2)  # 90 days
ANNUAL = 6_000_000  # $60,000.00: the 25% overtime cap is $15,000.00


def rules(**changes: Any) -> RuleSet:
    values: dict[str, Any] = {
        "fiscal_year": 2026,
        "reimbursable_models": ["TFM"],
        "overtime_cap_bp": 2_500,
        "salary_benefits_bp": 10_000,
    }
    return RuleSet(**{**values, **changes})


def facts(
    models: tuple[str, ...] = ("TFM",),
    salary: int = 1_000_000,
    benefits: int = 300_000,
    overtime: int = 100_000,
    annual: int = ANNUAL,
) -> LineFacts:
    return LineFacts(1, 2, 3, "Officer B-7", models, salary, benefits, overtime, annual)


def test_a_line_within_every_rule_is_paid_in_full() -> None:
    assert evaluate(facts(), rules(), Q2, 90, 0) == LineResult(90, 90, 100_000, 1_400_000, [])


@pytest.mark.parametrize(
    ("models", "reimbursed", "serves", "list_"),
    [
        (("JEM",), ["TFM"], "JEM", "TFM"),
        ((), ["TFM"], "no model", "TFM"),
        (("JEM", "WSO"), ["TFM", "TFM2"], "JEM, WSO", "TFM, TFM2"),
    ],
)
def test_an_officer_under_no_reimbursed_model_gets_nothing(
    models: tuple[str, ...], reimbursed: list[str], serves: str, list_: str
) -> None:
    result = evaluate(facts(models), rules(reimbursable_models=reimbursed), Q2, 90, 0)
    assert result == LineResult(
        90,
        90,
        0,
        0,
        [
            {
                "code": "model_not_eligible",
                "message": f"Officer B-7 serves under {serves}; FY2026 rules reimburse {list_} officers only. "
                "Remove the line.",
            }
        ],
    )


def test_an_officer_certified_on_no_day_gets_nothing() -> None:
    result = evaluate(facts(("WSO", "TFM", "JEM")), rules(reimbursable_models=["TFM", "WSO"]), Q2, 0, 0)
    assert result == LineResult(
        0,
        90,
        0,
        0,
        [
            {
                "code": "not_certified",
                "message": "Officer B-7 was not certified (TFM/WSO) on any day of 2026Q2: nothing can be "
                "reimbursed. Check the certification dates with the field office.",
            }
        ],
    )


@pytest.mark.parametrize("certified", [1, 45, 89])
def test_part_of_the_quarter_is_prorated_by_day(certified: int) -> None:
    def part(cents: int) -> int:  # rounded half up, as money.prorate does
        return (2 * cents * certified + 90) // 180

    result = evaluate(facts(), rules(), Q2, certified, 0)
    assert result.problems == [
        {
            "code": "prorated",
            "message": f"Officer B-7 was certified {certified} of the 90 days of 2026Q2: salary, benefits and "
            f"overtime are reimbursed for those days only ({certified}/90).",
        }
    ]
    assert (result.certified_days, result.quarter_days) == (certified, 90)
    assert result.eligible_overtime == part(100_000)
    assert result.eligible == part(1_000_000) + part(300_000) + part(100_000)


def test_salary_and_benefits_share_follows_the_rules() -> None:
    result = evaluate(facts(), rules(salary_benefits_bp=7_500), Q2, 90, 0)
    assert (result.eligible_overtime, result.eligible) == (100_000, 975_000 + 100_000)


@pytest.mark.parametrize(
    ("overtime", "elsewhere", "allowed"),
    [
        (1_500_000, 0, 1_500_000),  # exactly the cap
        (500_000, 1_000_000, 500_000),  # exactly what the other quarters left
        (500_001, 1_000_000, 500_000),  # one cent over
        (100_000, 1_500_000, 0),  # nothing left
        (100_000, 2_000_000, 0),  # other quarters already over the cap: nothing, never less than nothing
    ],
)
def test_overtime_is_capped_across_the_fiscal_year(overtime: int, elsewhere: int, allowed: int) -> None:
    result = evaluate(facts(overtime=overtime), rules(), Q2, 90, elsewhere)
    assert (result.eligible_overtime, result.eligible) == (allowed, 1_300_000 + allowed)
    if allowed == overtime:
        assert result.problems == []
    else:
        assert result.problems == [
            {
                "code": "overtime_cap",
                "message": "Overtime for Officer B-7 is capped at $15,000.00 for FY2026 (25% of the annual "
                f"salary of $60,000.00); ${elsewhere // 100:,}.00 is already claimed in other quarters, leaving "
                f"${allowed // 100:,}.{allowed % 100:02d} for the rest of the year, so "
                f"${(overtime - allowed) // 100:,}.{(overtime - allowed) % 100:02d} of this quarter's overtime "
                "is not reimbursable.",
            }
        ]


def test_a_fractional_cap_is_shown_as_written() -> None:
    result = evaluate(facts(overtime=2_000_000), rules(overtime_cap_bp=2_550), Q2, 90, 0)
    assert "capped at $15,300.00 for FY2026 (25.5% of the annual salary" in result.problems[0]["message"]


def test_a_quarter_s_salary_above_the_annual_figure_is_flagged() -> None:
    assert evaluate(facts(salary=ANNUAL), rules(), Q2, 90, 0).problems == []
    result = evaluate(facts(salary=ANNUAL + 1), rules(), Q2, 90, 0)
    assert result.problems == [
        {
            "code": "salary_over_annual",
            "message": "The quarter's salary for Officer B-7 ($60,000.01) is more than the annual salary "
            "given ($60,000.00): check both figures.",
        }
    ]
    assert result.eligible == ANNUAL + 1 + 300_000 + 100_000  # flagged for a person, not cut
