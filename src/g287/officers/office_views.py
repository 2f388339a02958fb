"""Staff pages for officers: list, nominate, one officer with the actions the viewer may take, roster
import, compliance, courses. Every query starts from `for_user`; every write goes through services."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from g287.accounts.bad_filter import bad_filter
from g287.accounts.decorators import office_view
from g287.accounts.roles import Perm, can, perms_of
from g287.accounts.scoping import agencies_for, get_in_scope
from g287.core.filters import FilterError, day_out_of_range
from g287.officers import roster, services
from g287.officers.compliance import HORIZONS, compliance_report
from g287.officers.filters import OfficerFilters
from g287.officers.forms import (
    CertifyForm,
    CourseForm,
    CredentialReturnForm,
    ExamForm,
    NominationForm,
    RenewForm,
    ReviewForm,
    RevokeForm,
    RosterForm,
    SeparateForm,
    add_errors,
)
from g287.officers.models import Certification, Course, Officer, OfficerStatus, RosterUpload
from g287.officers.rules import Nomination
from g287.officers.status import history_of, status_on, suspensions
from g287.officers.timeline import DayStatus, status_at
from g287.registry.models import AgreementModel, Status


def _agency_choices(user: Any) -> list[tuple[str, str]]:
    agencies = (
        agencies_for(user).filter(agreements__status=Status.ACTIVE).distinct().order_by("state", "name")
    )
    return [(a.pk, f"{a.name} ({a.state})") for a in agencies.only("id", "name", "state")]


@office_view(Perm.OFFICERS_VIEW)
def officer_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        filters = OfficerFilters.parse(request.GET)
    except FilterError as exc:
        return bad_filter(request, exc)
    officers = filters.apply(
        Officer.objects.for_user(request.user)
        .select_related("agency")
        .prefetch_related("certifications", "exams")
    )
    q, agency, status, model = filters.q, filters.agency, filters.status, filters.model
    page = Paginator(officers, 50).get_page(request.GET.get("page"))
    spans = suspensions([o.pk for o in page])  # one read for the page, not one per officer
    rows = [(o, _with_suspension(status_at(history_of(o), today), spans.get(o.pk, []), today)) for o in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "officers/list.html",
        {
            "page": page,
            "rows": rows,
            "q": q,
            "agency": agency,
            "status": status,
            "model": model,
            "statuses": OfficerStatus.choices,
            "models": AgreementModel.choices,
            "query": query.urlencode(),
            "can_nominate": can(request.user, Perm.OFFICERS_NOMINATE),
            "can_import": can(request.user, Perm.OFFICERS_IMPORT),
        },
    )


@office_view(Perm.OFFICERS_NOMINATE)
def nominate(request: HttpRequest) -> HttpResponse:
    agencies = _agency_choices(request.user)
    form = NominationForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            officer = services.nominate(
                request.user,
                data["agency"],
                Nomination(
                    given_name=data["given_name"],
                    family_name=data["family_name"],
                    badge_number=data["badge_number"],
                    sworn_since=data["sworn_since"],
                    models=data["models"],
                    citizenship_attested=data["citizenship_attested"],
                    disciplinary_disclosure=data["disciplinary_disclosure"],
                ),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s nominated; the program office will review.") % {"name": officer.name}
            )
            return redirect("officers:detail", officer_id=officer.pk)
    # A refused nomination is a refused request (400), with the reasons on the form.
    status = 400 if form.errors else 200
    return render(
        request, "officers/nominate.html", {"form": form, "no_agencies": not agencies}, status=status
    )


def _with_suspension(status: DayStatus, spans: list[tuple[date, date | None]], day: date) -> DayStatus:
    if status is DayStatus.CERTIFIED and any(lo <= day and (hi is None or day < hi) for lo, hi in spans):
        return DayStatus.SUSPENDED
    return status


def _detail_context(request: HttpRequest, officer: Officer, **bound: forms.Form) -> dict[str, Any]:
    today = timezone.localdate()
    models = officer.model_list
    perms = perms_of(request.user)
    approved = officer.status == OfficerStatus.APPROVED
    forms_: dict[str, forms.Form | None] = {
        "review_form": ReviewForm()
        if Perm.OFFICERS_REVIEW in perms and officer.status == OfficerStatus.NOMINATED
        else None,
        "exam_form": ExamForm(models=models) if Perm.OFFICERS_TRAIN in perms and approved else None,
        "certify_form": CertifyForm(models=models) if Perm.OFFICERS_CERTIFY in perms and approved else None,
        "separate_form": SeparateForm()
        if Perm.OFFICERS_SEPARATE in perms and officer.status != OfficerStatus.SEPARATED
        else None,
        "return_form": CredentialReturnForm()
        if Perm.OFFICERS_SEPARATE in perms
        and officer.status == OfficerStatus.SEPARATED
        and not officer.credentials_returned_on
        else None,
    }
    forms_.update(bound)
    return {
        "officer": officer,
        # status_on, not the bare history: a complaint's suspension shows as "suspended".
        "today_status": status_on(officer, today),
        "model_status": [(m, status_on(officer, today, m)) for m in models],
        "exams": officer.exams.all(),
        "certifications": officer.certifications.all(),
        "can_renew": Perm.OFFICERS_CERTIFY in perms and approved,
        "can_revoke": Perm.OFFICERS_REVOKE in perms,
        "renew_form": RenewForm(),
        "revoke_form": RevokeForm(),
        **forms_,
    }


def _officer(request: HttpRequest, officer_id: int) -> Officer:
    return get_in_scope(
        Officer.objects.select_related("agency").prefetch_related("certifications", "exams"),
        request.user,
        pk=officer_id,
    )


@office_view(Perm.OFFICERS_VIEW)
def detail(request: HttpRequest, officer_id: int) -> HttpResponse:
    return render(request, "officers/detail.html", _detail_context(request, _officer(request, officer_id)))


def _action(
    request: HttpRequest,
    officer_id: int,
    form: forms.Form,
    key: str,
    run: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """Validates `form`, runs the service; on success back to the officer with a message, otherwise the
    officer page again with the form's errors."""
    officer = _officer(request, officer_id)
    if form.is_valid():
        try:
            done = run(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("officers:detail", officer_id=officer_id)
    return render(
        request, "officers/detail.html", _detail_context(request, officer, **{key: form}), status=400
    )


@require_POST
@office_view(Perm.OFFICERS_REVIEW)
def review(request: HttpRequest, officer_id: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        officer = services.review(request.user, officer_id, data["decision"] == "approve", data["reason"])
        if officer.status == OfficerStatus.APPROVED:
            return _("Nomination approved.")
        return _("Nomination rejected.")

    return _action(request, officer_id, ReviewForm(request.POST), "review_form", run)


@require_POST
@office_view(Perm.OFFICERS_TRAIN)
def exam(request: HttpRequest, officer_id: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        outcome = services.record_exam(
            request.user, officer_id, data["model"], data["taken_on"], data["score"]
        )
        if outcome.disqualified:
            return _("Exam recorded: the retake failed, so the officer is disqualified.")
        if outcome.exam.passed:
            return _("Exam recorded: passed.")
        return _("Exam recorded: failed, one retake allowed.")

    return _action(request, officer_id, ExamForm(request.POST), "exam_form", run)


@require_POST
@office_view(Perm.OFFICERS_CERTIFY)
def certify(request: HttpRequest, officer_id: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        cert = services.certify(
            request.user,
            officer_id,
            data["model"],
            data["authorized_on"],
            data["form_70006_number"],
            data["credential_number"],
        )
        if cert.expires_on:
            return _("%(model)s certification recorded, expires %(date)s.") % {
                "model": cert.model,
                "date": cert.expires_on.isoformat(),
            }
        return _("%(model)s certification recorded.") % {"model": cert.model}

    return _action(request, officer_id, CertifyForm(request.POST), "certify_form", run)


def _certification(request: HttpRequest, certification_id: int) -> Certification:
    return get_in_scope(Certification.objects.all(), request.user, pk=certification_id)


@require_POST
@office_view(Perm.OFFICERS_CERTIFY)
def renew(request: HttpRequest, certification_id: int) -> HttpResponse:
    cert = _certification(request, certification_id)

    def run(data: dict[str, Any]) -> str:
        new = services.renew(
            request.user,
            certification_id,
            data["renewed_on"],
            data["form_70006_number"],
            data["credential_number"],
        )
        return _("%(model)s certification renewed from %(date)s.") % {
            "model": new.model,
            "date": new.authorized_on.isoformat(),
        }

    return _action(request, cert.officer_id, RenewForm(request.POST), "renew_form", run)


@require_POST
@office_view(Perm.OFFICERS_REVOKE)
def revoke(request: HttpRequest, certification_id: int) -> HttpResponse:
    cert = _certification(request, certification_id)

    def run(data: dict[str, Any]) -> str:
        done = services.revoke(request.user, certification_id, data["on"], data["reason"])
        return _("%(model)s certification revoked from %(date)s.") % {
            "model": done.model,
            "date": data["on"].isoformat(),
        }

    return _action(request, cert.officer_id, RevokeForm(request.POST), "revoke_form", run)


@require_POST
@office_view(Perm.OFFICERS_SEPARATE)
def separate(request: HttpRequest, officer_id: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        services.separate(
            request.user, officer_id, data["on"], data["reason"], data["credentials_returned_on"]
        )
        return _("Separation recorded; open certifications ended.")

    return _action(request, officer_id, SeparateForm(request.POST), "separate_form", run)


@require_POST
@office_view(Perm.OFFICERS_SEPARATE)
def credentials_returned(request: HttpRequest, officer_id: int) -> HttpResponse:
    def run(data: dict[str, Any]) -> str:
        services.record_credential_return(request.user, officer_id, data["on"])
        return _("Credential return recorded.")

    return _action(request, officer_id, CredentialReturnForm(request.POST), "return_form", run)


# Roster import ---------------------------------------------------------------------------------


@office_view(Perm.OFFICERS_IMPORT)
def roster_upload(request: HttpRequest) -> HttpResponse:
    agencies = _agency_choices(request.user)
    form = RosterForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        if upload_file.size > roster.MAX_BYTES:
            form.add_error(
                "file", _("The file is larger than %(mb)s MB.") % {"mb": roster.MAX_BYTES // (1024 * 1024)}
            )
        else:
            upload = roster.preview(
                request.user, form.cleaned_data["agency"], upload_file.name, upload_file.read()
            )
            return redirect("officers:import_preview", upload_id=upload.pk)
    return render(
        request,
        "officers/import.html",
        {"form": form, "columns": roster.COLUMNS, "no_agencies": not agencies},
        status=400 if form.errors else 200,  # a refused file is a refused request, with the reason
    )


@office_view(Perm.OFFICERS_IMPORT)
def roster_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(roster.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="g287-roster-template.csv"'
    return response


@office_view(Perm.OFFICERS_IMPORT)
def roster_preview(request: HttpRequest, upload_id: int) -> HttpResponse:
    upload = get_in_scope(RosterUpload.objects.select_related("agency"), request.user, pk=upload_id)
    status = 200
    if request.method == "POST":
        try:
            officers = roster.commit(request.user, upload_id)
        except ValidationError as exc:
            for messages_ in exc.message_dict.values():
                for message in messages_:
                    messages.error(request, message)
            upload.refresh_from_db()
            status = 400
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s officer(s) nominated from %(file)s.",
                    "%(count)s officer(s) nominated from %(file)s.",
                    len(officers),
                )
                % {"count": len(officers), "file": upload.filename},
            )
            return redirect(f"{reverse('officers:list')}?agency={upload.agency_id}&status=nominated")
    by_row: dict[int, list[dict[str, Any]]] = {}
    for error in upload.errors:
        by_row.setdefault(int(error["row"]), []).append(error)
    rows = [
        (index, [row.get(c, "") for c in roster.COLUMNS], by_row.get(index, []))
        for index, row in enumerate(upload.rows, start=2)
    ]
    return render(
        request,
        "officers/import_preview.html",
        {
            "upload": upload,
            "rows": rows,
            "file_errors": [e for e in upload.errors if int(e["row"]) <= 1],
            "columns": roster.COLUMNS,
        },
        status=status,
    )


# Compliance and courses ------------------------------------------------------------------------


@office_view(Perm.OFFICERS_VIEW)
def compliance(request: HttpRequest) -> HttpResponse:
    as_of = timezone.localdate()
    raw = request.GET.get("as_of", "").strip()
    error = ""
    if raw:
        try:
            asked = date.fromisoformat(raw)
        except ValueError:
            error = _("as_of: %(raw)r is not a date (use YYYY-MM-DD); showing today.") % {"raw": raw}
        else:
            problem = day_out_of_range(asked)
            if problem:
                error = _("as_of: %(problem)s; showing today.") % {"problem": problem}
            else:
                as_of = asked
    report = compliance_report(request.user, as_of)
    return render(
        request,
        "officers/compliance.html",
        {"report": report, "horizons": HORIZONS, "error": error, "status_certified": DayStatus.CERTIFIED},
    )


@office_view(Perm.OFFICERS_COURSES)
def courses(request: HttpRequest) -> HttpResponse:
    rows = []
    for course in Course.objects.all():
        prefix = course.model
        initial = {
            "hours": course.hours,
            "pass_mark": course.pass_mark,
            "valid_years": course.valid_years,
            "valid_from": course.valid_from,
        }
        form = CourseForm(
            request.POST if request.method == "POST" and request.POST.get("model") == course.model else None,
            initial=initial,
            prefix=prefix,
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                services.update_course(
                    request.user,
                    course.model,
                    data["hours"],
                    data["pass_mark"],
                    data["valid_years"],
                    data["valid_from"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("%(model)s course updated.") % {"model": course.model})
                return redirect("officers:courses")
        rows.append((course, form))
    return render(request, "officers/courses.html", {"rows": rows})
