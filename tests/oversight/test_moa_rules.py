"""The agreements' own rules, each test citing the MOA text it enforces (../shared/docs/moa/):

- the 48-hour notice to ICE excludes weekends only (JEM: HamiltonCoIN_JEM_MOA_03.03.2025.txt l.392-393;
  WSO: CrenshawCoAL_WSO_MOA_04.16.2025.txt l.310); skipping federal holidays is a setting, off by default;
- the 30-day outcome report is JEM's (Hamilton l.395-396); WSO's is "as established by ICE" (Crenshaw
  l.311-312): no clock;
- TFM complaints are expected to be resolved within 90 days (brevardCo_TFM_MOA_03.04.2025.txt l.403);
- notice periods by model and party (Hamilton l.253-260, l.276; Brevard l.286-291, l.307; Crenshaw
  l.241-246).

Boundaries are checked with a frozen clock at the exact deadline and one tick either side."""

from datetime import date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from g287.officers.rules import RuleViolation
from g287.oversight import notices
from g287.oversight.clocks import Clock, ClockState, clocks_for
from g287.oversight.models import Complaint
from g287.oversight.services import cases
from g287.registry.models import Agreement
from tests.accounts.fixtures import World
from tests.oversight.helpers import complaint, local

pytestmark = pytest.mark.django_db
SECOND = timedelta(seconds=1)


def clock(case: Complaint, key: str) -> Clock:
    return next(k for k in clocks_for(case) if k.key == key)


# --- the 48-hour notice: weekends excluded, holidays counted unless the office chooses otherwise ---


def test_notice_counts_federal_holidays_by_default(world: World) -> None:
    # Hamilton l.392-393 and Crenshaw l.310: "within 48 hours ..., excluding weekends". Received on
    # Wednesday 2025-11-26 at 09:00; Thanksgiving (Thursday) counts, so ICE is due by Friday 09:00.
    case = complaint(world.a, "JEM", received_at=local(2025, 11, 26, 9, 0))
    assert clock(case, "notify_ice").deadline == datetime(2025, 11, 28, 9, 0)
    wso = complaint(world.b, "WSO", received_at=local(2025, 11, 26, 9, 0))
    assert clock(wso, "notify_ice").deadline == datetime(2025, 11, 28, 9, 0)


def test_notice_skips_holidays_only_when_chosen(world: World, settings: Any) -> None:
    settings.G287_NOTICE_SKIPS_FEDERAL_HOLIDAYS = True
    case = complaint(world.a, "JEM", received_at=local(2025, 11, 26, 9, 0))
    # Wed 15 h, Thanksgiving skipped, Fri 24 h, the weekend, Mon 9 h.
    assert clock(case, "notify_ice").deadline == datetime(2025, 12, 1, 9, 0)


def test_notice_skips_weekends(world: World) -> None:
    # Friday 15:00 → Tuesday 15:00 (Hamilton l.393 "excluding weekends").
    case = complaint(world.a, "JEM", received_at=local(2025, 3, 7, 15, 0))
    assert clock(case, "notify_ice").deadline == datetime(2025, 3, 11, 15, 0)


def test_case_page_states_the_holiday_choice(world: World, client: Client, settings: Any) -> None:
    case = complaint(world.a, "JEM", received_at=local(2025, 11, 26, 9, 0))
    client.force_login(world.users["program_admin"])
    url = f"/office/oversight/complaints/{case.pk}/"
    body = client.get(url).content.decode()
    assert "federal holidays count" in body and "2025-11-28 09:00" in body
    settings.G287_NOTICE_SKIPS_FEDERAL_HOLIDAYS = True
    body = client.get(url).content.decode()
    assert "also skips federal holidays" in body and "2025-12-01 09:00" in body


