"""What every list's filter class is made of (the pattern of `g287.portal.filters.AgreementFilters`):
a query string read once, every bad value collected with a message naming it, and one `FilterError`
that the pages answer 400 and the API 422.

A filter class has `parse(params)` (a QueryDict or a mapping of lists or strings) raising FilterError,
and `apply(queryset)`; the page, its download and the API endpoint all call the same two.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

MAX_TEXT = 200
# The days a date parameter may name, on every page and in the API: far wider than any record, and narrow
# enough that a day or a year added to it (an "until" taken to the end of its day, a certification's
# expiry) never leaves Python's dates.
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def day_out_of_range(day: date) -> str | None:
    """The message for a day outside EARLIEST_DAY..LATEST_DAY, else None."""
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return None
    return _("%(value)s is outside the days g287 answers for (%(first)s to %(last)s)") % {
        "value": day.isoformat(),
        "first": EARLIEST_DAY.isoformat(),
        "last": LATEST_DAY.isoformat(),
    }


class FilterError(ValueError):
    """Bad filter values: `errors` maps each parameter to what is wrong with it."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class ParamReader:
    """Reads the parameters of one query string, keeping a message for every bad one; `done()` raises
    FilterError when there was any."""

    def __init__(self, params: Any) -> None:
        self.params = params
        self.errors: dict[str, str] = {}

    def values(self, name: str) -> list[str]:
        """Every value given for `name`, repeated or comma-separated, stripped, empty ones dropped."""
        params = self.params
        raw = params.getlist(name) if hasattr(params, "getlist") else params.get(name, [])
        if isinstance(raw, str):
            raw = [raw]
        out: list[str] = []
        for item in raw:
            out.extend(part.strip() for part in str(item).split(",") if part.strip())
        return out

    def text(self, name: str, max_length: int = MAX_TEXT) -> str:
        params = self.params
        raw = params.getlist(name) if hasattr(params, "getlist") else params.get(name, [])
        if isinstance(raw, str):
            raw = [raw]
        value = " ".join(" ".join(str(v) for v in raw).split())
        if len(value) > max_length:
            self.errors[name] = _("longer than %(n)d characters") % {"n": max_length}
            return ""
        return value

    def any_of(self, name: str, allowed: Iterable[str], normalize: Any = str) -> tuple[str, ...]:
        allowed = tuple(allowed)
        chosen = [normalize(v) for v in self.values(name)]
        bad = [v for v in chosen if v not in allowed]
        if bad:
            self.errors[name] = _("unknown value %(bad)s; expected one of %(allowed)s") % {
                "bad": ", ".join(v[:40] for v in bad[:5]),
                "allowed": ", ".join(allowed),
            }
        return tuple(dict.fromkeys(v for v in chosen if v in allowed))

    def one_of(self, name: str, allowed: Iterable[str], normalize: Any = str) -> str:
        """One value of `allowed`, or "" when the parameter is absent."""
        chosen = self.any_of(name, allowed, normalize)
        if len(chosen) > 1 and name not in self.errors:
            self.errors[name] = _("give one value, not %(n)d") % {"n": len(chosen)}
        return chosen[0] if chosen and name not in self.errors else ""

    def day(self, name: str) -> date | None:
        raw = self.values(name)
        if not raw:
            return None
        try:
            if len(raw[0]) != 10:
                raise ValueError(raw[0])
            day = date.fromisoformat(raw[0])
        except ValueError:
            self.errors[name] = _("%(value)s is not a date (YYYY-MM-DD)") % {"value": raw[0][:40]}
            return None
        problem = day_out_of_range(day)
        if problem:
            self.errors[name] = problem
            return None
        return day

    def order(self, start: str, start_day: date | None, end: str, end_day: date | None) -> None:
        if start_day and end_day and start_day > end_day and end not in self.errors:
            self.errors[end] = _("the end date is before the start date")

    def done(self) -> None:
        if self.errors:
            raise FilterError(self.errors)
