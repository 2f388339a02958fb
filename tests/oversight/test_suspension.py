"""A complaint that may lead to discipline suspends the officer's designation until it is resolved,
and `status_on` (which the money rules ask) sees it."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from g287.funding.fiscal import Quarter
from g287.funding.models import RuleSet
from g287.funding.validation import LineFacts, evaluate
from g287.officers.models import Officer
from g287.officers.rules import RuleViolation
from g287.officers.status import (
    certified_days,
    certified_days_for,
    certified_on,
    is_certified_on,
    status_on,
    without_suspensions,
)
from g287.officers.timeline import DayStatus, Period
from g287.oversight.services import cases
from g287.oversight.suspensions import suspended_officer_ids
from tests.accounts.fixtures import World
from tests.clock import frozen
from tests.oversight.helpers import NY, complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Cases received "N days ago" are dated from a fixed day, so no result depends on today."""
    with frozen(date(2026, 5, 12)):
        yield


def test_suspension_blocks_certification_until_resolved(world: World) -> None:
    today = timezone.localdate()
    officer = world.officer_a
    admin = world.users["program_admin"]
    received = timezone.now() - timedelta(days=10)
    case = complaint(world.a, "TFM", received_at=received)
    assert status_on(officer, today) is DayStatus.CERTIFIED

    cases.triage(admin, case.pk, "TFM", officer.pk, True)
    start = timezone.localdate(received)
    assert status_on(officer, start - timedelta(days=1)) is DayStatus.CERTIFIED
    assert status_on(officer, start) is DayStatus.SUSPENDED
    assert status_on(officer, today) is DayStatus.SUSPENDED
    assert not is_certified_on(officer, today)
    assert suspended_officer_ids(today) == {officer.pk}
    # Another officer of another agency is untouched.
    assert is_certified_on(world.officer_b, today)

    resolved_on = today - timedelta(days=2)
    cases.resolve(admin, case.pk, resolved_on, "not_sustained")
    assert status_on(officer, resolved_on - timedelta(days=1)) is DayStatus.SUSPENDED
    assert status_on(officer, resolved_on) is DayStatus.CERTIFIED
    assert is_certified_on(officer, today)


def test_a_complaint_without_possible_discipline_suspends_nobody(world: World) -> None:
    case = complaint(world.a, "JEM")
    cases.triage(world.users["program_admin"], case.pk, "JEM", world.officer_a.pk, False)
    assert is_certified_on(world.officer_a, timezone.localdate())


def test_suspension_needs_an_officer_of_that_agency(world: World) -> None:
    admin = world.users["program_admin"]
    case = complaint(world.a, "TFM")
    with pytest.raises(RuleViolation) as err:
        cases.triage(admin, case.pk, "TFM", None, True)
    assert "officer" in err.value.message_dict
    with pytest.raises(RuleViolation) as err:
        cases.triage(admin, case.pk, "TFM", world.officer_b.pk, True)
    assert "officer" in err.value.message_dict


def test_an_uncertified_officer_keeps_their_own_status(world: World) -> None:
    admin = world.users["program_admin"]
    officer = world.officer_a
    Officer.objects.filter(pk=officer.pk).update(separated_on=timezone.localdate() - timedelta(days=1))
    case = complaint(world.a, "TFM", received_at=timezone.now() - timedelta(days=5))
    cases.triage(admin, case.pk, "TFM", officer.pk, True)
    assert status_on(Officer.objects.get(pk=officer.pk), timezone.localdate()) is DayStatus.SEPARATED


# The money rules count certified days (officers.status.certified_days_for); suspended days are not
# among them, so reimbursement is prorated or refused for them.


def _suspend(world: World, start: date, end: date | None) -> None:
    admin = world.users["program_admin"]
    case = complaint(world.a, "TFM", received_at=datetime(start.year, start.month, start.day, 9, tzinfo=NY))
    cases.triage(admin, case.pk, "TFM", world.officer_a.pk, True)
    if end is not None:
        cases.resolve(admin, case.pk, end, "exonerated")


def test_suspended_days_are_not_reimbursed(world: World) -> None:
    quarter = Quarter.of(timezone.localdate()).previous()
    officer = world.officer_a
    ids = Officer.objects.filter(pk__in=[officer.pk, world.officer_b.pk])
    assert certified_days_for(ids, quarter.start, quarter.end)[officer.pk] == quarter.days
    _suspend(world, quarter.start + timedelta(days=10), quarter.start + timedelta(days=40))
    days = certified_days_for(ids, quarter.start, quarter.end)
    assert days[officer.pk] == quarter.days - 30
    assert days[world.officer_b.pk] == quarter.days
    assert certified_days(officer, quarter.start, quarter.end) == quarter.days - 30
    assert certified_days(officer, quarter.start, quarter.end, "TFM") == quarter.days - 30
    assert officer.pk not in certified_on(quarter.start + timedelta(days=20)).values_list("pk", flat=True)
    assert officer.pk in certified_on(quarter.start + timedelta(days=40)).values_list("pk", flat=True)

    rules = RuleSet(
        fiscal_year=quarter.fiscal_year, effective_from=quarter.start, reimbursable_models=["TFM"]
    )
    facts = LineFacts(1, 1, officer.pk, "Officer A-111", ("TFM",), 1_000_000, 300_000, 0, 4_000_000)
    full = evaluate(facts, rules, quarter, quarter.days, 0)
    cut = evaluate(facts, rules, quarter, days[officer.pk], 0)
    assert cut.eligible < full.eligible
    assert [p["code"] for p in cut.problems] == ["prorated"]


def test_an_open_suspension_blocks_the_rest_of_the_quarter(world: World) -> None:
    quarter = Quarter.of(timezone.localdate()).previous()
    _suspend(world, quarter.start, None)
    officers = Officer.objects.filter(pk=world.officer_a.pk)
    assert certified_days_for(officers, quarter.start, quarter.end) == {world.officer_a.pk: 0}
    rules = RuleSet(
        fiscal_year=quarter.fiscal_year, effective_from=quarter.start, reimbursable_models=["TFM"]
    )
    facts = LineFacts(1, 1, world.officer_a.pk, "Officer A-111", ("TFM",), 1_000_000, 300_000, 0, 4_000_000)
    result = evaluate(facts, rules, quarter, 0, 0)
    assert result.eligible == 0 and result.problems[0]["code"] == "not_certified"


days_ = st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 3, 31))


@st.composite
def span(draw: st.DrawFn) -> tuple[date, date | None]:
    start = draw(days_)
    end = draw(st.one_of(st.none(), days_.filter(lambda d: d > start)))
    return start, end


@given(st.lists(span(), max_size=3), st.lists(span(), max_size=3))
@settings(max_examples=200, deadline=None)
def test_cutting_suspensions_out_of_periods(
    periods: list[tuple[date, date | None]], spans: list[tuple[date, date | None]]
) -> None:
    original = [Period("TFM", lo, hi) for lo, hi in periods]
    cut = without_suspensions(original, spans)
    day = date(2025, 1, 1)
    while day <= date(2025, 4, 2):
        suspended = any(lo <= day and (hi is None or day < hi) for lo, hi in spans)
        covered = any(p.covers(day) for p in original)
        assert any(p.covers(day) for p in cut) == (covered and not suspended)
        day += timedelta(days=1)
    assert all(p.end is None or p.end > p.start for p in cut)
