"""Staff pages under /office/funding/: claims and their actions, the budget, and the program office's pages
(the fiscal-year rules, a new rule set from a date, never an edit in place; lead-count reports;
appropriations; one agency's settlement statement as CSV or PDF, rendered on request from the database).

Every change goes through the same services as the API, which check the role again and record the audit
entry; a service's ValidationError is shown on the page (400 for claims, on the form's fields for the
program office's pages), never a 500."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from g287.accounts.bad_filter import bad_filter
from g287.accounts.decorators import office_view
from g287.accounts.roles import Perm, can
from g287.accounts.scoping import agencies_for, agency_in_scope, get_in_scope
from g287.core.filters import FilterError
from g287.funding import budget as budget_service
from g287.funding.attachments import download_response
from g287.funding.awards import awards_shown, report_leads
from g287.funding.filters import ClaimFilters
from g287.funding.fiscal import FIRST_FY, LAST_FY, Quarter, fiscal_year_of
from g287.funding.forms import AdjustForm, ExpenseForm, FileForm, LineForm, NewClaimForm, PayForm, ReasonForm
from g287.funding.models import Appropriation, Claim, ClaimStatus, PerformanceReport, RuleSet, SupportingFile
from g287.funding.office_forms import FORM_FIELD_OF, AppropriationForm, ReportForm, RulesForm
from g287.funding.rules import update_rules
from g287.funding.services import claims as service
from g287.funding.services.expenses import add_expense, remove_expense
from g287.funding.services.settlement import gather
from g287.funding.services.statements import agency_csv, agency_pdf
from g287.funding.validation import problem_counts
from g287.officers.bulk import certified_days_bulk
from g287.officers.models import Officer


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    """The service's messages are sentences that name what they are about; field keys are for the API
    and are not shown."""
    for text in exc.messages:
        messages.error(request, text)


class FormRefused(ValidationError):
    """A form that did not validate: its fields show their own errors on the page sent back."""


def _refused(form: Any, what: str) -> FormRefused:
    """Says in words which fields were refused and why, by their labels (never the field names)."""
    said: list[str] = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label or name.replace("_", " ").capitalize()) if field is not None else ""
        said.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return FormRefused((_("%(what)s was not saved.") % {"what": what} + " " + " ".join(said)).strip())


def _form_errors(request: HttpRequest, form: Any) -> None:
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label or name.replace("_", " ").capitalize()) if field is not None else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@office_view(Perm.FUNDING_VIEW)
def claim_list(request: HttpRequest) -> HttpResponse:
    try:
        filters = ClaimFilters.parse(request.GET)
    except FilterError as exc:
        return bad_filter(request, exc)
    found = filters.apply(Claim.objects.for_user(request.user).select_related("agency"))
    status, quarter = filters.status, request.GET.get("quarter", "").strip()
    form = None
    if can(request.user, Perm.FUNDING_PREPARE):
        agencies = [(a.pk, str(a)) for a in agencies_for(request.user)[:2000]]
        form = NewClaimForm(
            agencies=agencies,
            initial={
                "quarter": request.GET.get("new_quarter", "")[:10]
                or str(Quarter.of(timezone.localdate()).previous()),
                "agency": request.GET.get("new_agency", "")[:170],
            },
        )
    return render(
        request,
        "funding/claims.html",
        {
            "claims": found[:500],
            "statuses": ClaimStatus.choices,
            "status": status,
            "quarter": quarter,
            "form": form,
        },
    )


@office_view(Perm.FUNDING_PREPARE)
@require_POST
def claim_new(request: HttpRequest) -> HttpResponse:
    agencies = [(a.pk, str(a)) for a in agencies_for(request.user)]
    form = NewClaimForm(request.POST, agencies=agencies)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("funding:claims")
    try:
        claim = service.open_claim(request.user, form.cleaned_data["agency"], form.cleaned_data["quarter"])
    except ValidationError as exc:
        _errors(request, exc)
        # Back to the list with what was typed kept in the form.
        kept = urlencode(
            {"new_agency": request.POST.get("agency", ""), "new_quarter": request.POST.get("quarter", "")}
        )
        return redirect(f"{reverse('funding:claims')}?{kept}")
    messages.success(request, _("Draft claim #%(number)s opened.") % {"number": claim.pk})
    return redirect("funding:claim", claim_id=claim.pk)


@office_view(Perm.FUNDING_VIEW)
def claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_in_scope(Claim.objects.select_related("agency"), request.user, pk=claim_id)
    return _detail(request, claim)


def _detail(request: HttpRequest, claim: Claim, action: str = "", status: int = 200) -> HttpResponse:
    """The claim's page; after a refused action (`action`), with what was typed kept in its form."""
    officers = officer_choices(claim)
    user = request.user
    own = user.pk in (claim.created_by_id, claim.submitted_by_id)
    post = request.POST if action else None
    return render(
        request,
        "funding/claim.html",
        {
            "claim": claim,
            "lines": claim.lines.select_related("officer"),
            "files": claim.files.defer("content"),
            "approvals": claim.approvals.select_related("reviewer"),
            "approvals_needed": service.approvals_needed(claim)
            if claim.status in (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW)
            else None,
            "approved_by_me": claim.approvals.filter(reviewer_id=user.pk).exists(),
            "payment": getattr(claim, "payment", None),
            "problems": problem_counts(claim.pk),
            "line_form": LineForm(post if action == "line" else None, officers=officers),
            "expenses": claim.expenses.select_related("officer"),
            "award": awards_shown(Quarter(claim.fiscal_year, claim.quarter), [claim.agency_id]).get(
                claim.agency_id
            ),
            "expense_form": ExpenseForm(post if action == "expense" else None, officers=officers),
            "can_prepare": can(user, Perm.FUNDING_PREPARE),
            "can_review": can(user, Perm.FUNDING_REVIEW) and not own,
            "can_pay": can(user, Perm.FUNDING_PAY),
            "S": ClaimStatus,
            "action": action,
            "kept": post or {},
        },
        status=status,
    )