def test_notified_exactly_at_48_hours_is_on_time(world: World) -> None:
    # "within 48 hours" (Hamilton l.392) includes the 48th hour itself.
    received = local(2025, 3, 10, 9, 0)  # a Monday: the deadline is Wednesday 09:00
    deadline = local(2025, 3, 12, 9, 0)
    case = complaint(world.a, "JEM", received_at=received)
    admin = world.users["program_admin"]
    with time_machine.travel(deadline, tick=False):
        assert clock(case, "notify_ice").state is ClockState.RUNNING
        cases.mark_ice_notified(admin, case.pk, deadline)
        case.refresh_from_db()
        assert clock(case, "notify_ice").state is ClockState.MET
    late = complaint(world.a, "JEM", received_at=received)
    with time_machine.travel(deadline + SECOND, tick=False):
        assert clock(late, "notify_ice").state is ClockState.OVERDUE
        cases.mark_ice_notified(admin, late.pk, deadline + SECOND)
        late.refresh_from_db()
        assert clock(late, "notify_ice").state is ClockState.LATE


# --- the 30-day outcome report: JEM only ---


def test_jem_outcome_report_due_30_days_after_resolution(world: World) -> None:
    # Hamilton l.395-396: "no later than 30 days from the date of the resolution". Resolved 2025-01-10:
    # the 30th day is 2025-02-09, and 2025-02-10 is late.
    admin = world.users["program_admin"]
    on_time = complaint(world.a, "JEM", received_at=local(2025, 1, 2, 9, 0))
    late = complaint(world.a, "JEM", received_at=local(2025, 1, 2, 9, 0))
    with time_machine.travel(local(2025, 1, 10, 12, 0), tick=False):
        for case in (on_time, late):
            cases.resolve(admin, case.pk, date(2025, 1, 10), "not_sustained")
    on_time.refresh_from_db()
    with time_machine.travel(local(2025, 2, 9, 23, 59, 59), tick=False):
        assert clock(on_time, "report_outcome").state is ClockState.RUNNING
        assert clock(on_time, "report_outcome").due_display == date(2025, 2, 9)
        cases.report_outcome(admin, on_time.pk, date(2025, 2, 9))
        on_time.refresh_from_db()
        assert clock(on_time, "report_outcome").state is ClockState.MET
    late.refresh_from_db()
    with time_machine.travel(local(2025, 2, 10, 0, 0), tick=False):
        assert clock(late, "report_outcome").state is ClockState.OVERDUE
        cases.report_outcome(admin, late.pk, date(2025, 2, 10))
        late.refresh_from_db()
        assert clock(late, "report_outcome").state is ClockState.LATE


def test_wso_outcome_has_no_clock(world: World, client: Client) -> None:
    # Crenshaw l.311-312: results are reported "to an ICE officer, as established by ICE".
    admin = world.users["program_admin"]
    case = complaint(
        world.b, "WSO", received_at=local(2025, 1, 2, 9, 0), ice_notified_at=local(2025, 1, 2, 10)
    )
    with time_machine.travel(local(2025, 1, 10, 12, 0), tick=False):
        cases.resolve(admin, case.pk, date(2025, 1, 10), "unfounded")
    case.refresh_from_db()
    with time_machine.travel(local(2025, 9, 1, 12, 0), tick=False):
        assert [k.key for k in clocks_for(case)] == ["notify_ice"]
        assert not any(k.is_overdue for k in clocks_for(case))
        client.force_login(admin)
        body = client.get(f"/office/oversight/complaints/{case.pk}/").content.decode()
        assert "as established by ICE" in body and 'data-clock="report_outcome"' not in body
        assert 'id="report"' in body  # the report can still be recorded, without a deadline


def test_unknown_model_still_runs_the_30_day_clock(world: World) -> None:
    case = complaint(world.a, "")
    assert {k.key for k in clocks_for(case)} == {"notify_ice", "resolve", "report_outcome"}


# --- the 90-day TFM resolution ---


