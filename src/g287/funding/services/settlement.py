"""Settlement of a quarter: validate every submitted claim, compute every award, pay what is approved
and unpaid, and gather each agency's statement, in a fixed number of set-based queries.

Idempotent: payments are keyed by claim version and by award (unique in the database) and carry
references derived from them, so a second run finds nothing left to pay and writes the same files."""

import hashlib
import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from tqdm import tqdm

from g287.core.audit import record
from g287.core.sqlbulk import insert_rows, update_by_pk
from g287.funding.awards import AwardRow, compute_awards
from g287.funding.fiscal import Quarter
from g287.funding.models import DECIDED, Award, Claim, ClaimLine, ClaimStatus, Payment, PerformanceReport
from g287.funding.rules import rules_for
from g287.funding.services.settlement_results import AwardEntry, ClaimEntry, PaymentEntry, Result, Statement
from g287.funding.services.statements import write_all
from g287.funding.validation import validate_claims
from g287.registry.models import Agency

PENDING = (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW)


AWARD_FIELDS = ["leads_provided", "leads_located", "eligible_officers", "per_officer_cents", "amount_cents"]


def _save_awards(quarter: Quarter, rows: list[AwardRow], rule_set_id: int) -> None:
    """Creates missing awards and updates unpaid ones whose figures changed; a paid award never
    changes. Unchanged awards are not written, so a second run writes nothing here."""
    existing = {
        agency_id: (pk, paid, tuple(figures))
        for agency_id, pk, paid, *figures in Award.objects.filter(
            fiscal_year=quarter.fiscal_year, quarter=quarter.number
        ).values_list("agency_id", "pk", "payment__id", *AWARD_FIELDS, "rule_set_id")
    }
    now = timezone.now()
    new: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    for r in rows:
        figures = (
            r.leads_provided,
            r.leads_located,
            r.eligible_officers,
            r.per_officer_cents,
            r.amount_cents,
            rule_set_id,
        )
        if r.agency_id not in existing:
            new.append((r.agency_id, quarter.fiscal_year, quarter.number, *figures, now))
            continue
        pk, paid, stored = existing[r.agency_id]
        if paid is None and stored != figures:
            updates.append((pk, *figures))
    insert_rows(Award, ["agency", "fiscal_year", "quarter", *AWARD_FIELDS, "rule_set", "computed_at"], new)
    update_by_pk(Award, [*AWARD_FIELDS, "rule_set_id"], updates)


def _pay(quarter: Quarter, today: date) -> list[tuple[str, int]]:
    """Pays approved, unpaid current claims (the difference from earlier versions' payments) and
    unpaid awards above zero. Returns the payments made, as (reference, amount in cents)."""
    fy, q = quarter.fiscal_year, quarter.number
    earlier = defaultdict(
        int,
        Payment.objects.filter(fiscal_year=fy, quarter=q, claim__isnull=False, claim__is_current=False)
        .values("agency_id")
        .annotate(t=Sum("amount_cents"))
        .values_list("agency_id", "t"),
    )
    due = Claim.objects.filter(
        fiscal_year=fy, quarter=q, is_current=True, status__in=DECIDED, payment__isnull=True
    )
    now = timezone.now()
    claims = [
        (agency_id, fy, q, pk, None, (approved or 0) - earlier[agency_id], f"CLM-{quarter}-{pk}", today, now)
        for pk, agency_id, approved in due.values_list("pk", "agency_id", "approved_cents").order_by("pk")
    ]
    awards = Award.objects.filter(fiscal_year=fy, quarter=q, payment__isnull=True, amount_cents__gt=0)
    payments = claims + [
        (agency_id, fy, q, None, pk, amount, f"AWD-{quarter}-{pk}", today, now)
        for pk, agency_id, amount in awards.values_list("pk", "agency_id", "amount_cents").order_by("pk")
    ]
    insert_rows(
        Payment,
        [
            "agency",
            "fiscal_year",
            "quarter",
            "claim",
            "award",
            "amount_cents",
            "reference",
            "paid_on",
            "recorded_at",
        ],
        payments,
    )
    if claims:
        # The claims just paid, in one statement: current, decided, and now with a payment.
        Claim.objects.filter(
            fiscal_year=fy, quarter=q, is_current=True, status__in=DECIDED, payment__isnull=False
        ).update(status=ClaimStatus.PAID)
    return [(p[6], p[5]) for p in payments]


