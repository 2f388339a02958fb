"""An officer's status on any day, computed from dated facts alone (no database), so the rules can be
tested exhaustively and the funding engine can count certified days for many officers at once.

Certification periods are half-open: [start, end). A day is certified when some period covers it and
the officer had not separated by then. Everything else (nominated, approved, ...) only labels the
uncertified days."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class DayStatus(StrEnum):
    NONE = "none"  # before nomination
    NOMINATED = "nominated"
    REJECTED = "rejected"
    APPROVED = "approved"  # approved, not yet trained
    TRAINED = "trained"  # passed training, not yet certified
    CERTIFIED = "certified"
    SUSPENDED = "suspended"  # certified, but out of the program for now (see status.suspension_sources)
    EXPIRED = "expired"
    REVOKED = "revoked"
    DISQUALIFIED = "disqualified"
    SEPARATED = "separated"


@dataclass(frozen=True)
class Period:
    model: str
    start: date
    end: date | None  # first day not covered; None: open-ended
    revoked: bool = False

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class History:
    nominated_on: date
    reviewed_on: date | None = None
    approved: bool | None = None
    trained: tuple[tuple[str, date], ...] = ()  # (model, date of a passed exam)
    disqualified_on: date | None = None
    separated_on: date | None = None
    periods: tuple[Period, ...] = field(default_factory=tuple)


def status_at(history: History, day: date, model: str | None = None) -> DayStatus:
    """The officer's status on `day`, for one model or (model=None) for any."""
    if history.separated_on is not None and day >= history.separated_on:
        return DayStatus.SEPARATED
    periods = [p for p in history.periods if model is None or p.model == model]
    if any(p.covers(day) for p in periods):
        return DayStatus.CERTIFIED
    if day < history.nominated_on:
        return DayStatus.NONE
    if history.disqualified_on is not None and day >= history.disqualified_on:
        return DayStatus.DISQUALIFIED
    past = [p for p in periods if p.end is not None and p.end <= day]
    if past:
        return DayStatus.REVOKED if max(past, key=lambda p: p.end or day).revoked else DayStatus.EXPIRED
    if history.reviewed_on is not None and day >= history.reviewed_on:
        if not history.approved:
            return DayStatus.REJECTED
        if any(on <= day for m, on in history.trained if model is None or m == model):
            return DayStatus.TRAINED
        return DayStatus.APPROVED
    return DayStatus.NOMINATED


def certified_intervals(history: History, model: str | None = None) -> list[tuple[date, date | None]]:
    """The certified days as disjoint, sorted half-open intervals (open-ended: None)."""
    spans = sorted(
        ((p.start, p.end) for p in history.periods if model is None or p.model == model),
        key=lambda span: span[0],
    )
    stop = history.separated_on
    merged: list[tuple[date, date | None]] = []
    for start, end in spans:
        if stop is not None:
            end = stop if end is None else min(end, stop)
        if end is not None and end <= start:
            continue
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None or start <= last_end:
                new_end = None if last_end is None or end is None else max(last_end, end)
                merged[-1] = (last_start, new_end)
                continue
        merged.append((start, end))
    return merged


def certified_day_count(history: History, start: date, end: date, model: str | None = None) -> int:
    """How many days from `start` to `end`, both included, the officer was certified."""
    if end < start:
        return 0
    stop = end + timedelta(days=1)
    total = 0
    for lo, hi in certified_intervals(history, model):
        lo2 = max(lo, start)
        hi2 = stop if hi is None else min(hi, stop)
        if hi2 > lo2:
            total += (hi2 - lo2).days
    return total
