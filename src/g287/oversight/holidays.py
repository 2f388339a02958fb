"""U.S. federal holidays (5 U.S.C. 6103), computed for any year rather than listed per year.

A holiday that falls on a Saturday is observed on the Friday before, one on a Sunday on the Monday
after (Executive Order 11582). That can move New Year's Day into the previous December, so a year's
observed days are taken from that year's and the next year's rules. The Monday rules date from 1971
and Juneteenth from 2021; earlier years are computed with the rules in force then, as far as they
matter here (no case predates 2019)."""

from datetime import date, timedelta
from functools import lru_cache

MONDAY, THURSDAY = 0, 3
SATURDAY, SUNDAY = 5, 6


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` of the month (n >= 1), or the last one for n = -1."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def holidays_by_law(year: int) -> dict[date, str]:
    """The year's holidays on their legal dates, before moving weekend ones."""
    days = {
        date(year, 1, 1): "New Year's Day",
        nth_weekday(year, 5, MONDAY, -1): "Memorial Day",
        date(year, 7, 4): "Independence Day",
        nth_weekday(year, 9, MONDAY, 1): "Labor Day",
        date(year, 11, 11): "Veterans Day",
        nth_weekday(year, 11, THURSDAY, 4): "Thanksgiving Day",
        date(year, 12, 25): "Christmas Day",
    }
    if year >= 1986:
        days[nth_weekday(year, 1, MONDAY, 3)] = "Birthday of Martin Luther King, Jr."
    days[nth_weekday(year, 2, MONDAY, 3)] = "Washington's Birthday"
    days[nth_weekday(year, 10, MONDAY, 2)] = "Columbus Day"
    if year >= 2021:
        days[date(year, 6, 19)] = "Juneteenth National Independence Day"
    return days


def observed(day: date) -> date:
    if day.weekday() == SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == SUNDAY:
        return day + timedelta(days=1)
    return day


@lru_cache(maxsize=256)
def federal_holidays(year: int) -> dict[date, str]:
    """The days federal offices are closed for a holiday in `year`, with the holiday's name."""
    out: dict[date, str] = {}
    for source_year in (year, year + 1):
        for day, name in holidays_by_law(source_year).items():
            seen = observed(day)
            if seen.year == year:
                out[seen] = name if seen == day else f"{name} (observed)"
    return dict(sorted(out.items()))


def is_federal_holiday(day: date) -> bool:
    return day in federal_holidays(day.year)


def is_weekday(day: date) -> bool:
    return day.weekday() < SATURDAY


def is_business_day(day: date) -> bool:
    """Not a weekend and not a federal holiday: the days the 48-hour notice clock runs."""
    return day.weekday() < SATURDAY and not is_federal_holiday(day)
