"""Where a complaint stands against each deadline, at the deadline and one second either side, for each
model; what the case page shows as due; and the rule texts staff read. No database: a complaint's
clocks depend on its model and its dates only."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from g287.oversight.clocks import ClockState, clocks_for, notice_rule, overdue_clocks
from g287.oversight.models import Complaint
from tests.oversight.helpers import local

SECOND = timedelta(seconds=1)
MONDAY_9 = local(2025, 3, 10, 9, 0)  # notice due Wednesday 2025-03-12 09:00 local
RECEIVED_DAY = date(2025, 1, 1)  # TFM: day 90 is 2025-04-01


def case(model: str = "JEM", received_at: datetime = MONDAY_9, **dates: Any) -> Complaint:
    return Complaint(model=model, received_at=received_at, **dates)


def states(complaint: Complaint, now: datetime) -> dict[str, ClockState]:
    return {k.key: k.state for k in clocks_for(complaint, now)}


@pytest.mark.parametrize(
    ("model", "keys"),
    [
        ("JEM", ["notify_ice", "report_outcome"]),
        ("WSO", ["notify_ice"]),
        ("TFM", ["resolve"]),
        ("", ["notify_ice", "resolve", "report_outcome"]),
    ],
)
def test_each_model_runs_its_own_clocks_with_their_texts(model: str, keys: list[str]) -> None:
    clocks = clocks_for(case(model, received_at=local(2025, 1, 1, 10)), local(2025, 1, 2, 10))
    assert [k.key for k in clocks] == keys
    texts = {
        "notify_ice": (
            "ICE notified",
            "within 48 hours of receipt, not counting weekends (federal holidays count)",
        ),
        "resolve": ("Resolved", "within 90 days of receipt"),
        "report_outcome": ("Outcome reported to ICE", "no later than 30 days after the resolution"),
    }
    assert [(str(k.label), str(k.rule)) for k in clocks] == [texts[key] for key in keys]


def test_notice_rule_text_follows_the_holiday_setting(settings: Any) -> None:
    settings.G287_NOTICE_SKIPS_FEDERAL_HOLIDAYS = True
    assert str(notice_rule()) == "within 48 hours of receipt, not counting weekends and federal holidays"


def test_48_hours_at_the_deadline_and_either_side() -> None:
    deadline = local(2025, 3, 12, 9, 0)
    assert states(case("WSO"), deadline - SECOND) == {"notify_ice": ClockState.RUNNING}
    assert states(case("WSO"), deadline) == {"notify_ice": ClockState.RUNNING}
    assert states(case("WSO"), deadline + SECOND) == {"notify_ice": ClockState.OVERDUE}
    later = deadline + timedelta(days=30)
    assert states(case("WSO", ice_notified_at=deadline), later) == {"notify_ice": ClockState.MET}
    assert states(case("WSO", ice_notified_at=deadline + SECOND), later) == {"notify_ice": ClockState.LATE}
    assert states(case("WSO", ice_notified_at=deadline - SECOND), later) == {"notify_ice": ClockState.MET}
    (notified,) = clocks_for(case("WSO", ice_notified_at=deadline - SECOND), later)
    assert notified.done_at == datetime(2025, 3, 12, 8, 59, 59)  # shown on the case page, local time


def test_aware_times_are_read_in_local_time() -> None:
    """12:30 UTC on 2025-03-12 is 08:30 in New York (EDT): still before the 09:00 deadline."""
    assert states(case("WSO"), datetime(2025, 3, 12, 12, 30, tzinfo=UTC)) == {
        "notify_ice": ClockState.RUNNING
    }
    assert states(case("WSO"), datetime(2025, 3, 12, 13, 30, tzinfo=UTC)) == {
        "notify_ice": ClockState.OVERDUE
    }
    notified = case("WSO", ice_notified_at=datetime(2025, 3, 12, 13, 0, tzinfo=UTC))  # 09:00 local
    assert states(notified, datetime(2025, 4, 1, 12, 0, tzinfo=UTC)) == {"notify_ice": ClockState.MET}
    # A naive `now` is already local wall-clock time.
    assert states(case("WSO"), datetime(2025, 3, 12, 8, 59)) == {"notify_ice": ClockState.RUNNING}


def test_90_days_at_the_deadline_and_either_side() -> None:
    received = local(2025, 1, 1, 23, 30)  # late in the day: the day counts, not the hour
    deadline = datetime(2025, 4, 2, 0, 0)
    tfm = case("TFM", received_at=received)
    assert states(tfm, deadline - SECOND) == {"resolve": ClockState.RUNNING}
    assert states(tfm, deadline) == {"resolve": ClockState.OVERDUE}
    later = deadline + timedelta(days=10)
    assert states(case("TFM", received, resolved_on=date(2025, 4, 1)), later) == {"resolve": ClockState.MET}
    assert states(case("TFM", received, resolved_on=date(2025, 4, 2)), later) == {"resolve": ClockState.LATE}
    (clock,) = clocks_for(tfm, deadline)
    assert (clock.deadline, clock.due_display, clock.done_at) == (deadline, date(2025, 4, 1), None)
    resolved = clocks_for(case("TFM", received, resolved_on=date(2025, 3, 3)), later)[0]
    assert resolved.done_at == datetime(2025, 3, 3, 0, 0)


def test_30_days_wait_for_the_resolution_then_run_to_the_end_of_the_30th_day() -> None:
    unresolved = clocks_for(case("JEM"), datetime(2026, 1, 1))[-1]
    assert (unresolved.key, unresolved.state, unresolved.deadline, unresolved.due_display) == (
        "report_outcome",
        ClockState.WAITING,
        None,
        None,
    )
    assert not unresolved.is_overdue
    resolved = case("JEM", ice_notified_at=MONDAY_9, resolved_on=date(2025, 3, 20))
    end = datetime(2025, 4, 20, 0, 0)  # the end of 2025-04-19, the 30th day
    assert states(resolved, end - SECOND)["report_outcome"] is ClockState.RUNNING
    assert states(resolved, end)["report_outcome"] is ClockState.OVERDUE
    assert clocks_for(resolved, end)[-1].due_display == date(2025, 4, 19)
    on_time = case(
        "JEM", ice_notified_at=MONDAY_9, resolved_on=date(2025, 3, 20), outcome_reported_on=date(2025, 4, 19)
    )
    late = case(
        "JEM", ice_notified_at=MONDAY_9, resolved_on=date(2025, 3, 20), outcome_reported_on=date(2025, 4, 20)
    )
    assert states(on_time, end)["report_outcome"] is ClockState.MET
    assert states(late, end)["report_outcome"] is ClockState.LATE
    assert clocks_for(late, end)[-1].done_at == datetime(2025, 4, 20, 0, 0)


def test_a_notice_due_at_midnight_shows_the_moment_not_the_day_before() -> None:
    """Received on a Saturday: due at the end of Tuesday, shown as Wednesday 00:00 (an hour clock)."""
    (clock,) = clocks_for(case("WSO", received_at=local(2025, 3, 8, 10, 0)), datetime(2025, 3, 9))
    assert clock.deadline == datetime(2025, 3, 12, 0, 0)
    assert clock.due_display == datetime(2025, 3, 12, 0, 0)


def test_overdue_clocks_lists_only_the_overdue() -> None:
    received = local(2025, 1, 1, 10)
    unknown = case("", received_at=received, ice_notified_at=received)
    now = datetime(2025, 4, 2, 0, 0)
    assert [k.key for k in overdue_clocks(unknown, now)] == ["resolve"]
    assert overdue_clocks(unknown, now - SECOND) == []
    assert [k.is_overdue for k in clocks_for(unknown, now)] == [False, True, False]
