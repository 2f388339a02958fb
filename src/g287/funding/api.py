"""JSON API for funding: /api/funding/... Staff endpoints use session (with CSRF) or token auth and the
accounts scoping; the public totals need no account and hold no officer-level amount."""

from datetime import date
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from g287.accounts.api_auth import API_AUTH
from g287.accounts.decorators import Access, api_perm
from g287.accounts.roles import Perm
from g287.accounts.scoping import get_in_scope
from g287.core.api_lists import ListPage, ListParams, choice, enum_schema, invalid, page
from g287.core.filters import FilterError
from g287.core.states import NAME_BY_CODE
from g287.funding import awards, budget, rules
from g287.funding.filters import QUARTER_PATTERN, STATUSES, ClaimFilters
from g287.funding.fiscal import FIRST_FY, LAST_FY, Quarter
from g287.funding.models import Appropriation, Claim, RuleSet
from g287.funding.public import public_totals
from g287.funding.services import claims

router = Router(auth=API_AUTH, tags=["funding"])


def _quarter(text: str) -> Quarter:
    try:
        return Quarter.parse(text)
    except ValueError as exc:
        raise ValidationError({"quarter": str(exc)}) from exc


class LineIn(Schema):
    officer_id: int
    salary_cents: int = Field(..., ge=0)
    benefits_cents: int = Field(..., ge=0)
    overtime_cents: int = Field(..., ge=0)
    annual_salary_cents: int = Field(..., ge=0)


class ClaimIn(Schema):
    agency_id: str = Field(..., min_length=1, max_length=160)
    quarter: str = Field(..., description="Fiscal quarter, like 2026Q1")
    lines: list[LineIn] = Field(..., min_length=1, max_length=5000)
    submit: bool = True


class LineOut(Schema):
    id: int
    officer_id: int
    salary_cents: int
    benefits_cents: int
    overtime_cents: int
    annual_salary_cents: int
    certified_days: int
    quarter_days: int
    eligible_overtime_cents: int
    eligible_cents: int
    approved_cents: int | None
    adjustment_reason: str
    problems: list[dict[str, str]]


class ClaimOut(Schema):
    id: int
    agency_id: str
    quarter: str
    version: int
    is_current: bool
    status: str
    requested_cents: int
    eligible_cents: int
    approved_cents: int | None
    decision_reason: str
    lines: list[LineOut] = []
    replayed: bool = False


def claim_out(claim: Claim, with_lines: bool = True, replayed: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": claim.pk,
        "agency_id": claim.agency_id,
        "quarter": claim.quarter_label,
        "version": claim.version,
        "is_current": claim.is_current,
        "status": claim.status,
        "requested_cents": claim.requested_cents,
        "eligible_cents": claim.eligible_cents,
        "approved_cents": claim.approved_cents,
        "decision_reason": claim.decision_reason,
        "replayed": replayed,
        "lines": [],
    }
    if with_lines:
        data["lines"] = list(
            claim.lines.values(
                "id",
                "officer_id",
                "salary_cents",
                "benefits_cents",
                "overtime_cents",
                "annual_salary_cents",
                "certified_days",
                "quarter_days",
                "eligible_overtime_cents",
                "eligible_cents",
                "approved_cents",
                "adjustment_reason",
                "problems",
            )
        )
    return data


@router.post("/claims", response={200: ClaimOut, 201: ClaimOut})
@api_perm(Perm.FUNDING_PREPARE)
def file_claim(request: HttpRequest, body: ClaimIn) -> Status:
    """Files a claim with its lines (submitted unless `submit` is false). Send an `Idempotency-Key`
    header: a retried request with the same key answers 200 with the first claim, never a second one."""
    key = (request.headers.get("Idempotency-Key") or "").strip()[:100] or None
    lines = [claims.LineInput(**line.dict()) for line in body.lines]
    filed = claims.file_claim(request.user, body.agency_id, _quarter(body.quarter), lines, body.submit, key)
    return Status(200 if filed.replayed else 201, claim_out(filed.claim, replayed=filed.replayed))


class ClaimQuery(ListParams):
    quarter: str = Field(
        "", description="fiscal quarter, like 2026Q1", json_schema_extra={"pattern": QUARTER_PATTERN}
    )
    status: str = choice(STATUSES, "the claim's status")
    agency_id: str = Field("", description="an agency id")


