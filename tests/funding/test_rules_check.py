"""The rule-set check names every field a person must fix, whatever JSON the API was sent."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from g287.funding.models import RuleSet
from g287.funding.rules import EDITABLE, check


def valid() -> dict[str, Any]:
    return {name: getattr(RuleSet(), name) for name in EDITABLE}


def test_defaults_pass() -> None:
    check(valid())


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"overtime_cap_bp": 10_001}, "overtime_cap_bp"),
        ({"salary_benefits_bp": True}, "salary_benefits_bp"),
        ({"vehicles_per_agency_cents": -1}, "vehicles_per_agency_cents"),
        ({"award_tiers": [[0, 100]]}, "award_tiers"),
        ({"award_tiers": [[50, 100], [50, 200]]}, "award_tiers"),
        ({"award_tiers": [[50, True]]}, "award_tiers"),
        ({"award_models": [["JEM"]]}, "award_models"),  # unhashable: an error, not a crash
        ({"reimbursable_models": []}, "reimbursable_models"),
        ({"eligibility": "anyone"}, "eligibility"),
    ],
)
def test_each_bad_value_is_named(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check({**valid(), **change})
    assert set(caught.value.message_dict) == {field}
