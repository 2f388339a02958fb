from datetime import date

from g287.officers.dates import add_years


def test_add_years_handles_leap_day() -> None:
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2025, 3, 1), 2) == date(2027, 3, 1)
