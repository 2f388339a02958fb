"""Public pages: the complaint form and its status check (English and Spanish), notices, meetings
and the performance measures. Nothing here shows the officer concerned, the complainant's words or
their contact."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from g287.accounts.scoping import SYSTEM
from g287.core.filters import FilterError
from g287.core.states import STATES
from g287.oversight import throttle
from g287.oversight.clocks import clocks_for
from g287.oversight.filters import NoticeFilters
from g287.oversight.forms import PublicComplaintForm, StatusForm, add_errors, grouped_agencies
from g287.oversight.meetings import meeting_schedule
from g287.oversight.models import Complaint, Meeting, RecordedMeasure
from g287.oversight.notices import public_notices
from g287.oversight.performance import DEFINITIONS, compute, display
from g287.oversight.records import records_since
from g287.oversight.services import cases
from g287.registry.models import Agency, Status

SESSION_RECEIPT = "oversight_receipt"
STATE_CODES = {code: name for code, name, _fips in STATES}


def _agencies() -> list[tuple[str, list[tuple[str, str]]]]:
    return grouped_agencies(Agency.objects.filter(agreements__status=Status.ACTIVE).distinct())


def _minutes(delta: Any) -> int:
    return max(1, int(delta.total_seconds() // 60) + 1)


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    form = PublicComplaintForm(request.POST if request.method == "POST" else None, agencies=_agencies())
    status = 200
    if request.method == "POST":
        key = throttle.client_key(request)
        wait = throttle.retry_after(throttle.SUBMIT, key)
        if wait is not None:
            form.add_error(
                None,
                _(
                    "Too many complaints were sent from here recently. Please try again in %(minutes)d minutes."
                )
                % {"minutes": _minutes(wait)},
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                complaint = cases.file_public(
                    cases.Intake(
                        agency_id=data["agency"],
                        model=data["model"] or "",
                        category=data["category"],
                        description=data["description"],
                        incident_on=data["incident_on"],
                        contact=data["contact"],
                    ),
                    language=get_language() or "en",
                )
            except ValidationError as exc:
                add_errors(form, exc, {"agency_id": "agency"})
            else:
                throttle.note(throttle.SUBMIT, key)
                request.session[SESSION_RECEIPT] = complaint.receipt
                return redirect("oversight:complaint_received")
        if status == 200 and form.errors:
            status = 400
    return render(request, "oversight/complaint_new.html", {"form": form}, status=status)


def complaint_received(request: HttpRequest) -> HttpResponse:
    receipt = request.session.get(SESSION_RECEIPT)
    if not receipt:
        return redirect("oversight:complaint_new")
    return render(request, "oversight/complaint_received.html", {"receipt": receipt})


@require_http_methods(["GET", "POST"])
def complaint_status(request: HttpRequest) -> HttpResponse:
    # POST, so receipt numbers stay out of addresses, histories and server logs.
    form = StatusForm(request.POST if request.method == "POST" else None)
    complaint: Complaint | None = None
    status = 200
    if request.method == "POST":
        key = throttle.client_key(request)
        wait = throttle.retry_after(throttle.STATUS, key)
        if wait is not None:
            form.add_error(
                None,
                _("Too many status checks from here recently. Please try again in %(minutes)d minutes.")
                % {"minutes": _minutes(wait)},
            )
            status = 429
        else:
            throttle.note(throttle.STATUS, key)
            if form.is_valid():
                complaint = (
                    Complaint.objects.select_related("agency")
                    .filter(receipt=form.cleaned_data["receipt"])
                    .first()
                )
                if complaint is None:
                    form.add_error(
                        "receipt", _("No complaint has this receipt number. Check it and try again.")
                    )
            if form.errors:
                status = 400 if complaint is None and status == 200 else status
    clocks = clocks_for(complaint) if complaint else []
    return render(
        request,
        "oversight/complaint_status.html",
        {"form": form, "complaint": complaint, "clocks": clocks},
        status=status,
    )


def notices(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        filters = NoticeFilters.parse(request.GET)
    except FilterError as exc:
        return render(request, "portal/error.html", {"errors": exc.errors}, status=400)
    found = list(filters.apply(public_notices()))
    return render(request, "oversight/notices.html", {"notices": found, "today": today})


def meetings(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    held = (
        Meeting.objects.filter(held_on__isnull=False).select_related("agreement").order_by("-held_on")[:200]
    )
    since = records_since().get(RecordedMeasure.MEETINGS)
    overdue = [m for m in meeting_schedule(SYSTEM, today) if m.known_overdue_on(today, since)]
    return render(
        request,
        "oversight/meetings.html",
        {"held": held, "overdue": overdue, "today": today, "records_since": since},
    )


def _as_of(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def measures(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    errors: list[str] = []
    raw = request.GET.get("as_of", "").strip()
    as_of = today
    if raw:
        parsed = _as_of(raw)
        if parsed is None or parsed > today or parsed.year < 2000:
            errors.append(_("The date must be a day between 2000-01-01 and today, written YYYY-MM-DD."))
        else:
            as_of = parsed
    state = request.GET.get("state", "").strip().upper() or None
    if state is not None and state not in STATE_CODES:
        errors.append(_("Unknown state code."))
        state = None
    data = compute(as_of, state, agencies=state is not None)  # the agencies show for one state only
    groups: list[tuple[str, str, dict[str, Any]]] = [("program", _("Whole program"), data["program"])]
    groups += [("model", code, m) for code, m in data["models"].items()]
    groups += [("state", f"{STATE_CODES.get(code, code)} ({code})", m) for code, m in data["states"].items()]
    if state is not None:
        groups += [("agency", a["name"], a["measures"]) for a in data["agencies"]]
    rows = [(kind, name, [display(d.unit, m[d.key]) for d in DEFINITIONS]) for kind, name, m in groups]
    return render(
        request,
        "oversight/measures.html",
        {
            "data": data,
            "rows": rows,
            "definitions": DEFINITIONS,
            "as_of": as_of,
            "state": state,
            "states": sorted(STATE_CODES.items()),
            "errors": errors,
        },
        status=400 if errors else 200,
    )
