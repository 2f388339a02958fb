"""The budget of a fiscal year: appropriation, obligations (approved, not yet paid), payments, and a
projection of the full year, by state or by agency.

The projection = paid + obligated + what is under review (at its eligible amount) + for every quarter
after the latest one with claims, the officers certified today times their agency's average eligible
amount per officer line (the national average for agencies without claims), plus the awards of the
latest quarter repeated. Crude on purpose: it is explained on the page."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from g287.accounts.roles import Perm, require
from g287.core.audit import record
from g287.funding import money
from g287.funding.fiscal import Quarter
from g287.funding.models import DECIDED, Appropriation, Award, Claim, ClaimLine, ClaimStatus, Payment
from g287.funding.rules import NoRules, rules_for
from g287.officers.models import Officer
from g287.officers.status import certified_on
from g287.registry.models import Agency

PENDING = (ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW)


@dataclass
class BudgetRow:
    key: str  # state code or agency id
    label: str
    obligated_cents: int = 0
    paid_cents: int = 0
    pending_cents: int = 0
    projected_cents: int = 0


@dataclass
class Budget:
    fiscal_year: int
    appropriation_cents: int | None
    rows: list[BudgetRow] = field(default_factory=list)
    remaining_quarters: int = 0

    def total(self, name: str) -> int:
        return sum(getattr(r, name) for r in self.rows)

    @property
    def unobligated_cents(self) -> int | None:
        if self.appropriation_cents is None:
            return None
        return self.appropriation_cents - self.total("obligated_cents") - self.total("paid_cents")


def set_appropriation(by: Any, fiscal_year: int, amount_cents: int, note: str = "") -> Appropriation:
    require(by, Perm.FUNDING_RULES)
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents < 0:
        raise ValidationError({"amount_cents": _("Give a whole, non-negative number of cents.")})
    with transaction.atomic():
        existing = Appropriation.objects.select_for_update().filter(fiscal_year=fiscal_year).first()
        before = {"amount_cents": existing.amount_cents, "note": existing.note} if existing else None
        saved, _created = Appropriation.objects.update_or_create(
            fiscal_year=fiscal_year, defaults={"amount_cents": amount_cents, "note": note}
        )
        record(
            "funding.appropriation.set",
            "funding.Appropriation",
            fiscal_year,
            before=before,
            after={"amount_cents": amount_cents, "note": note},
        )
    return saved


def budget(fiscal_year: int, by: str, user: Any, today: date | None = None) -> Budget:
    """The fiscal year's money by state or agency, of the agencies `user` may see (an agency's
    administrator: their own; the program office and auditors: all)."""
    if by not in ("state", "agency"):
        raise ValidationError({"by": _("Group by 'state' or 'agency'.")})
    today = today or timezone.localdate()
    path = "agency__state" if by == "state" else "agency_id"
    appropriation = (
        Appropriation.objects.filter(fiscal_year=fiscal_year).values_list("amount_cents", flat=True).first()
    )
    rows: dict[str, BudgetRow] = {}

    def row(key: str) -> BudgetRow:
        if key not in rows:
            rows[key] = BudgetRow(key, key)
        return rows[key]

    current = Claim.objects.for_user(user).filter(fiscal_year=fiscal_year, is_current=True)
    for key, total in (
        current.filter(status__in=DECIDED)
        .values(path)
        .annotate(t=Sum("approved_cents"))
        .values_list(path, "t")
    ):
        row(key).obligated_cents += total or 0
    unpaid_awards = Award.objects.for_user(user).filter(fiscal_year=fiscal_year, payment__isnull=True)
    for key, total in unpaid_awards.values(path).annotate(t=Sum("amount_cents")).values_list(path, "t"):
        row(key).obligated_cents += total or 0
    for key, total in (
        current.filter(status__in=PENDING)
        .values(path)
        .annotate(t=Sum("eligible_cents"))
        .values_list(path, "t")
    ):
        row(key).pending_cents += total or 0
    payments = Payment.objects.for_user(user).filter(fiscal_year=fiscal_year)
    for key, total in payments.values(path).annotate(t=Sum("amount_cents")).values_list(path, "t"):
        row(key).paid_cents += total or 0

    latest = (
        Claim.objects.for_user(user).filter(fiscal_year=fiscal_year).aggregate(q=Max("quarter"))["q"] or 0
    )
    remaining = 4 - latest
    if remaining and latest == 0 and Quarter(fiscal_year, 1).start > today:
        remaining = 4
    if remaining:
        _project(fiscal_year, latest, remaining, by, today, row, user)
    for r in rows.values():
        r.projected_cents += r.paid_cents + r.obligated_cents + r.pending_cents
    if by == "agency":
        for pk, name in Agency.objects.filter(pk__in=list(rows)).values_list("pk", "name"):
            rows[pk].label = name
    return Budget(fiscal_year, appropriation, sorted(rows.values(), key=lambda r: r.key), remaining)


def _project(
    fiscal_year: int, latest: int, remaining: int, by: str, today: date, row: Any, user: Any
) -> None:
    quarter = Quarter(fiscal_year, max(latest, 1))
    try:
        rules = rules_for(quarter)
    except NoRules:
        return  # nothing can be projected for a year without rules
    lines = ClaimLine.objects.for_user(user).filter(claim__fiscal_year=fiscal_year, claim__is_current=True)
    # Averages stay as (sum, count) pairs so the projection is integer arithmetic to the end.
    whole = lines.aggregate(s=Sum("eligible_cents"), n=Count("pk"))
    national = (whole["s"] or 0, whole["n"] or 0)
    per_agency = {
        agency_id: (s, n)
        for agency_id, s, n in lines.values("claim__agency_id")
        .annotate(s=Sum("eligible_cents"), n=Count("pk"))
        .values_list("claim__agency_id", "s", "n")
    }
    pool = Officer.objects.none()
    for model in rules.reimbursable_models:
        pool = pool | certified_on(today, model)
    counts = (
        Officer.objects.for_user(user)
        .filter(pk__in=pool.values("pk"))
        .values("agency_id", "agency__state")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "agency__state", "n")
    )
    for agency_id, state, n in counts:
        total, lines_count = per_agency.get(agency_id, national)
        key = state if by == "state" else agency_id
        if lines_count:
            row(key).projected_cents += money.prorate(total * n, remaining, lines_count)
    if latest:
        awards = Award.objects.for_user(user).filter(fiscal_year=fiscal_year, quarter=latest)
        path = "agency__state" if by == "state" else "agency_id"
        for key, total in awards.values(path).annotate(t=Sum("amount_cents")).values_list(path, "t"):
            row(key).projected_cents += (total or 0) * remaining
