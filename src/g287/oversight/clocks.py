"""The deadlines the agreements set for a complaint, and where each case stands against them.

- JEM and WSO (Appendix B of the MOAs): the agency notifies ICE within 48 hours of receiving the
  complaint, "excluding weekends" (JEM: HamiltonCoIN_JEM_MOA_03.03.2025.txt l.392-393; WSO:
  CrenshawCoAL_WSO_MOA_04.16.2025.txt l.310). The MOAs say nothing of holidays, so they count unless the
  deployment chooses to skip federal holidays (setting G287_NOTICE_SKIPS_FEDERAL_HOLIDAYS, off by
  default; the case page states which reading is in force). "Within 48 hours" includes the 48th hour:
  a notice at the very moment the 48 hours end is on time.
- JEM only: the results are reported no later than 30 days from the resolution (Hamilton l.395-396).
  WSO results go to ICE "as established by ICE" (Crenshaw l.311-312): no fixed period, so no clock.
- TFM: complaints are expected to be resolved within 90 days of receipt (brevardCo_TFM_MOA l.403).
- When the model is not yet known (a public complaint naming an agency with more than one agreement),
  every clock runs, so nothing is missed while staff find out.

Times are naive local datetimes (see business_time.py); a date deadline runs to the end of its day."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from g287.oversight.business_time import add_business_time
from g287.oversight.models import Complaint

NOTICE_HOURS = 48
OUTCOME_REPORT_DAYS = 30
TFM_RESOLUTION_DAYS = 90


class ClockState(StrEnum):
    WAITING = "waiting"  # has not started (the outcome report before the resolution)
    RUNNING = "running"
    MET = "met"
    LATE = "late"  # done, after the deadline
    OVERDUE = "overdue"  # not done, deadline passed


@dataclass(frozen=True)
class Clock:
    key: str
    label: str | Promise
    rule: str | Promise
    # Day clocks: the first moment that is too late (midnight after the last day allowed). The hour
    # clock (notify_ice): the last moment allowed, since "within 48 hours" includes the 48th hour.
    deadline: datetime | None  # None while waiting
    done_at: datetime | None
    state: ClockState

    @property
    def due_display(self) -> datetime | date | None:
        """What to show: the last day allowed for day clocks, the moment for the 48-hour clock."""
        if self.deadline is None:
            return None
        if self.deadline.time() == time() and self.key != "notify_ice":
            return self.deadline.date() - timedelta(days=1)
        return self.deadline

    @property
    def is_overdue(self) -> bool:
        return self.state is ClockState.OVERDUE


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time())


def _state(deadline: datetime | None, done_at: datetime | None, now: datetime) -> ClockState:
    """For day clocks: `deadline` is the first moment too late."""
    if deadline is None:
        return ClockState.WAITING
    if done_at is not None:
        return ClockState.MET if done_at < deadline else ClockState.LATE
    return ClockState.OVERDUE if now >= deadline else ClockState.RUNNING


def _state_within(last_allowed: datetime, done_at: datetime | None, now: datetime) -> ClockState:
    """For the 48-hour clock: `last_allowed` is itself still on time."""
    if done_at is not None:
        return ClockState.MET if done_at <= last_allowed else ClockState.LATE
    return ClockState.OVERDUE if now > last_allowed else ClockState.RUNNING


def skips_federal_holidays() -> bool:
    return bool(getattr(settings, "G287_NOTICE_SKIPS_FEDERAL_HOLIDAYS", False))


def notice_rule() -> str | Promise:
    if skips_federal_holidays():
        return _("within 48 hours of receipt, not counting weekends and federal holidays")
    return _("within 48 hours of receipt, not counting weekends (federal holidays count)")


def notice_deadline(received_at: datetime) -> datetime:
    """48 hours on weekdays after receipt (local wall-clock time); federal holidays are skipped too
    only when the deployment chooses to."""
    return add_business_time(
        _local(received_at), timedelta(hours=NOTICE_HOURS), skip_holidays=skips_federal_holidays()
    )


def outcome_report_deadline(resolved_on: date) -> datetime:
    return _end_of(resolved_on + timedelta(days=OUTCOME_REPORT_DAYS))


def resolution_deadline(received_on: date) -> datetime:
    return _end_of(received_on + timedelta(days=TFM_RESOLUTION_DAYS))


def applies(model: str) -> tuple[bool, bool]:
    """(JEM/WSO clocks, TFM clock) for the case's model; both when the model is not known."""
    return model in ("JEM", "WSO", ""), model in ("TFM", "")


def reports_within_30_days(model: str) -> bool:
    """Only the JEM MOA sets a period for reporting the outcome; WSO leaves it to ICE."""
    return model in ("JEM", "")


def clocks_for(complaint: Complaint, now: datetime | None = None) -> list[Clock]:
    now = _local(now or timezone.now())
    jem_wso, tfm = applies(complaint.model)
    received = _local(complaint.received_at)
    clocks: list[Clock] = []
    if jem_wso:
        deadline = notice_deadline(complaint.received_at)
        done = _local(complaint.ice_notified_at) if complaint.ice_notified_at else None
        clocks.append(
            Clock(
                "notify_ice",
                _("ICE notified"),
                notice_rule(),
                deadline,
                done,
                _state_within(deadline, done, now),
            )
        )
    if tfm:
        deadline = resolution_deadline(received.date())
        done = _end_of(complaint.resolved_on) - timedelta(days=1) if complaint.resolved_on else None
        clocks.append(
            Clock(
                "resolve",
                _("Resolved"),
                _("within 90 days of receipt"),
                deadline,
                done,
                _state(deadline, done, now),
            )
        )
    if reports_within_30_days(complaint.model):
        report_by = outcome_report_deadline(complaint.resolved_on) if complaint.resolved_on else None
        reported = complaint.outcome_reported_on
        done = datetime.combine(reported, time()) if reported else None
        clocks.append(
            Clock(
                "report_outcome",
                _("Outcome reported to ICE"),
                _("no later than 30 days after the resolution"),
                report_by,
                done,
                _state(report_by, done, now),
            )
        )
    return clocks


def overdue_clocks(complaint: Complaint, now: datetime | None = None) -> list[Clock]:
    return [c for c in clocks_for(complaint, now) if c.is_overdue]
