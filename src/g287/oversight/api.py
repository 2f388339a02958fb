"""Oversight in the JSON API: public measures and notices; cases and the overdue list for signed-in
staff, scoped like the pages (the officer concerned is included for staff only)."""

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from g287.accounts.api_auth import API_AUTH
from g287.core.api_lists import IsoDate, ListPage, ListParams, choice, enum_schema, invalid, page
from g287.core.filters import FilterError
from g287.core.states import STATES
from g287.oversight.clocks import Clock, clocks_for
from g287.oversight.filters import CATEGORIES, KINDS, STATUSES, ComplaintFilters, NoticeFilters
from g287.oversight.filters import STATES as STATE_CODES
from g287.oversight.models import Complaint
from g287.oversight.notices import public_notices
from g287.oversight.performance import compute
from g287.oversight.permissions import OCap, ocan

router = Router(tags=["oversight"])
CODES = {code for code, _name, _fips in STATES}


# --- shapes ---------------------------------------------------------------------------------------------


class Measure(Schema):
    """One figure and how it was reached; which fields are present depends on the measure's unit."""

    value: int | float | None
    numerator: int | None = None
    denominator: int | None = None
    count: int | None = Field(None, description="complaints resolved (median_days_to_resolution)")
    paid_cents: int | None = None
    agreements: int | None = None
    note: str | None = None


class MeasureSet(Schema):
    training_current: Measure
    moa_published: Measure
    annual_meeting: Measure
    complaints_per_100_officers: Measure
    median_days_to_resolution: Measure
    paid_per_agreement: Measure


class DefinitionOut(Schema):
    label: str
    unit: str = Field(description="share, per_100, days or cents")
    how: str


class MeasuresSource(Schema):
    file: str
    date: str


class AgencyMeasures(Schema):
    agency: str
    name: str
    state: str
    measures: MeasureSet


class MeasuresOut(Schema):
    as_of: str
    state: str | None
    snapshot: MeasuresSource | None
    definitions: dict[str, DefinitionOut]
    program: MeasureSet
    models: dict[str, MeasureSet]
    states: dict[str, MeasureSet]
    agencies: list[AgencyMeasures]


class NoticeOut(Schema):
    agreement: str
    agency: str
    name: str
    state: str
    model: str
    kind: str
    given_by: str
    received_on: str
    effective_on: str
    exigent_reason: str
    summary: str
    withdrawn_on: str | None


class ClockOut(Schema):
    clock: str
    rule: str
    deadline: str | None
    done_at: str | None
    state: str


class CaseOut(Schema):
    id: int
    receipt: str
    received_at: str
    channel: str
    agency: str
    model: str | None
    category: str
    status: str
    outcome: str | None
    officer: int | None
    may_lead_to_discipline: bool
    ice_notified_at: str | None
    resolved_on: str | None
    outcome_reported_on: str | None
    clocks: list[ClockOut]


def _clock(c: Clock) -> dict[str, Any]:
    return {
        "clock": c.key,
        "rule": str(c.rule),
        "deadline": c.deadline.isoformat() if c.deadline else None,
        "done_at": c.done_at.isoformat() if c.done_at else None,
        "state": c.state.value,
    }


def _case(c: Complaint, now: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "receipt": c.receipt,
        "received_at": c.received_at.isoformat(),
        "channel": c.channel,
        "agency": c.agency_id,
        "model": c.model or None,
        "category": c.category,
        "status": c.status,
        "outcome": c.outcome or None,
        "officer": c.officer_id,
        "may_lead_to_discipline": c.may_lead_to_discipline,
        "ice_notified_at": c.ice_notified_at.isoformat() if c.ice_notified_at else None,
        "resolved_on": c.resolved_on.isoformat() if c.resolved_on else None,
        "outcome_reported_on": c.outcome_reported_on.isoformat() if c.outcome_reported_on else None,
        "clocks": [_clock(k) for k in clocks_for(c, now)],
    }


# --- operations -----------------------------------------------------------------------------------------


@router.get(
    "/measures",
    response=MeasuresOut,
    exclude_unset=True,
    summary="Performance measures as of a date (public)",
)
def measures(
    request: HttpRequest,
    as_of: IsoDate | None = None,
    state: Annotated[str, enum_schema(STATE_CODES)] | None = None,
) -> dict[str, Any]:
    day = as_of or timezone.localdate()
    if day > timezone.localdate():
        raise invalid({"as_of": "the date is in the future"})
    code = state.upper() if state else None
    if code is not None and code not in CODES:
        raise invalid({"state": f"unknown state code {state!r}"})
    return compute(day, code)


class NoticeQuery(ListParams):
    kind: str = choice(KINDS, "termination or suspension")
    state: str = choice(STATE_CODES, "the agreement's state (postal code)")
    agency: str = Field("", description="an agency id")


@router.get("/notices", response=ListPage[NoticeOut], summary="Termination and suspension notices (public)")
def notices(request: HttpRequest, query: Query[NoticeQuery]) -> dict[str, Any]:
    """Newest effective date first; filtered like the notices page."""
    try:
        filters = NoticeFilters.parse(request.GET)
    except FilterError as exc:
        raise invalid(exc.errors) from exc

    def rows(found: Any) -> list[dict[str, Any]]:
        return [
            {
                "agreement": n.agreement_id,
                "agency": n.agreement.agency_id,
                "name": n.agreement.name,
                "state": n.agreement.state,
                "model": n.agreement.model,
                "kind": n.kind,
                "given_by": n.given_by,
                "received_on": n.received_on.isoformat(),
                "effective_on": n.effective_on.isoformat(),
                "exigent_reason": n.exigent_reason,
                "summary": n.summary,
                "withdrawn_on": n.withdrawn_on.isoformat() if n.withdrawn_on else None,
            }
            for n in found
        ]

    return page(request, filters.apply(public_notices()), query, rows)


def _need_view(request: HttpRequest) -> None:
    if not ocan(request.user, OCap.VIEW):
        raise HttpError(403, "Your role does not allow this (oversight.view).")


class ComplaintQuery(ListParams):
    status: str = choice(STATUSES, "the case's status")
    category: str = choice(CATEGORIES, "the complaint's category")
    agency: str = Field("", description="an agency id")


@router.get(
    "/complaints",
    response=ListPage[CaseOut],
    auth=API_AUTH,
    summary="Complaint cases in your scope, with their clocks",
)
def complaints(request: HttpRequest, query: Query[ComplaintQuery]) -> dict[str, Any]:
    """Newest first; filtered like the complaints page."""
    _need_view(request)
    try:
        filters = ComplaintFilters.parse(request.GET)
    except FilterError as exc:
        raise invalid(exc.errors) from exc
    now = timezone.now()
    found = filters.apply(Complaint.objects.for_user(request.user))
    return page(request, found, query, lambda rows: [_case(c, now) for c in rows])


@router.get(
    "/overdue",
    response=ListPage[CaseOut],
    auth=API_AUTH,
    summary="Cases with a clock past its deadline, in your scope",
)
def overdue(request: HttpRequest, query: Query[ListParams]) -> dict[str, Any]:
    """Oldest first."""
    _need_view(request)
    now = timezone.now()
    out = []
    for c in Complaint.objects.for_user(request.user).order_by("received_at"):
        data = _case(c, now)
        if any(k["state"] == "overdue" for k in data["clocks"]):
            out.append(data)
    return page(request, out, query)
