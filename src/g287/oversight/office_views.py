"""Staff pages under /office/oversight/: the program office's overdue list, complaint cases with their
clocks, meetings and notices. Reads start from `for_user`; writes go through the services."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from g287.accounts.bad_filter import bad_filter
from g287.accounts.decorators import office_view
from g287.accounts.roles import Perm, can, perms_of
from g287.accounts.scoping import agencies_for, get_in_scope
from g287.core.filters import FilterError
from g287.officers.models import Officer
from g287.oversight import meetings, notices, records
from g287.oversight.choices import CaseStatus, Category
from g287.oversight.clocks import clocks_for, overdue_clocks, skips_federal_holidays
from g287.oversight.filters import ComplaintFilters, NoticeFilters
from g287.oversight.forms import (
    HeldForm,
    IntakeForm,
    NoticeForm,
    NotifiedForm,
    RecordsSinceForm,
    ReportForm,
    ResolveForm,
    ScheduleForm,
    TriageForm,
    add_errors,
    grouped_agencies,
)
from g287.oversight.models import Complaint, Meeting, Notice, RecordedMeasure, RecordsSince
from g287.oversight.services import cases


def _allowed(request: HttpRequest) -> set[str]:
    """The permissions the page's links and forms depend on (the route has checked the page's own)."""
    return {perm.value for perm in perms_of(request.user)}


@office_view(Perm.OVERSIGHT_VIEW)
def home(request: HttpRequest) -> HttpResponse:
    """The overdue list: cases with a clock past its deadline and meetings past due, in scope."""
    now = timezone.now()
    today = timezone.localdate()
    candidates = (
        Complaint.objects.for_user(request.user)
        .select_related("agency")
        .exclude(status=CaseStatus.RESOLVED, outcome_reported_on__isnull=False)
        .order_by("received_at")
    )
    overdue_cases = [(c, overdue_clocks(c, now)) for c in candidates]
    overdue_cases = [(c, clocks) for c, clocks in overdue_cases if clocks]
    overdue_meetings = [m for m in meetings.meeting_schedule(request.user, today) if m.overdue_on(today)]
    suspended = (
        Complaint.objects.for_user(request.user)
        .filter(may_lead_to_discipline=True, officer__isnull=False)
        .exclude(status=CaseStatus.RESOLVED)
        .select_related("officer", "agency")
    )
    return render(
        request,
        "oversight/office/home.html",
        {
            "overdue_cases": overdue_cases,
            "overdue_meetings": overdue_meetings,
            "suspended": suspended,
            "allowed": _allowed(request),
        },
    )


@office_view(Perm.OVERSIGHT_VIEW)
def complaint_list(request: HttpRequest) -> HttpResponse:
    try:
        filters = ComplaintFilters.parse(request.GET)
    except FilterError as exc:
        return bad_filter(request, exc)
    complaints = filters.apply(Complaint.objects.for_user(request.user).select_related("agency"))
    status, category, agency = filters.status, filters.category, filters.agency
    now = timezone.now()
    clock = filters.clock
    listed: Any = complaints
    if clock:
        # The work queue's links: cases with a clock in that state (overdue wins over running).
        def in_state(c: Complaint) -> bool:
            states = {k.state.value for k in clocks_for(c, now)}
            return clock in states and (clock == "overdue" or "overdue" not in states)

        listed = [
            c
            for c in complaints.exclude(status=CaseStatus.RESOLVED, outcome_reported_on__isnull=False)
            if in_state(c)
        ]
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    rows = [(c, clocks_for(c, now)) for c in page]
    return render(
        request,
        "oversight/office/complaints.html",
        {
            "page": page,
            "rows": rows,
            "statuses": CaseStatus.choices,
            "categories": Category.choices,
            "status": status,
            "category": category,
            "agency": agency,
            "clock": clock,
            "allowed": _allowed(request),
        },
    )


@office_view(Perm.OVERSIGHT_CASES)
def complaint_new(request: HttpRequest) -> HttpResponse:
    agencies = grouped_agencies(agencies_for(request.user))
    form = IntakeForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = cases.record_complaint(
                request.user,
                cases.Intake(
                    agency_id=data["agency"],
                    model=data["model"] or "",
                    category=data["category"],
                    description=data["description"],
                    incident_on=data["incident_on"],
                    contact=data["contact"],
                ),
                data["channel"],
                data["received_at"],
            )
        except ValidationError as exc:
            add_errors(form, exc, {"agency_id": "agency"})
        else:
            messages.success(request, _("Case %(receipt)s recorded.") % {"receipt": complaint.receipt})
            return redirect("oversight:office_complaint", complaint_id=complaint.pk)
    return render(
        request, "oversight/office/complaint_new.html", {"form": form}, status=400 if form.errors else 200
    )


def _officer_choices(complaint: Complaint) -> list[tuple[int, str]]:
    officers = Officer.objects.filter(agency_id=complaint.agency_id).order_by("family_name", "given_name")
    return [(o.pk, f"{o.name} ({o.badge_number})") for o in officers]


def _detail(
    request: HttpRequest, complaint: Complaint, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    can_edit = can(request.user, Perm.OVERSIGHT_CASES)
    triage_initial = {
        "model": complaint.model,
        "officer": complaint.officer_id,
        "may_lead_to_discipline": complaint.may_lead_to_discipline,
        "suspended_from": complaint.suspended_from,
    }
    forms_: dict[str, forms.Form | None] = {
        "triage_form": TriageForm(initial=triage_initial, officers=_officer_choices(complaint)),
        "notified_form": NotifiedForm() if complaint.ice_notified_at is None else None,
        "resolve_form": ResolveForm() if not complaint.is_resolved else None,
        "report_form": ReportForm()
        if complaint.is_resolved and complaint.outcome_reported_on is None
        else None,
    }
    if not can_edit:
        forms_ = dict.fromkeys(forms_)
    forms_.update(bound)
    return render(
        request,
        "oversight/office/complaint.html",
        {
            "complaint": complaint,
            "clocks": clocks_for(complaint),
            "skips_holidays": skips_federal_holidays(),
            "can_edit": can_edit,
            **forms_,
        },
        status=status,
    )


@office_view(Perm.OVERSIGHT_VIEW)
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = get_in_scope(
        Complaint.objects.select_related("agency", "officer"), request.user, pk=complaint_id
    )
    return _detail(request, complaint)


def _act(
    request: HttpRequest,
    complaint_id: int,
    form_class: Callable[..., forms.Form],
    form_name: str,
    action: Callable[[Any, dict[str, Any]], Complaint],
    done: str,
    **form_kwargs: Any,
) -> HttpResponse:
    """Applies a case form: back to the case when done, else the case's page with the form's errors."""
    complaint = _complaint(request, complaint_id)
    form = form_class(request.POST, **form_kwargs) if form_kwargs else form_class(request.POST)
    if _applied(form, lambda data: action(complaint, data)):
        messages.success(request, done)
        return redirect("oversight:office_complaint", complaint_id=complaint.pk)
    return _detail(request, complaint, status=400, **{form_name: form})


def _complaint(request: HttpRequest, complaint_id: int) -> Complaint:
    return get_in_scope(Complaint.objects.select_related("agency", "officer"), request.user, pk=complaint_id)


def _applied(form: forms.Form, action: Callable[[dict[str, Any]], Any]) -> bool:
    """Runs `action` with a valid form's data; a service's refusal goes on the form. True when done."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        add_errors(form, exc)
        return False
    return True