def officer_choices(claim: Claim) -> list[tuple[int, str]]:
    """The agency's officers for a line, those certified on some day of the claim's quarter first; the
    others stay choosable (a certification may still be recorded) but say they would get nothing."""
    quarter = Quarter(claim.fiscal_year, claim.quarter)
    officers = Officer.objects.filter(agency_id=claim.agency_id)
    days = certified_days_bulk(officers, quarter.start, quarter.end)
    rows = sorted(officers, key=lambda o: (o.pk not in days, o.family_name, o.given_name, o.pk))
    return [
        (
            o.pk,
            f"{o.name} ({o.badge_number})"
            + ("" if o.pk in days else f" — not certified on any day of {quarter}"),
        )
        for o in rows
    ]


def _officers_of(claim: Claim) -> list[tuple[int, str]]:
    return [(o.pk, "") for o in Officer.objects.filter(agency_id=claim.agency_id)]


def _valid(form: Any, what: str) -> dict[str, Any]:
    if not form.is_valid():
        raise _refused(form, what)
    return dict(form.cleaned_data)


def _set_line(request: HttpRequest, claim: Claim) -> str:
    d = _valid(LineForm(request.POST, officers=_officers_of(claim)), _("The line"))
    line = service.LineInput(d["officer"], d["salary"], d["benefits"], d["overtime"], d["annual_salary"])
    service.set_line(request.user, claim.pk, line)
    return _("Line saved.")


def _remove_line(request: HttpRequest, claim: Claim) -> str:
    service.remove_line(request.user, int(request.POST.get("line", "0") or 0), claim.pk)
    return _("Line removed.")


