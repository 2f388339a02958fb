"""Program office pages: the fiscal-year rules (a new rule set from a date, never an edit in place),
lead-count reports, appropriations, and one agency's settlement statement as CSV or PDF, rendered on
request from the database (the settlement writes the national files; this serves a single agency).

Every change goes through the same services as the API, which check the role and record the audit
entry; a service's ValidationError is shown on the form's fields (status 200), never a 500."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from g287.accounts.decorators import office_view
from g287.accounts.scoping import agencies_for, agency_in_scope
from g287.funding import budget as budget_service
from g287.funding.awards import awards_shown, report_leads
from g287.funding.fiscal import Quarter, fiscal_year_of
from g287.funding.models import Appropriation, PerformanceReport, RuleSet
from g287.funding.office_forms import FORM_FIELD_OF, AppropriationForm, ReportForm, RulesForm
from g287.funding.permissions import FCap, fcan, frequire
from g287.funding.rules import update_rules
from g287.funding.services.settlement import gather
from g287.funding.services.statements import agency_csv, agency_pdf


def _service_errors(form: Form, exc: ValidationError, fields: dict[str, str] | None = None) -> None:
    """Puts the service's errors on the form: on the field they name when the form has it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, texts in exc.message_dict.items():
        field = (fields or {}).get(name, name)
        form.add_error(field if field in form.fields else None, [f"{name}: {t}" for t in texts])


@office_view(None)
def rules_page(request: HttpRequest) -> HttpResponse:
    frequire(request.user, FCap.VIEW)
    today = timezone.localdate()
    current = RuleSet.objects.filter(effective_from__lte=today).order_by("-effective_from", "-id").first()
    form: RulesForm | None = None
    if fcan(request.user, FCap.RULES):
        if request.method == "POST":
            form = RulesForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    saved = update_rules(
                        request.user, data["fiscal_year"], data["effective_from"], form.changes()
                    )
                except ValidationError as exc:
                    _service_errors(form, exc, FORM_FIELD_OF)
                else:
                    messages.success(request, f"Saved: {saved}. Earlier rule sets are kept.")
                    return redirect("funding:rules")
        else:
            form = RulesForm(
                initial=RulesForm.initial_from(current) if current else {"fiscal_year": fiscal_year_of(today)}
            )
    elif request.method == "POST":
        frequire(request.user, FCap.RULES)  # 403
    rule_sets = RuleSet.objects.order_by("-fiscal_year", "-effective_from", "-id")[:200]
    return render(request, "funding/rules.html", {"form": form, "rule_sets": rule_sets, "current": current})


@office_view(None)
def reports_page(request: HttpRequest) -> HttpResponse:
    frequire(request.user, FCap.VIEW)
    default = Quarter.of(timezone.localdate()).previous()
    try:
        quarter = Quarter.parse(request.GET["quarter"]) if request.GET.get("quarter") else default
    except ValueError as exc:
        messages.error(request, str(exc))
        quarter = default
    form: ReportForm | None = None
    if fcan(request.user, FCap.PREPARE):
        agencies = [(a.pk, str(a)) for a in agencies_for(request.user)[:2000]]
        if request.method == "POST":
            form = ReportForm(request.POST, agencies=agencies)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    report_leads(
                        request.user,
                        data["agency"],
                        data["quarter"],
                        data["leads_provided"],
                        data["leads_located"],
                    )
                except ValidationError as exc:
                    _service_errors(form, exc)
                else:
                    messages.success(request, f"Lead counts saved for {data['quarter']}.")
                    return redirect(f"{request.path}?quarter={data['quarter']}")
        else:
            form = ReportForm(agencies=agencies, initial={"quarter": str(quarter)})
    elif request.method == "POST":
        frequire(request.user, FCap.PREPARE)
    reports = (
        PerformanceReport.objects.for_user(request.user)
        .filter(fiscal_year=quarter.fiscal_year, quarter=quarter.number)
        .select_related("agency")
        .order_by("agency__state", "agency_id")[:2000]
    )
    listed = list(reports)
    shown = awards_shown(quarter, [r.agency_id for r in listed])
    rows = [(r, shown.get(r.agency_id)) for r in listed]
    return render(request, "funding/reports.html", {"form": form, "reports": rows, "quarter": quarter})


@office_view(None)
def appropriations_page(request: HttpRequest) -> HttpResponse:
    frequire(request.user, FCap.VIEW)
    form: AppropriationForm | None = None
    if fcan(request.user, FCap.RULES):
        if request.method == "POST":
            form = AppropriationForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    budget_service.set_appropriation(
                        request.user, data["fiscal_year"], data["amount"], data["note"]
                    )
                except ValidationError as exc:
                    _service_errors(form, exc, {"amount_cents": "amount"})
                else:
                    messages.success(request, f"Appropriation for FY{data['fiscal_year']} saved.")
                    return redirect("funding:appropriations")
        else:
            form = AppropriationForm(initial={"fiscal_year": fiscal_year_of(timezone.localdate())})
    elif request.method == "POST":
        frequire(request.user, FCap.RULES)
    return render(
        request,
        "funding/appropriations.html",
        {"form": form, "appropriations": Appropriation.objects.order_by("-fiscal_year")},
    )


@office_view(None)
def statement(request: HttpRequest, quarter: str, agency_id: str, fmt: str) -> HttpResponse:
    """One agency's statement for a quarter, for whoever may see the agency's money."""
    frequire(request.user, FCap.VIEW)
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