def gather(quarter: Quarter, agency_ids: list[str] | None = None) -> list[Statement]:
    """Every agency's statement for the quarter (or those of `agency_ids`), in five queries."""
    fy, q = quarter.fiscal_year, quarter.number
    only: dict[str, Any] = {} if agency_ids is None else {"agency_id__in": agency_ids}
    statements: dict[str, Statement] = {}

    def of(agency_id: str) -> Statement:
        if agency_id not in statements:
            statements[agency_id] = Statement(agency_id, "", "")
        return statements[agency_id]

    line_counts = dict(
        ClaimLine.objects.filter(
            claim__fiscal_year=fy,
            claim__quarter=q,
            **({} if agency_ids is None else {"claim__agency_id__in": agency_ids}),
        )
        .values("claim_id")
        .annotate(n=Count("pk"))
        .values_list("claim_id", "n")
    )
    for pk, agency_id, version, status, requested, eligible, approved in (
        Claim.objects.filter(fiscal_year=fy, quarter=q, **only)
        .values_list(
            "pk", "agency_id", "version", "status", "requested_cents", "eligible_cents", "approved_cents"
        )
        .order_by("agency_id", "version")
    ):
        of(agency_id).claims.append(
            ClaimEntry(pk, version, status, requested, eligible, approved, line_counts.get(pk, 0))
        )
    for agency_id, provided, located, officers, per, amount in Award.objects.filter(
        fiscal_year=fy, quarter=q, **only
    ).values_list(
        "agency_id",
        "leads_provided",
        "leads_located",
        "eligible_officers",
        "per_officer_cents",
        "amount_cents",
    ):
        of(agency_id).award = AwardEntry(provided, located, officers, per, amount)
    for agency_id, reference, claim_id, amount, paid_on in (
        Payment.objects.filter(fiscal_year=fy, quarter=q, **only)
        .values_list("agency_id", "reference", "claim_id", "amount_cents", "paid_on")
        .order_by("agency_id", "reference")
    ):
        of(agency_id).payments.append(
            PaymentEntry(reference, "reimbursement" if claim_id else "award", amount, paid_on, claim_id)
        )
    for agency_pk, state, name in Agency.objects.filter(pk__in=list(statements)).values_list(
        "pk", "state", "name"
    ):
        statements[agency_pk].state, statements[agency_pk].name = state, name
    return sorted(statements.values(), key=lambda s: (s.state, s.agency_id))


def settle(
    quarter: Quarter,
    out: Path | None = None,
    dry_run: bool = False,
    progress: bool = True,
    per_agency: bool = False,
) -> Result:
    rules = rules_for(quarter)
    result = Result(quarter, dry_run, out=None if dry_run else out)
    fy, q = quarter.fiscal_year, quarter.number
    with transaction.atomic():
        pending = Claim.objects.filter(fiscal_year=fy, quarter=q, is_current=True, status__in=PENDING)
        line_total = ClaimLine.objects.filter(claim__in=pending).count()
        reports = PerformanceReport.objects.filter(fiscal_year=fy, quarter=q).count()
        with tqdm(
            total=line_total + reports,
            desc=f"settle {quarter}",
            unit="row",
            disable=not progress,
            mininterval=0.5,
        ) as bar:
            result.claims_validated = pending.count()
            result.lines_validated = validate_claims(pending, quarter, progress=bar)
            awards = compute_awards(quarter, rules)
            bar.update(len(awards))
        result.awards = sum(1 for a in awards if a.amount_cents > 0)
        result.award_cents = sum(a.amount_cents for a in awards)
        _save_awards(quarter, awards, rules.pk)
        paid = _pay(quarter, timezone.localdate())
        result.payments_made = len(paid)
        result.paid_now_cents = sum(amount for _, amount in paid)
        result.statements = gather(quarter)
        # One audit entry for the run: a settlement makes thousands of payments at once, and the
        # digest of all of them (reference and amount) ties the log to the statements written.
        digest = hashlib.sha256(json.dumps(sorted(paid)).encode()).hexdigest()
        record(
            "funding.payment.settle",
            "funding.Payment",
            str(quarter),
            after={
                "claims_validated": result.claims_validated,
                "lines_validated": result.lines_validated,
                "award_cents": result.award_cents,
                "payments_made": result.payments_made,
                "paid_now_cents": result.paid_now_cents,
                "payments_sha256": digest,
                "rule_set": rules.pk,
            },
        )
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run and out is not None:
        write_all(result, out, progress=progress, per_agency=per_agency)
    return result
