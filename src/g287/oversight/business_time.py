"""Clock arithmetic that skips weekends and, when asked (`skip_holidays`), federal holidays.

Times are local wall-clock times (naive datetimes in the project's time zone): an agreement's "48
hours" is read as 48 hours of the clock on the days that count, so a complaint received on Friday at
15:00 must be notified by Tuesday at 15:00, and one received on Saturday by the end of Tuesday."""

from datetime import date, datetime, time, timedelta

from g287.oversight.holidays import is_business_day, is_weekday

DAY = timedelta(days=1)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def add_business_time(start: datetime, amount: timedelta, skip_holidays: bool = True) -> datetime:
    """The earliest moment by which `amount` of time on business days has passed since `start`.
    Business days are weekdays, less federal holidays when `skip_holidays`."""
    if amount < timedelta(0):
        raise ValueError("amount must not be negative")
    counts = is_business_day if skip_holidays else is_weekday
    current, left = start, amount
    while True:
        day = current.date()
        if not counts(day):
            current = _midnight(day) + DAY
            continue
        room = _midnight(day) + DAY - current
        if left <= room:
            return current + left
        left -= room
        current = _midnight(day) + DAY


def business_time_between(start: datetime, end: datetime) -> timedelta:
    """How much time on business days lies in [start, end); zero when end <= start."""
    total = timedelta(0)
    day = start.date()
    while _midnight(day) < end:
        if is_business_day(day):
            lo = max(start, _midnight(day))
            hi = min(end, _midnight(day) + DAY)
            if hi > lo:
                total += hi - lo
        day += DAY
    return total