def _add_expense(request: HttpRequest, claim: Claim) -> str:
    form = ExpenseForm(request.POST, officers=_officers_of(claim))
    d = _valid(form, _("The equipment or vehicle line"))
    add_expense(request.user, claim.pk, d["kind"], d["amount"], d["description"], d["expense_officer"])
    return _("Equipment or vehicle line saved.")


def _remove_expense(request: HttpRequest, claim: Claim) -> str:
    remove_expense(request.user, int(request.POST.get("expense", "0") or 0), claim.pk)
    return _("Equipment or vehicle line removed.")


def _attach_file(request: HttpRequest, claim: Claim) -> str:
    upload = _valid(FileForm(request.POST, request.FILES), _("The file"))["file"]
    service.attach_file(request.user, claim.pk, upload.name, upload.content_type, upload.read())
    return _("File stored.")


def _submit(request: HttpRequest, claim: Claim) -> str:
    service.submit(request.user, claim.pk)
    return _("Claim submitted and validated.")


def _start_review(request: HttpRequest, claim: Claim) -> str:
    service.start_review(request.user, claim.pk)
    return _("Review started.")


def _adjust(request: HttpRequest, claim: Claim) -> str:
    d = _valid(AdjustForm(request.POST), _("The adjustment"))
    service.adjust_line(request.user, d["line"], d["approved"], d["reason"], claim.pk)
    return _("Line adjusted.")


def _approve(request: HttpRequest, claim: Claim) -> str:
    outcome = service.approve(request.user, claim.pk)
    return (
        _("Claim approved.") if outcome.decided else _("Approval recorded; a second reviewer must approve.")
    )


def _return(request: HttpRequest, claim: Claim) -> str:
    service.return_claim(
        request.user, claim.pk, _valid(ReasonForm(request.POST), _("The decision"))["reason"]
    )
    return _("Claim returned.")


def _reject(request: HttpRequest, claim: Claim) -> str:
    service.reject(request.user, claim.pk, _valid(ReasonForm(request.POST), _("The decision"))["reason"])
    return _("Claim rejected.")


def _pay(request: HttpRequest, claim: Claim) -> str:
    d = _valid(PayForm(request.POST), _("The payment"))
    service.record_payment(request.user, claim.pk, d["reference"], d["paid_on"])
    return _("Payment recorded.")


# Each action on a claim: the permission it needs (declared on the route below) and what it does, in
# words for the page. "amend" opens a new version and is handled apart.
CLAIM_ACTIONS: dict[str, tuple[Perm, Callable[[HttpRequest, Claim], str]]] = {
    "line": (Perm.FUNDING_PREPARE, _set_line),
    "remove": (Perm.FUNDING_PREPARE, _remove_line),
    "expense": (Perm.FUNDING_PREPARE, _add_expense),
    "remove-expense": (Perm.FUNDING_PREPARE, _remove_expense),
    "file": (Perm.FUNDING_PREPARE, _attach_file),
    "submit": (Perm.FUNDING_PREPARE, _submit),
    "review": (Perm.FUNDING_REVIEW, _start_review),
    "adjust": (Perm.FUNDING_REVIEW, _adjust),
    "approve": (Perm.FUNDING_REVIEW, _approve),
    "return": (Perm.FUNDING_REVIEW, _return),
    "reject": (Perm.FUNDING_REVIEW, _reject),
    "pay": (Perm.FUNDING_PAY, _pay),
}
ACTION_PERMS = {"amend": Perm.FUNDING_PREPARE} | {name: perm for name, (perm, _) in CLAIM_ACTIONS.items()}


def _act(request: HttpRequest, claim: Claim, action: str) -> str:
    found = CLAIM_ACTIONS.get(action)
    return found[1](request, claim) if found else _("Unknown action.")


def _amend(request: HttpRequest, claim: Claim) -> HttpResponse:
    try:
        new = service.amend(request.user, claim.pk)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("funding:claim", claim_id=claim.pk)
    messages.success(request, _("Version %(version)s opened as a draft.") % {"version": new.version})
    return redirect("funding:claim", claim_id=new.pk)


