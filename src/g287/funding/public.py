"""Public totals for the portal: amounts approved and paid by state and agency per quarter. Nothing
about officers leaves this module: only sums over an agency's claims and awards."""

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db.models import Sum

from g287.funding.fiscal import Quarter
from g287.funding.models import DECIDED, Award, Claim, ClaimStatus, Payment
from g287.registry.models import Agency

APPROVED = (*DECIDED, ClaimStatus.PAID)


@dataclass
class PublicRow:
    fiscal_year: int
    quarter: int
    state: str
    agency_id: str
    agency_name: str
    reimbursements_approved_cents: int = 0
    awards_cents: int = 0
    paid_cents: int = 0

    @property
    def approved_cents(self) -> int:
        return self.reimbursements_approved_cents + self.awards_cents

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "approved_cents": self.approved_cents}


def public_totals(fiscal_year: int | None = None, state: str | None = None) -> list[PublicRow]:
    """One row per agency and quarter with any approved amount or payment, sorted by quarter, state,
    agency. Three grouped queries."""
    claims = Claim.objects.filter(is_current=True, status__in=APPROVED)
    awards = Award.objects.all()
    payments = Payment.objects.all()
    if fiscal_year is not None:
        claims = claims.filter(fiscal_year=fiscal_year)
        awards = awards.filter(fiscal_year=fiscal_year)
        payments = payments.filter(fiscal_year=fiscal_year)
    if state is not None:
        claims = claims.filter(agency__state=state)
        awards = awards.filter(agency__state=state)
        payments = payments.filter(agency__state=state)
    rows: dict[tuple[int, int, str], PublicRow] = {}
    names: dict[str, tuple[str, str]] = {}

    def row(fy: int, q: int, agency_id: str) -> PublicRow:
        key = (fy, q, agency_id)
        if key not in rows:
            rows[key] = PublicRow(fy, q, "", agency_id, "")
        return rows[key]

    grouped = ("fiscal_year", "quarter", "agency_id")
    for fy, q, agency_id, total in (
        claims.values(*grouped).annotate(t=Sum("approved_cents")).values_list(*grouped, "t")
    ):
        row(fy, q, agency_id).reimbursements_approved_cents += total or 0
    for fy, q, agency_id, total in (
        awards.values(*grouped).annotate(t=Sum("amount_cents")).values_list(*grouped, "t")
    ):
        row(fy, q, agency_id).awards_cents += total or 0
    for fy, q, agency_id, total in (
        payments.values(*grouped).annotate(t=Sum("amount_cents")).values_list(*grouped, "t")
    ):
        row(fy, q, agency_id).paid_cents += total or 0
    agency_ids = {key[2] for key in rows}
    for pk, st, name in Agency.objects.filter(pk__in=agency_ids).values_list("pk", "state", "name"):
        names[pk] = (st, name)
    for r in rows.values():
        r.state, r.agency_name = names.get(r.agency_id, ("", r.agency_id))
    return sorted(
        rows.values(), key=lambda r: (r.fiscal_year, r.quarter, r.state, r.agency_name, r.agency_id)
    )


def totals_by_state(rows: list[PublicRow]) -> list[dict[str, Any]]:
    """Per quarter and state: the chart's series."""
    sums: dict[tuple[int, int, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        cell = sums[(r.fiscal_year, r.quarter, r.state)]
        cell[0] += r.approved_cents
        cell[1] += r.paid_cents
    return [
        {"fiscal_year": fy, "quarter": q, "state": st, "approved_cents": a, "paid_cents": p}
        for (fy, q, st), (a, p) in sorted(sums.items())
    ]


def paid_cents_by_agency(as_of: date) -> dict[str, int] | None:
    """Cents paid per agency for the fiscal quarters ended by `as_of`; None when nothing was paid.
    Payments are booked to fiscal quarters, not days, so "paid by a date" counts the quarters that had
    ended by then. Registered for oversight's performance measures (g287.core.hooks.paid_by_agency)."""
    paid: dict[str, int] = defaultdict(int)
    for row in public_totals():
        if row.paid_cents and Quarter(row.fiscal_year, row.quarter).end <= as_of:
            paid[row.agency_id] += row.paid_cents
    return dict(paid) or None