@router.get("/claims", response=ListPage[ClaimOut])
@api_perm(Perm.FUNDING_VIEW)
def list_claims(request: HttpRequest, query: Query[ClaimQuery]) -> dict[str, Any]:
    """Claims in your scope (every version), newest quarter first; filtered like the claims page."""
    try:
        filters = ClaimFilters.parse(request.GET)
    except FilterError as exc:
        raise invalid(exc.errors) from exc
    found = filters.apply(Claim.objects.for_user(request.user))
    return page(request, found, query, lambda rows: [claim_out(c, with_lines=False) for c in rows])


@router.get("/claims/{claim_id}", response=ClaimOut)
@api_perm(Perm.FUNDING_VIEW)
def get_claim(request: HttpRequest, claim_id: int) -> dict[str, Any]:
    return claim_out(get_in_scope(Claim.objects.all(), request.user, pk=claim_id))


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=5000)


class AdjustIn(Schema):
    approved_cents: int = Field(..., ge=0)
    reason: str = Field(..., min_length=1, max_length=5000)


class PayIn(Schema):
    reference: str = Field(..., min_length=1, max_length=100)
    paid_on: date


class ApprovalOut(Schema):
    claim: ClaimOut
    approvals: int
    needed: int


def _reloaded(claim_id: int) -> dict[str, Any]:
    return claim_out(Claim.objects.get(pk=claim_id))


@router.post("/claims/{claim_id}/submit", response=ClaimOut)
@api_perm(Perm.FUNDING_PREPARE)
def submit(request: HttpRequest, claim_id: int) -> dict[str, Any]:
    return claim_out(claims.submit(request.user, claim_id))


@router.post("/claims/{claim_id}/review", response=ClaimOut)
@api_perm(Perm.FUNDING_REVIEW)
def start_review(request: HttpRequest, claim_id: int) -> dict[str, Any]:
    return claim_out(claims.start_review(request.user, claim_id))


@router.post("/claims/{claim_id}/lines/{line_id}/adjust", response=ClaimOut)
@api_perm(Perm.FUNDING_REVIEW)
def adjust(request: HttpRequest, claim_id: int, line_id: int, body: AdjustIn) -> dict[str, Any]:
    claims.adjust_line(request.user, line_id, body.approved_cents, body.reason, claim_id)
    return _reloaded(claim_id)


@router.post("/claims/{claim_id}/approve", response=ApprovalOut)
@api_perm(Perm.FUNDING_REVIEW)
def approve(request: HttpRequest, claim_id: int) -> dict[str, Any]:
    outcome = claims.approve(request.user, claim_id)
    return {"claim": _reloaded(claim_id), "approvals": outcome.approvals, "needed": outcome.needed}


@router.post("/claims/{claim_id}/return", response=ClaimOut)
@api_perm(Perm.FUNDING_REVIEW)
def return_claim(request: HttpRequest, claim_id: int, body: ReasonIn) -> dict[str, Any]:
    return claim_out(claims.return_claim(request.user, claim_id, body.reason))


@router.post("/claims/{claim_id}/reject", response=ClaimOut)
@api_perm(Perm.FUNDING_REVIEW)
def reject(request: HttpRequest, claim_id: int, body: ReasonIn) -> dict[str, Any]:
    return claim_out(claims.reject(request.user, claim_id, body.reason))


@router.post("/claims/{claim_id}/amend", response={201: ClaimOut})
@api_perm(Perm.FUNDING_PREPARE)
def amend(request: HttpRequest, claim_id: int) -> Status:
    return Status(201, claim_out(claims.amend(request.user, claim_id)))


@router.post("/claims/{claim_id}/pay", response=ClaimOut)
@api_perm(Perm.FUNDING_PAY)
def pay(request: HttpRequest, claim_id: int, body: PayIn) -> dict[str, Any]:
    claims.record_payment(request.user, claim_id, body.reference, body.paid_on)
    return _reloaded(claim_id)


class ReportIn(Schema):
    agency_id: str = Field(..., min_length=1, max_length=160)
    quarter: str
    leads_provided: int = Field(..., ge=0, le=awards.MAX_LEADS)
    leads_located: int = Field(..., ge=0, le=awards.MAX_LEADS)


class ReportOut(Schema):
    agency_id: str
    quarter: str
    leads_provided: int
    leads_located: int


@router.post("/reports", response=ReportOut)
@api_perm(Perm.FUNDING_PREPARE)
def report(request: HttpRequest, body: ReportIn) -> dict[str, Any]:
    q = _quarter(body.quarter)
    saved = awards.report_leads(request.user, body.agency_id, q, body.leads_provided, body.leads_located)
    return {
        "agency_id": saved.agency_id,
        "quarter": str(q),
        "leads_provided": saved.leads_provided,
        "leads_located": saved.leads_located,
    }