@office_view(Perm.FUNDING_VIEW, post=ACTION_PERMS)
@require_POST
def claim_action(request: HttpRequest, claim_id: int, action: str) -> HttpResponse:
    claim = get_in_scope(Claim.objects.all(), request.user, pk=claim_id)
    if action == "amend":
        return _amend(request, claim)
    try:
        messages.info(request, _act(request, claim, action))
    except ValidationError as exc:
        _errors(request, exc)
        # The page again, with what was typed kept, instead of a redirect to empty forms.
        claim = get_in_scope(Claim.objects.select_related("agency"), request.user, pk=claim.pk)
        return _detail(request, claim, action, status=400)
    except ValueError:
        messages.error(request, _("That request was not understood."))
    return redirect("funding:claim", claim_id=claim.pk)


@office_view(Perm.FUNDING_VIEW)
def file_download(request: HttpRequest, file_id: int) -> HttpResponse:
    stored = get_in_scope(SupportingFile.objects.all(), request.user, pk=file_id)
    response = download_response(stored.name, stored.content_type, bytes(stored.content))
    response["X-Content-SHA256"] = stored.sha256
    return response


@office_view(Perm.FUNDING_VIEW)
def budget_page(request: HttpRequest) -> HttpResponse:
    current = fiscal_year_of(timezone.localdate())
    raw = request.GET.get("fy", "").strip()
    fiscal_year = int(raw) if raw.isdigit() and len(raw) == 4 else None
    if raw and (fiscal_year is None or not FIRST_FY <= fiscal_year <= LAST_FY):
        # The API refuses such a year (422); the page says so and shows the current year instead.
        messages.error(
            request,
            _("fy: the fiscal year must be a year from %(first)s to %(last)s; showing FY%(current)s.")
            % {"first": FIRST_FY, "last": LAST_FY, "current": current},
        )
        fiscal_year = None
    by = "agency" if request.GET.get("by") == "agency" else "state"
    found = budget_service.budget(fiscal_year or current, by, request.user)
    status = 400 if raw and fiscal_year is None else 200
    return render(request, "funding/budget.html", {"budget": found, "by": by}, status=status)


