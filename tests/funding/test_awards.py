from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from g287.funding.awards import per_officer
from g287.funding.rules import Tier

TIERS = [Tier(9000, 100_000), Tier(8000, 75_000), Tier(7000, 50_000)]


@pytest.mark.parametrize(
    ("located", "provided", "cents"),
    [
        (6999, 10000, 0),
        (7000, 10000, 50_000),
        (7999, 10000, 50_000),
        (8000, 10000, 75_000),
        (8999, 10000, 75_000),
        (9000, 10000, 100_000),
        (10000, 10000, 100_000),
        (0, 0, 0),
        (7, 10, 50_000),
        (2, 3, 0),  # 66.67%
        (699999, 1000000, 0),
        (10001, 10000, 0),  # more located than provided: a wrong report earns nothing
        (-1, 10, 0),
        (5, -10, 0),
    ],
)
def test_exact_boundaries(located: int, provided: int, cents: int) -> None:
    assert per_officer(located, provided, TIERS) == cents


@given(st.integers(1, 10**9), st.data())
def test_tier_matches_exact_fraction(provided: int, data: st.DataObject) -> None:
    located = data.draw(st.integers(0, provided))
    ratio = Fraction(located, provided)
    expected = 0
    for threshold, cents in (
        (Fraction(9, 10), 100_000),
        (Fraction(8, 10), 75_000),
        (Fraction(7, 10), 50_000),
    ):
        if ratio >= threshold:
            expected = cents
            break
    assert per_officer(located, provided, TIERS) == expected
