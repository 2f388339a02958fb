"""The federal fiscal calendar: fiscal year N runs from October 1 of N-1 to September 30 of N, and its
quarters are Q1 Oct-Dec, Q2 Jan-Mar, Q3 Apr-Jun, Q4 Jul-Sep."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from django.utils.translation import gettext as _

# The fiscal years the office's pages and the API accept as a parameter.
FIRST_FY, LAST_FY = 2000, 2999
QUARTER_RE = re.compile(r"^\s*(?:FY)?(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)


def fiscal_year_of(day: date) -> int:
    return day.year + 1 if day.month >= 10 else day.year


def fy_start(fiscal_year: int) -> date:
    return date(fiscal_year - 1, 10, 1)


@dataclass(frozen=True, order=True)
class Quarter:
    fiscal_year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(_("quarter must be 1 to 4, not %(number)s") % {"number": self.number})
        if not 1900 < self.fiscal_year < 3000:
            raise ValueError(_("fiscal year %(year)s is out of range") % {"year": self.fiscal_year})

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """'2026Q1', 'FY2026Q1', '2026-Q1'."""
        found = QUARTER_RE.match(text or "")
        if not found:
            raise ValueError(_("%(text)r is not a fiscal quarter; write it like 2026Q1") % {"text": text})
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, day: date) -> "Quarter":
        fiscal_year = fiscal_year_of(day)
        months_in = (day.month - 10) % 12
        return cls(fiscal_year, months_in // 3 + 1)

    # Cached: settlement asks a quarter for its days once per claim line (100,000 times). A frozen
    # dataclass still has an instance __dict__, which is where cached_property keeps the value.
    @cached_property
    def start(self) -> date:
        month = (9 + 3 * (self.number - 1)) % 12 + 1  # Q1 -> 10, Q2 -> 1, Q3 -> 4, Q4 -> 7
        year = self.fiscal_year - 1 if self.number == 1 else self.fiscal_year
        return date(year, month, 1)

    @cached_property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @cached_property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def next(self) -> "Quarter":
        return (
            Quarter(self.fiscal_year + 1, 1)
            if self.number == 4
            else Quarter(self.fiscal_year, self.number + 1)
        )

    def previous(self) -> "Quarter":
        return (
            Quarter(self.fiscal_year - 1, 4)
            if self.number == 1
            else Quarter(self.fiscal_year, self.number - 1)
        )

    def __str__(self) -> str:
        return f"{self.fiscal_year}Q{self.number}"


def quarters_of(fiscal_year: int) -> list[Quarter]:
    return [Quarter(fiscal_year, n) for n in range(1, 5)]
