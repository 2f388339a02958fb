"""Staff pages for claims under /office/funding/, and the public page /funding/."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from g287.accounts.bad_filter import bad_filter
from g287.accounts.decorators import office_view
from g287.accounts.scoping import agencies_for, get_in_scope
from g287.core.filters import FilterError
from g287.funding import budget as budget_service
from g287.funding.attachments import download_response
from g287.funding.awards import awards_shown
from g287.funding.filters import ClaimFilters
from g287.funding.fiscal import Quarter, fiscal_year_of
from g287.funding.forms import AdjustForm, ExpenseForm, FileForm, LineForm, NewClaimForm, PayForm, ReasonForm
from g287.funding.models import Claim, ClaimStatus, SupportingFile
from g287.funding.permissions import FCap, fcan, frequire
from g287.funding.public import public_totals, totals_by_state
from g287.funding.services import claims as service
from g287.funding.services.expenses import add_expense, remove_expense
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
    return FormRefused(f"{what} was not saved. {' '.join(said)}".strip())


def _form_errors(request: HttpRequest, form: Any) -> None:
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label or name.replace("_", " ").capitalize()) if field is not None else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@office_view(None)
def claim_list(request: HttpRequest) -> HttpResponse:
    frequire(request.user, FCap.VIEW)
    try:
        filters = ClaimFilters.parse(request.GET)
    except FilterError as exc:
        return bad_filter(request, exc)
    found = filters.apply(Claim.objects.for_user(request.user).select_related("agency"))
    status, quarter = filters.status, request.GET.get("quarter", "").strip()
    form = None
    if fcan(request.user, FCap.PREPARE):
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


@office_view(None)
def claim_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    frequire(request.user, FCap.PREPARE)
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
    messages.success(request, f"Draft claim #{claim.pk} opened.")
    return redirect("funding:claim", claim_id=claim.pk)


@office_view(None)
def claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    frequire(request.user, FCap.VIEW)
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
            "can_prepare": fcan(user, FCap.PREPARE),
            "can_review": fcan(user, FCap.REVIEW) and not own,
            "can_pay": fcan(user, FCap.PAY),
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


def _act(request: HttpRequest, claim: Claim, action: str) -> str:
    user = request.user
    post = request.POST
    if action == "line":
        officers = [(o.pk, "") for o in Officer.objects.filter(agency_id=claim.agency_id)]
        line_form = LineForm(post, officers=officers)
        if not line_form.is_valid():
            raise _refused(line_form, "The line")
        d = line_form.cleaned_data
        service.set_line(
            user,
            claim.pk,
            service.LineInput(d["officer"], d["salary"], d["benefits"], d["overtime"], d["annual_salary"]),
        )
        return "Line saved."
    if action == "remove":
        service.remove_line(user, int(post.get("line", "0") or 0))
        return "Line removed."
    if action == "expense":
        officers = [(o.pk, "") for o in Officer.objects.filter(agency_id=claim.agency_id)]
        expense_form = ExpenseForm(post, officers=officers)
        if not expense_form.is_valid():
            raise _refused(expense_form, "The equipment or vehicle line")
        d = expense_form.cleaned_data
        add_expense(user, claim.pk, d["kind"], d["amount"], d["description"], d["expense_officer"])
        return "Equipment or vehicle line saved."
    if action == "remove-expense":
        remove_expense(user, int(post.get("expense", "0") or 0))
        return "Equipment or vehicle line removed."
    if action == "file":
        file_form = FileForm(post, request.FILES)
        if not file_form.is_valid():
            raise _refused(file_form, "The file")
        upload = file_form.cleaned_data["file"]
        service.attach_file(user, claim.pk, upload.name, upload.content_type, upload.read())
        return "File stored."
    if action == "submit":
        service.submit(user, claim.pk)
        return "Claim submitted and validated."
    if action == "review":
        service.start_review(user, claim.pk)
        return "Review started."
    if action == "adjust":
        adjust_form = AdjustForm(post)
        if not adjust_form.is_valid():
            raise _refused(adjust_form, "The adjustment")
        d = adjust_form.cleaned_data
        service.adjust_line(user, d["line"], d["approved"], d["reason"])
        return "Line adjusted."
    if action == "approve":
        outcome = service.approve(user, claim.pk)
        return "Claim approved." if outcome.decided else "Approval recorded; a second reviewer must approve."
    if action in ("return", "reject"):
        reason_form = ReasonForm(post)
        if not reason_form.is_valid():
            raise _refused(reason_form, "The decision")
        fn = service.return_claim if action == "return" else service.reject
        fn(user, claim.pk, reason_form.cleaned_data["reason"])
        return f"Claim {'returned' if action == 'return' else 'rejected'}."
    if action == "pay":
        pay_form = PayForm(post)
        if not pay_form.is_valid():
            raise _refused(pay_form, "The payment")
        service.record_payment(
            user, claim.pk, pay_form.cleaned_data["reference"], pay_form.cleaned_data["paid_on"]
        )
        return "Payment recorded."
    return "Unknown action."


@office_view(None)
def claim_action(request: HttpRequest, claim_id: int, action: str) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    claim = get_in_scope(Claim.objects.all(), request.user, pk=claim_id)
    if action == "amend":
        try:
            new = service.amend(request.user, claim.pk)
        except ValidationError as exc:
            _errors(request, exc)
            return redirect("funding:claim", claim_id=claim.pk)
        messages.success(request, f"Version {new.version} opened as a draft.")
        return redirect("funding:claim", claim_id=new.pk)
    try:
        messages.info(request, _act(request, claim, action))
    except ValidationError as exc:
        _errors(request, exc)
        # The page again, with what was typed kept, instead of a redirect to empty forms.
        claim = get_in_scope(Claim.objects.select_related("agency"), request.user, pk=claim.pk)
        return _detail(request, claim, action, status=400)
    except ValueError:
        messages.error(request, "That request was not understood.")
    return redirect("funding:claim", claim_id=claim.pk)


@office_view(None)
def file_download(request: HttpRequest, file_id: int) -> HttpResponse:
    frequire(request.user, FCap.VIEW)
    stored = get_in_scope(SupportingFile.objects.all(), request.user, pk=file_id)
    response = download_response(stored.name, stored.content_type, bytes(stored.content))
    response["X-Content-SHA256"] = stored.sha256
    return response


@office_view(None)
def budget_page(request: HttpRequest) -> HttpResponse:
    frequire(request.user, FCap.VIEW)
    try:
        fiscal_year = int(request.GET.get("fy") or fiscal_year_of(timezone.localdate()))
    except ValueError:
        fiscal_year = fiscal_year_of(timezone.localdate())
    by = "agency" if request.GET.get("by") == "agency" else "state"
    found = budget_service.budget(fiscal_year, by)
    return render(request, "funding/budget.html", {"budget": found, "by": by})


def public_page(request: HttpRequest) -> HttpResponse:
    rows = public_totals()
    series = totals_by_state(rows)
    quarters = sorted({f"{r['fiscal_year']}Q{r['quarter']}" for r in series})
    per_quarter: dict[str, list[int]] = {q: [0, 0] for q in quarters}
    for r in series:
        cell = per_quarter[f"{r['fiscal_year']}Q{r['quarter']}"]
        cell[0] += r["approved_cents"]
        cell[1] += r["paid_cents"]
    chart = {
        "labels": quarters,
        "approved": [per_quarter[q][0] for q in quarters],
        "paid": [per_quarter[q][1] for q in quarters],
    }
    # The chart's twin: the same figures as a table, for readers who cannot see the chart.
    by_quarter = [{"quarter": q, "approved": per_quarter[q][0], "paid": per_quarter[q][1]} for q in quarters]
    context = {"rows": rows, "states": series, "chart": chart, "by_quarter": by_quarter}
    return render(request, "funding/public.html", context)
