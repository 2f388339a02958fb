from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from g287.funding import money
from g287.funding.fiscal import Quarter, fiscal_year_of, quarters_of


def test_parse_and_format() -> None:
    assert money.parse_dollars("$1,234.56") == 123456
    assert money.parse_dollars("0.1") == 10
    assert money.dollars(123456) == "$1,234.56"
    assert money.dollars(-5) == "-$0.05"
    for bad in ("abc", "1.234", "NaN", "", "1e999999"):
        with pytest.raises(ValueError):
            money.parse_dollars(bad)


@given(st.integers(-(10**12), 10**12), st.lists(st.integers(0, 10**6), min_size=1, max_size=30))
def test_split_sums_to_total(total: int, weights: list[int]) -> None:
    if sum(weights) == 0:
        with pytest.raises(ValueError):
            money.split(total, weights)
        return
    parts = money.split(total, weights)
    assert sum(parts) == total
    assert len(parts) == len(weights)
    # Each part is within one cent of its exact share.
    for part, weight in zip(parts, weights, strict=True):
        exact = abs(total) * weight / sum(weights)
        assert abs(abs(part) - exact) < 1 + 1e-6


@given(st.integers(0, 10**10), st.integers(0, 92), st.integers(1, 92))
def test_prorate_rounds_half_up(amount: int, num: int, den: int) -> None:
    num = min(num, den)
    result = money.prorate(amount, num, den)
    assert abs(result * den - amount * num) * 2 <= den
    assert 0 <= result <= amount


def test_quarters() -> None:
    q = Quarter.parse("2026Q1")
    assert (q.start, q.end, q.days) == (date(2025, 10, 1), date(2025, 12, 31), 92)
    assert Quarter.parse("FY2026-Q2").start == date(2026, 1, 1)
    assert Quarter(2026, 4).end == date(2026, 9, 30)
    assert str(Quarter(2026, 4).next()) == "2027Q1"
    assert [str(x) for x in quarters_of(2026)] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
    for bad in ("2026Q5", "Q1", "2026", "x"):
        with pytest.raises(ValueError):
            Quarter.parse(bad)


@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)))
def test_every_day_in_its_quarter(day: date) -> None:
    q = Quarter.of(day)
    assert q.start <= day <= q.end
    assert q.fiscal_year == fiscal_year_of(day)
    assert Quarter.of(q.end + timedelta(days=1)) == q.next()
