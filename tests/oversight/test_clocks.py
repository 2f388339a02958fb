"""The clock arithmetic: 48 hours not counting weekends and federal holidays, 30 and 90 days."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from g287.oversight.business_time import add_business_time, business_time_between
from g287.oversight.clocks import notice_deadline, outcome_report_deadline, resolution_deadline
from g287.oversight.holidays import federal_holidays, is_business_day, nth_weekday
from tests.oversight.helpers import local

H48 = timedelta(hours=48)
moments = st.datetimes(min_value=datetime(2019, 1, 1), max_value=datetime(2030, 12, 31))
amounts = st.integers(min_value=0, max_value=24 * 20).map(lambda h: timedelta(hours=h))


def test_known_holidays() -> None:
    assert date(2025, 11, 27) in federal_holidays(2025)  # Thanksgiving
    assert date(2026, 7, 3) in federal_holidays(2026)  # July 4th on a Saturday, observed Friday
    assert date(2021, 12, 31) in federal_holidays(2021)  # New Year's 2022 on a Saturday
    assert date(2022, 1, 1) not in federal_holidays(2022)
    assert date(2027, 6, 18) in federal_holidays(2027)  # Juneteenth on a Saturday
    assert date(2020, 6, 19) not in federal_holidays(2020)  # before Juneteenth was a holiday
    assert len(federal_holidays(2025)) == 11
    assert nth_weekday(2025, 5, 0, -1) == date(2025, 5, 26)


@given(st.integers(min_value=1990, max_value=2100))
def test_eleven_holidays_a_year_on_weekdays(year: int) -> None:
    days = federal_holidays(year)
    # Eleven holidays since Juneteenth (2021), ten before; less New Year's Day when it falls on a
    # Saturday (observed the December before), plus the next one's when that does.
    expected = (11 if year >= 2021 else 10) - (date(year, 1, 1).weekday() == 5)
    expected += date(year + 1, 1, 1).weekday() == 5
    assert len(days) == expected
    assert all(d.weekday() < 5 and d.year == year for d in days)


def test_friday_afternoon_runs_to_tuesday() -> None:
    assert add_business_time(datetime(2025, 3, 7, 15, 0), H48) == datetime(2025, 3, 11, 15, 0)


def test_saturday_runs_to_end_of_tuesday() -> None:
    assert add_business_time(datetime(2025, 3, 8, 10, 0), H48) == datetime(2025, 3, 12, 0, 0)


def test_thanksgiving_is_skipped() -> None:
    # Wednesday before Thanksgiving 2025, 09:00: Wed 15h, Thu holiday, Fri 24h, weekend, Mon 9h.
    assert add_business_time(datetime(2025, 11, 26, 9, 0), H48) == datetime(2025, 12, 1, 9, 0)


def test_notice_deadline_uses_local_time() -> None:
    # 15:00 in New York on Friday 2025-03-07 is 20:00 UTC; the deadline is Tuesday 15:00 local.
    assert notice_deadline(local(2025, 3, 7, 15, 0)) == datetime(2025, 3, 11, 15, 0)


def test_day_clocks() -> None:
    assert outcome_report_deadline(date(2025, 1, 10)) == datetime(2025, 2, 10, 0, 0)  # end of 2025-02-09
    assert resolution_deadline(date(2025, 1, 1)) == datetime(2025, 4, 2, 0, 0)  # end of 2025-04-01


@given(moments, amounts)
@example(datetime(2025, 11, 26, 9, 0), H48)
@example(datetime(2021, 12, 30, 23, 0), H48)
@settings(max_examples=300, deadline=None)
def test_added_time_is_exactly_the_business_time_between(start: datetime, amount: timedelta) -> None:
    end = add_business_time(start, amount)
    assert end >= start + amount
    assert business_time_between(start, end) == amount


@given(moments, amounts)
@settings(max_examples=300, deadline=None)
def test_deadline_is_the_earliest_such_moment(start: datetime, amount: timedelta) -> None:
    end = add_business_time(start, amount)
    if amount > timedelta(0):
        # A minute earlier, not enough business time has passed; and the deadline never lands
        # inside a weekend or holiday (only at the midnight that ends a business day).
        assert business_time_between(start, end - timedelta(minutes=1)) < amount
        assert is_business_day(end.date()) or (
            end.time() == time() and is_business_day(end.date() - timedelta(1))
        )


@given(moments)
@settings(max_examples=200, deadline=None)
def test_brute_force_by_the_hour(start: datetime) -> None:
    """Hour by hour from the start of the hour: count 48 hours that fall on business days."""
    start = start.replace(minute=0, second=0, microsecond=0)
    counted, current = 0, start
    while counted < 48:
        if is_business_day(current.date()):
            counted += 1
        current += timedelta(hours=1)
    # `current` is the end of the 48th counted hour; the earliest moment is that hour's end.
    assert add_business_time(start, H48) == current


@given(moments, st.integers(min_value=0, max_value=100))
@settings(max_examples=100, deadline=None)
def test_weekends_and_holidays_add_no_time(start: datetime, days: int) -> None:
    end = start + timedelta(days=days)
    between = business_time_between(start, end)
    assert between <= end - start
    if all(not is_business_day(start.date() + timedelta(d)) for d in range(days + 1)):
        assert between == timedelta(0)


def test_holidays_count_unless_skipped() -> None:
    # Wednesday before Thanksgiving 2025, 09:00: with the holiday counted, Friday 09:00.
    assert add_business_time(datetime(2025, 11, 26, 9, 0), H48, skip_holidays=False) == datetime(
        2025, 11, 28, 9, 0
    )


def test_a_negative_amount_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^amount must not be negative$"):
        add_business_time(datetime(2025, 3, 7, 15, 0), -H48)