class BudgetRowOut(Schema):
    key: str
    label: str
    obligated_cents: int
    paid_cents: int
    pending_cents: int
    projected_cents: int


class BudgetOut(Schema):
    fiscal_year: int
    appropriation_cents: int | None
    unobligated_cents: int | None
    remaining_quarters: int
    rows: list[BudgetRowOut]


@router.get("/budget", response=BudgetOut)
@api_perm(Perm.FUNDING_VIEW)
def get_budget(
    request: HttpRequest,
    fiscal_year: int = Query(..., ge=FIRST_FY, le=LAST_FY),
    by: Annotated[str, enum_schema(["state", "agency"])] = "state",
) -> dict[str, Any]:
    found = budget.budget(fiscal_year, by, request.user)
    return {
        "fiscal_year": found.fiscal_year,
        "appropriation_cents": found.appropriation_cents,
        "unobligated_cents": found.unobligated_cents,
        "remaining_quarters": found.remaining_quarters,
        "rows": [vars(r) for r in found.rows],
    }


class RulesOut(Schema):
    id: int
    fiscal_year: int
    effective_from: date
    salary_benefits_bp: int
    overtime_cap_bp: int
    award_tiers: list[list[int]]
    equipment_per_officer_cents: int
    vehicles_per_agency_cents: int
    reimbursable_models: list[str]
    award_models: list[str]
    eligibility: str
    dual_approval_above_cents: int
    note: str


class RulesIn(Schema):
    fiscal_year: int = Field(..., ge=FIRST_FY, le=LAST_FY)
    effective_from: date
    changes: dict[str, Any]


class RulesQuery(ListParams):
    fiscal_year: int | None = Field(None, ge=FIRST_FY, le=LAST_FY)


@router.get("/rules", response=ListPage[RulesOut])
@api_perm(Perm.FUNDING_VIEW)
def list_rules(request: HttpRequest, query: Query[RulesQuery]) -> dict[str, Any]:
    found = RuleSet.objects.all()
    if query.fiscal_year is not None:
        found = found.filter(fiscal_year=query.fiscal_year)
    return page(request, found, query)


@router.post("/rules", response={201: RulesOut})
@api_perm(Perm.FUNDING_RULES)
def edit_rules(request: HttpRequest, body: RulesIn) -> Status:
    return Status(201, rules.update_rules(request.user, body.fiscal_year, body.effective_from, body.changes))


class AppropriationOut(Schema):
    fiscal_year: int
    amount_cents: int
    note: str


class AppropriationIn(Schema):
    amount_cents: int = Field(..., ge=0, le=10**15)
    note: str = Field("", max_length=2000)


@router.get("/appropriations", response=ListPage[AppropriationOut])
@api_perm(Perm.FUNDING_VIEW)
def list_appropriations(request: HttpRequest, query: Query[ListParams]) -> dict[str, Any]:
    return page(request, Appropriation.objects.order_by("fiscal_year"), query)


@router.put("/appropriations/{fiscal_year}", response=AppropriationOut)
@api_perm(Perm.FUNDING_RULES)
def set_appropriation(
    request: HttpRequest, body: AppropriationIn, fiscal_year: int = Path(..., ge=FIRST_FY, le=LAST_FY)
) -> Appropriation:
    """Sets (or replaces) the fiscal year's appropriation; audited with the amount it replaced."""
    return budget.set_appropriation(request.user, fiscal_year, body.amount_cents, body.note)


public_router = Router(tags=["funding (public)"])


class PublicRowOut(Schema):
    fiscal_year: int
    quarter: int
    state: str
    agency_id: str
    agency_name: str
    reimbursements_approved_cents: int
    awards_cents: int
    approved_cents: int
    paid_cents: int


class TotalsQuery(ListParams):
    fiscal_year: int | None = Field(None, ge=FIRST_FY, le=LAST_FY)
    state: str | None = Field(None, description="postal code", json_schema_extra={"enum": list(NAME_BY_CODE)})


@public_router.get("/totals", response=ListPage[PublicRowOut], auth=None)
@api_perm(Access.PUBLIC)
def totals(request: HttpRequest, query: Query[TotalsQuery]) -> dict[str, Any]:
    """Amounts approved (reimbursements and awards) and paid, per agency and fiscal quarter. Public:
    sums over agencies only, nothing per officer."""
    state = query.state.upper() if query.state else None
    if state is not None and state not in NAME_BY_CODE:
        raise invalid({"state": f"unknown state {query.state!r}"})
    rows = public_totals(query.fiscal_year, state)
    return page(request, rows, query, lambda found: [r.as_dict() for r in found])


router.add_router("/public", public_router)
