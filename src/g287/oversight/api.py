"""Oversight in the JSON API: public measures and notices; cases and the overdue list for signed-in
staff, scoped like the pages (the officer concerned is included for staff only)."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from g287.accounts.api_auth import API_AUTH
from g287.core.states import STATES
from g287.oversight.choices import CaseStatus
from g287.oversight.clocks import Clock, clocks_for
from g287.oversight.measures import compute
from g287.oversight.models import Complaint
from g287.oversight.notices import public_notices
from g287.oversight.permissions import OCap, ocan

router = Router(tags=["oversight"])
CODES = {code for code, _name, _fips in STATES}


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


@router.get("/measures", summary="Performance measures as of a date (public)")
def measures(request: HttpRequest, as_of: date | None = None, state: str | None = None) -> dict[str, Any]:
    day = as_of or timezone.localdate()
    if day > timezone.localdate():
        raise HttpError(400, "as_of is in the future.")
    code = state.upper() if state else None
    if code is not None and code not in CODES:
        raise HttpError(400, f"Unknown state code {state!r}.")
    return compute(day, code)


@router.get("/notices", summary="Termination and suspension notices (public)")
def notices(request: HttpRequest) -> list[dict[str, Any]]:
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
        for n in public_notices()
    ]


def _need_view(request: HttpRequest) -> None:
    if not ocan(request.user, OCap.VIEW):
        raise HttpError(403, "Your role does not allow this (oversight.view).")


@router.get("/complaints", auth=API_AUTH, summary="Complaint cases in your scope, with their clocks")
def complaints(
    request: HttpRequest, status: str | None = None, limit: int = 100, offset: int = 0
) -> dict[str, Any]:
    _need_view(request)
    if not 1 <= limit <= 500 or offset < 0:
        raise HttpError(400, "limit is 1 to 500; offset is 0 or more.")
    qs = Complaint.objects.for_user(request.user)
    if status:
        if status not in CaseStatus.values:
            raise HttpError(400, f"status is one of {', '.join(CaseStatus.values)}.")
        qs = qs.filter(status=status)
    now = timezone.now()
    total = qs.count()
    return {"count": total, "results": [_case(c, now) for c in qs[offset : offset + limit]]}


@router.get("/overdue", auth=API_AUTH, summary="Cases with a clock past its deadline, in your scope")
def overdue(request: HttpRequest) -> list[dict[str, Any]]:
    _need_view(request)
    now = timezone.now()
    out = []
    for c in Complaint.objects.for_user(request.user).order_by("received_at"):
        data = _case(c, now)
        if any(k["state"] == "overdue" for k in data["clocks"]):
            out.append(data)
    return out
