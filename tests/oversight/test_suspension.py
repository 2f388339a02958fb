"""A complaint that may lead to discipline suspends the officer's designation until it is resolved,
and `status_on` (which the money rules ask) sees it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from g287.officers.models import Officer
from g287.officers.rules import RuleViolation
from g287.officers.status import is_certified_on, status_on
from g287.officers.timeline import DayStatus
from g287.oversight import cases
from g287.oversight.suspensions import suspended_officer_ids
from tests.accounts.fixtures import World
from tests.oversight.helpers import complaint

pytestmark = pytest.mark.django_db


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