def _service_errors(form: Form, exc: ValidationError, fields: dict[str, str] | None = None) -> None:
    """Puts the service's errors on the form: on the field they name when the form has it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, texts in exc.message_dict.items():
        field = (fields or {}).get(name, name)
        form.add_error(field if field in form.fields else None, [f"{name}: {t}" for t in texts])


def _saved(
    request: HttpRequest, form: Form, save: Callable[[dict[str, Any]], str], fields: dict[str, str]
) -> bool:
    """Runs `save` with the form's data when it is valid; its success message is shown, a service's
    errors go on the form. True when saved."""
    if not form.is_valid():
        return False
    try:
        said = save(form.cleaned_data)
    except ValidationError as exc:
        _service_errors(form, exc, fields)
        return False
    messages.success(request, said)
    return True


@office_view(Perm.FUNDING_VIEW, post=Perm.FUNDING_RULES)
def rules_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    current = RuleSet.objects.filter(effective_from__lte=today).order_by("-effective_from", "-id").first()
    form: RulesForm | None = None
    if request.method == "POST":
        form = RulesForm(request.POST)

        def save(d: dict[str, Any]) -> str:
            assert form is not None
            saved = update_rules(request.user, d["fiscal_year"], d["effective_from"], form.changes())
            return _("Saved: %(rules)s. Earlier rule sets are kept.") % {"rules": saved}

        if _saved(request, form, save, FORM_FIELD_OF):
            return redirect("funding:rules")
    elif can(request.user, Perm.FUNDING_RULES):
        form = RulesForm(
            initial=RulesForm.initial_from(current) if current else {"fiscal_year": fiscal_year_of(today)}
        )
    rule_sets = RuleSet.objects.order_by("-fiscal_year", "-effective_from", "-id")[:200]
    context = {"form": form, "rule_sets": rule_sets, "current": current}
    return render(request, "funding/rules.html", context, status=_form_status(form))


def _report_quarter(request: HttpRequest) -> Quarter:
    default = Quarter.of(timezone.localdate()).previous()
    try:
        return Quarter.parse(request.GET["quarter"]) if request.GET.get("quarter") else default
    except ValueError as exc:
        messages.error(request, str(exc))
        return default


@office_view(Perm.FUNDING_VIEW, post=Perm.FUNDING_PREPARE)
def reports_page(request: HttpRequest) -> HttpResponse:
    quarter = _report_quarter(request)
    form: ReportForm | None = None
    if can(request.user, Perm.FUNDING_PREPARE):
        agencies = [(a.pk, str(a)) for a in agencies_for(request.user)[:2000]]
        form = ReportForm(agencies=agencies, initial={"quarter": str(quarter)})
        if request.method == "POST":
            form = ReportForm(request.POST, agencies=agencies)

            def save(d: dict[str, Any]) -> str:
                report_leads(request.user, d["agency"], d["quarter"], d["leads_provided"], d["leads_located"])
                return _("Lead counts saved for %(quarter)s.") % {"quarter": d["quarter"]}

            if _saved(request, form, save, {}):
                return redirect(f"{request.path}?quarter={form.cleaned_data['quarter']}")
    reports = (
        PerformanceReport.objects.for_user(request.user)
        .filter(fiscal_year=quarter.fiscal_year, quarter=quarter.number)
        .select_related("agency")
        .order_by("agency__state", "agency_id")[:2000]
    )
    listed = list(reports)
    shown = awards_shown(quarter, [r.agency_id for r in listed])
    rows = [(r, shown.get(r.agency_id)) for r in listed]
    context = {"form": form, "reports": rows, "quarter": quarter}
    return render(request, "funding/reports.html", context, status=_form_status(form))


@office_view(Perm.FUNDING_VIEW, post=Perm.FUNDING_RULES)
def appropriations_page(request: HttpRequest) -> HttpResponse:
    form: AppropriationForm | None = None
    if request.method == "POST":
        form = AppropriationForm(request.POST)

        def save(d: dict[str, Any]) -> str:
            budget_service.set_appropriation(request.user, d["fiscal_year"], d["amount"], d["note"])
            return _("Appropriation for FY%(year)s saved.") % {"year": d["fiscal_year"]}

        if _saved(request, form, save, {"amount_cents": "amount"}):
            return redirect("funding:appropriations")
    elif can(request.user, Perm.FUNDING_RULES):
        form = AppropriationForm(initial={"fiscal_year": fiscal_year_of(timezone.localdate())})
    return render(
        request,
        "funding/appropriations.html",
        {"form": form, "appropriations": Appropriation.objects.order_by("-fiscal_year")},
        status=_form_status(form),
    )


def _form_status(form: Any) -> int:
    """A refused form is a refused request: 400, with the reasons on the form."""
    return 400 if form is not None and form.errors else 200


@office_view(Perm.FUNDING_VIEW)
def statement(request: HttpRequest, quarter: str, agency_id: str, fmt: str) -> HttpResponse:
    """One agency's statement for a quarter, for whoever may see the agency's money."""
    try:
        q = Quarter.parse(quarter)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    agency = agency_in_scope(request.user, agency_id)
    found = gather(q, agency_ids=[agency.pk])
    if not found:
        raise Http404(f"No claims, awards or payments for {agency.pk} in {q}.")
    if fmt == "pdf":
        data, content_type = agency_pdf(found[0], q), "application/pdf"
    else:
        data, content_type = agency_csv(found[0]), "text/csv; charset=utf-8"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="statement-{q}-{agency.pk}.{fmt}"'
    return response