def test_tfm_resolution_within_90_days(world: World) -> None:
    # Brevard l.403: "resolved within 90 days". Received 2025-01-01: day 90 is 2025-04-01.
    admin = world.users["program_admin"]
    on_time = complaint(world.a, "TFM", received_at=local(2025, 1, 1, 10))
    late = complaint(world.a, "TFM", received_at=local(2025, 1, 1, 10))
    with time_machine.travel(local(2025, 4, 1, 23, 59, 59), tick=False):
        assert clock(on_time, "resolve").state is ClockState.RUNNING
        cases.resolve(admin, on_time.pk, date(2025, 4, 1), "exonerated")
        on_time.refresh_from_db()
        assert clock(on_time, "resolve").state is ClockState.MET
    with time_machine.travel(local(2025, 4, 2, 0, 0), tick=False):
        assert clock(late, "resolve").state is ClockState.OVERDUE
        cases.resolve(admin, late.pk, date(2025, 4, 2), "exonerated")
        late.refresh_from_db()
        assert clock(late, "resolve").state is ClockState.LATE


# --- notice periods by model and party ---


def test_jem_tfm_agency_termination_takes_effect_on_its_notice(world: World) -> None:
    # Hamilton l.253-255, Brevard l.286-288: "Termination by the LEA shall be provided, in writing".
    admin = world.users["program_admin"]
    for model in ("JEM", "TFM"):
        agreement = Agreement.objects.get(agency=world.a, model=model)
        notice = notices.record_notice(admin, agreement.pk, "termination", "agency", date(2026, 3, 2))
        assert notice.effective_on == date(2026, 3, 2)


def test_jem_tfm_ice_may_suspend_at_once(world: World) -> None:
    # Hamilton l.258-260, Brevard l.289-291: the ICE Director may "immediately suspend the MOA".
    admin = world.users["program_admin"]
    agreement = Agreement.objects.get(agency=world.a, model="TFM")
    notice = notices.record_notice(admin, agreement.pk, "suspension", "ice", date(2026, 3, 2))
    assert notice.effective_on == date(2026, 3, 2) and notice.exigent_reason == ""


def test_jem_tfm_ice_termination_needs_90_days(world: World) -> None:
    # Hamilton l.276, Brevard l.307: moving from suspension to termination, "ICE will provide the LEA a
    # 90-day notice"; no exigent exception in these MOAs.
    admin = world.users["program_admin"]
    agreement = Agreement.objects.get(agency=world.a, model="JEM")
    notice = notices.record_notice(admin, agreement.pk, "termination", "ice", date(2026, 3, 2))
    assert notice.effective_on == date(2026, 5, 31)
    with pytest.raises(RuleViolation) as err:
        notices.record_notice(
            admin, agreement.pk, "termination", "ice", date(2026, 3, 2), date(2026, 5, 30), "Urgent."
        )
    assert "2026-05-31" in " ".join(err.value.message_dict["effective_on"])
    exact = notices.record_notice(
        admin, agreement.pk, "termination", "ice", date(2026, 3, 2), date(2026, 5, 31)
    )
    assert exact.effective_on == date(2026, 5, 31)


@pytest.mark.parametrize("party", ["ice", "agency"])
def test_wso_90_days_either_party_unless_exigent(world: World, party: str) -> None:
    # Crenshaw l.241-246: "shall take effect 90-days after receipt of such notice, unless exigent
    # circumstances involving public safety dictate otherwise".
    admin = world.users["program_admin"]
    wso = Agreement.objects.get(agency=world.b, model="WSO")
    assert notices.record_notice(admin, wso.pk, "termination", party, date(2026, 3, 2)).effective_on == date(
        2026, 5, 31
    )
    with pytest.raises(RuleViolation) as err:
        notices.record_notice(admin, wso.pk, "suspension", party, date(2026, 3, 2), date(2026, 5, 30))
    assert "exigent_reason" in err.value.message_dict
    urgent = notices.record_notice(
        admin, wso.pk, "suspension", party, date(2026, 3, 2), date(2026, 3, 3), "Threat to public safety."
    )
    assert urgent.effective_on == date(2026, 3, 3)
