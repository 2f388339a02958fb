"""The settlement's shortcuts agree with the plain rules: `Evaluator` with `evaluate` on any line, and
the validated figures with `encode`d problems as stored."""

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from g287.funding.fiscal import Quarter
from g287.funding.models import RuleSet
from g287.funding.validation import Evaluator, LineFacts, encode, evaluate

cents = st.integers(min_value=0, max_value=20_000_000)
models = st.lists(st.sampled_from(["JEM", "TFM", "WSO"]), unique=True, max_size=3).map(tuple)


@settings(max_examples=500)
@given(
    quarter=st.builds(Quarter, st.integers(2026, 2030), st.integers(1, 4)),
    salary=cents,
    benefits=cents,
    overtime=cents,
    annual=cents,
    officer_models=models,
    reimbursable=st.lists(st.sampled_from(["JEM", "TFM", "WSO"]), unique=True, min_size=1),
    salary_bp=st.integers(0, 10_000),
    cap_bp=st.integers(0, 10_000),
    certified_share=st.integers(0, 100),
    elsewhere=st.integers(0, 10_000_000),
    badge=st.text(max_size=8),
)
def test_evaluator_equals_evaluate(
    quarter: Quarter,
    salary: int,
    benefits: int,
    overtime: int,
    annual: int,
    officer_models: tuple[str, ...],
    reimbursable: list[str],
    salary_bp: int,
    cap_bp: int,
    certified_share: int,
    elsewhere: int,
    badge: str,
) -> None:
    rules = RuleSet(
        fiscal_year=quarter.fiscal_year,
        salary_benefits_bp=salary_bp,
        overtime_cap_bp=cap_bp,
        reimbursable_models=reimbursable,
    )
    # Certified all quarter half the time, so the shortcut is taken often.
    certified = quarter.days if certified_share >= 50 else quarter.days * certified_share // 50
    facts = (1, 2, 3, badge, officer_models, salary, benefits, overtime, annual)
    expected = evaluate(
        LineFacts(1, 2, 3, f"Officer {badge}", officer_models, salary, benefits, overtime, annual),
        rules,
        quarter,
        certified,
        elsewhere,
    )
    assert Evaluator(rules, quarter)(facts, certified, elsewhere) == (
        expected.eligible_overtime,
        expected.eligible,
        expected.problems,
    )


@given(st.lists(st.dictionaries(st.sampled_from(["code", "message"]), st.text(), min_size=2)))
def test_encode_round_trips(problems: list[dict[str, Any]]) -> None:
    import json

    assert json.loads(encode(problems)) == problems
    assert encode([]) == "[]"