@require_POST
@office_view(Perm.OVERSIGHT_CASES)
def complaint_triage(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = get_in_scope(Complaint.objects.all(), request.user, pk=complaint_id)
    return _act(
        request,
        complaint_id,
        TriageForm,
        "triage_form",
        lambda c, d: cases.triage(
            request.user,
            c.pk,
            d["model"] or "",
            d["officer"],
            d["may_lead_to_discipline"],
            d["suspended_from"],
        ),
        _("Case updated."),
        officers=_officer_choices(complaint),
    )


@require_POST
@office_view(Perm.OVERSIGHT_CASES)
def complaint_notified(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _act(
        request,
        complaint_id,
        NotifiedForm,
        "notified_form",
        lambda c, d: cases.mark_ice_notified(request.user, c.pk, d["at"]),
        _("ICE notification recorded."),
    )


@require_POST
@office_view(Perm.OVERSIGHT_CASES)
def complaint_resolve(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _act(
        request,
        complaint_id,
        ResolveForm,
        "resolve_form",
        lambda c, d: cases.resolve(request.user, c.pk, d["on"], d["outcome"], d["public_note"]),
        _("Case resolved."),
    )


@require_POST
@office_view(Perm.OVERSIGHT_CASES)
def complaint_report(request: HttpRequest, complaint_id: int) -> HttpResponse:
    return _act(
        request,
        complaint_id,
        ReportForm,
        "report_form",
        lambda c, d: cases.report_outcome(request.user, c.pk, d["on"]),
        _("Outcome report recorded."),
    )


@office_view(Perm.OVERSIGHT_VIEW)
def meeting_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    schedule = meetings.meeting_schedule(request.user, today)
    # "Overdue" only where the records cover the year: the work queue counts the same way.
    since = records.records_since().get(RecordedMeasure.MEETINGS)
    overdue = {m.agreement.pk for m in schedule if m.known_overdue_on(today, since)}
    only = request.GET.get("overdue") == "1"
    if only:
        schedule = [m for m in schedule if m.agreement.pk in overdue]
    page = Paginator(schedule, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "oversight/office/meetings.html",
        {
            "page": page,
            "today": today,
            "only_overdue": only,
            "records_since": since,
            "overdue": overdue,
            "allowed": _allowed(request),
            "kinds": ScheduleForm.base_fields["kind"],
        },
    )


@require_POST
@office_view(Perm.OVERSIGHT_MEETINGS)
def meeting_schedule(request: HttpRequest) -> HttpResponse:
    form = ScheduleForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            meetings.schedule(request.user, d["agreement"], d["scheduled_on"], d["kind"])
        except ValidationError as exc:
            add_errors(form, exc, {"agreement": "scheduled_on"})
        else:
            messages.success(request, _("Meeting scheduled for %(date)s.") % {"date": d["scheduled_on"]})
            return redirect("oversight:office_meetings")
    for message in form.errors.as_data().values():
        for error in message:
            messages.error(request, " ".join(error.messages))
    return redirect("oversight:office_meetings")


@office_view(Perm.OVERSIGHT_MEETINGS)
def meeting_held(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_in_scope(Meeting.objects.select_related("agreement"), request.user, pk=meeting_id)
    form = HeldForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meetings.record_held(
                request.user, meeting.pk, form.cleaned_data["held_on"], form.cleaned_data["public_summary"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Meeting recorded; its summary is public."))
            return redirect("oversight:office_meetings")
    return render(
        request,
        "oversight/office/meeting_held.html",
        {"meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


@office_view(Perm.OVERSIGHT_VIEW, post=Perm.OVERSIGHT_NOTICES)
def notice_list(request: HttpRequest) -> HttpResponse:
    can_record = can(request.user, Perm.OVERSIGHT_NOTICES)
    form = NoticeForm(request.POST if request.method == "POST" else None) if can_record else None
    if request.method == "POST":
        assert form is not None  # the route let the POST through: the role may record notices
        if form.is_valid():
            d = form.cleaned_data
            try:
                notices.record_notice(
                    request.user,
                    d["agreement"],
                    d["kind"],
                    d["given_by"],
                    d["received_on"],
                    d["effective_on"],
                    d["exigent_reason"],
                    d["summary"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Notice recorded and published."))
                return redirect("oversight:office_notices")
    try:
        filters = NoticeFilters.parse(request.GET)
    except FilterError as exc:
        return bad_filter(request, exc)
    items = filters.apply(Notice.objects.for_user(request.user).select_related("agreement"))
    return render(
        request,
        "oversight/office/notices.html",
        {"notices": items, "form": form, "today": timezone.localdate()},
        status=400 if form is not None and form.errors else 200,
    )


@office_view(Perm.OVERSIGHT_RECORDS_SINCE)
def records_since(request: HttpRequest) -> HttpResponse:
    """Since when each obligation is recorded here; the public measures count from these dates."""
    form = RecordsSinceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            records.set_records_since(request.user, form.cleaned_data["measure"], form.cleaned_data["since"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Saved; the public measures now count from this date."))
            return redirect("oversight:office_records_since")
    current = {r.measure: r for r in RecordsSince.objects.select_related("set_by")}
    rows = [(value, label, current.get(value)) for value, label in RecordedMeasure.choices]
    return render(
        request,
        "oversight/office/records_since.html",
        {"rows": rows, "form": form},
        status=400 if form.errors else 200,
    )
