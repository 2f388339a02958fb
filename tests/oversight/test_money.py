"""Money paid, as oversight reads it from the funding app: a payment counts from the end of the fiscal
quarter it is booked to, never earlier (g287.oversight.money), on real claims and payments."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import time_machine

from g287.funding.fiscal import Quarter
from g287.funding.services import claims as svc
from g287.oversight.money import paid_cents_by_agency
from tests.accounts.fixtures import World
from tests.funding.conftest import fy2026_rules, make_officer

Q2 = Quarter(2026, 2)  # January to March 2026


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(date(2026, 5, 12), tick=False):
        yield


def paid_claim(world: World, quarter: Quarter, badge: str, reference: str) -> int:
    fy2026_rules()
    officer = make_officer(world.a, badge)
    line = svc.LineInput(officer.pk, 1_500_000, 500_000, 0, 6_000_000)
    claim = svc.file_claim(world.users["aa_in"], world.a.pk, quarter, [line], True, None).claim
    svc.start_review(world.users["program_reviewer"], claim.pk)
    svc.approve(world.users["program_reviewer"], claim.pk)
    payment = svc.record_payment(world.users["program_admin"], claim.pk, reference, date(2026, 2, 15))
    return payment.amount_cents


def test_a_quarter_counts_as_paid_from_its_last_day(world: World) -> None:
    amount = paid_claim(world, Q2, "T-1", "TREAS-1")
    assert amount == 2_000_000
    # Paid on February 15, but booked to 2026Q2: nothing counts before the quarter ends ...
    for day in (Q2.start, date(2026, 2, 15), Q2.end - timedelta(days=1)):
        assert paid_cents_by_agency(day) is None, day
    # ... and all of it from its last day on.
    assert paid_cents_by_agency(Q2.end) == {world.a.pk: amount}
    assert paid_cents_by_agency(Q2.end + timedelta(days=1)) == {world.a.pk: amount}


def test_quarters_add_up_as_each_ends(world: World) -> None:
    first = paid_claim(world, Quarter(2026, 1), "T-1", "TREAS-1")
    second = paid_claim(world, Q2, "T-2", "TREAS-2")
    assert paid_cents_by_agency(Quarter(2026, 1).end - timedelta(days=1)) is None
    assert paid_cents_by_agency(Quarter(2026, 1).end) == {world.a.pk: first}
    assert paid_cents_by_agency(Q2.end - timedelta(days=1)) == {world.a.pk: first}
    assert paid_cents_by_agency(Q2.end) == {world.a.pk: first + second}


def test_nothing_paid_is_none(world: World) -> None:
    assert paid_cents_by_agency(date(2030, 1, 1)) is None
