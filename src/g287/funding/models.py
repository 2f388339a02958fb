"""Funding: the rules of each fiscal year, reimbursement claims with their lines, files, approvals and
payments, quarterly performance reports and awards, and appropriations. Money is integer cents; rates
are basis points (10,000 = 100%)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from g287.accounts.scoping import ScopedQuerySet
from g287.officers.models import Officer
from g287.registry.models import Agency


class Eligibility(models.TextChoices):
    LAST_DAY = "certified_last_day", "Certified on the last day of the quarter"
    ANY_DAY = "certified_any_day", "Certified on at least one day of the quarter"


def default_award_tiers() -> list[list[int]]:
    # [threshold in basis points of leads located / leads provided, award in cents per officer]
    return [[9000, 100_000], [8000, 75_000], [7000, 50_000]]


def default_models() -> list[str]:
    return ["TFM"]


class RuleSet(models.Model):
    """The rules of one fiscal year from `effective_from` on. An edit adds a new row, so the rules that
    decided any past figure stay on record; the row in force on a quarter's last day applies."""

    fiscal_year = models.PositiveSmallIntegerField()
    effective_from = models.DateField()
    salary_benefits_bp = models.PositiveIntegerField(default=10_000)
    overtime_cap_bp = models.PositiveIntegerField(default=2_500)
    award_tiers = models.JSONField(default=default_award_tiers)
    equipment_per_officer_cents = models.BigIntegerField(default=750_000)
    vehicles_per_agency_cents = models.BigIntegerField(default=10_000_000)
    reimbursable_models = models.JSONField(default=default_models)
    award_models = models.JSONField(default=default_models)
    eligibility = models.CharField(max_length=20, choices=Eligibility.choices, default=Eligibility.LAST_DAY)
    dual_approval_above_cents = models.BigIntegerField(
        default=25_000_000, help_text="Claims above this total need two different reviewers."
    )
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["fiscal_year", "effective_from", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "effective_from"], name="ruleset_once_per_day")
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} rules from {self.effective_from}"


class Appropriation(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(unique=True)
    amount_cents = models.BigIntegerField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["fiscal_year"]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year}: {self.amount_cents} cents"


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    PARTIALLY_APPROVED = "partially_approved", "Partially approved"
    RETURNED = "returned", "Returned for correction"
    REJECTED = "rejected", "Rejected"
    PAID = "paid", "Paid"


DECIDED = (ClaimStatus.APPROVED, ClaimStatus.PARTIALLY_APPROVED)


class ClaimQuerySet(ScopedQuerySet["Claim"]):
    agency_path = "agency"


class Claim(models.Model):
    """One version of an agency's claim for one quarter. An amendment is a new version; only the newest
    (`is_current`) counts, and the database allows one current version per agency and quarter."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="claims")
    fiscal_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    requested_cents = models.BigIntegerField(default=0)
    eligible_cents = models.BigIntegerField(default=0)
    approved_cents = models.BigIntegerField(null=True, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "-quarter", "agency_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "quarter", "version"], name="claim_version_once"
            ),
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "quarter"],
                condition=models.Q(is_current=True),
                name="claim_one_current_per_quarter",
            ),
            models.CheckConstraint(
                name="claim_quarter_1_to_4", condition=models.Q(quarter__gte=1, quarter__lte=4)
            ),
        ]
        indexes = [models.Index(fields=["fiscal_year", "quarter", "status"])]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.fiscal_year}Q{self.quarter} v{self.version}"

    @property
    def quarter_label(self) -> str:
        return f"{self.fiscal_year}Q{self.quarter}"


class LineQuerySet(ScopedQuerySet["ClaimLine"]):
    agency_path = "claim__agency"


class ClaimLine(models.Model):
    """What the agency paid one officer in the quarter, and what the rules allow of it."""

    # No index of its own: the unique (claim, officer) index serves lookups by claim, and one index
    # fewer is one write fewer for each of the 100,000 lines a settlement may update.
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines", db_index=False)
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="claim_lines")
    salary_cents = models.BigIntegerField()
    benefits_cents = models.BigIntegerField()
    overtime_cents = models.BigIntegerField()
    annual_salary_cents = models.BigIntegerField()
    # Set by validation.
    certified_days = models.PositiveSmallIntegerField(default=0)
    quarter_days = models.PositiveSmallIntegerField(default=0)
    eligible_overtime_cents = models.BigIntegerField(default=0)
    eligible_cents = models.BigIntegerField(default=0)
    problems = models.JSONField(default=list)
    # Set by review: a reduction below eligible needs a reason.
    approved_cents = models.BigIntegerField(null=True, blank=True)
    adjustment_reason = models.TextField(blank=True)

    objects = LineQuerySet.as_manager()

    class Meta:
        ordering = ["claim_id", "officer_id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "officer"], name="claimline_officer_once"),
            models.CheckConstraint(
                name="claimline_non_negative",
                condition=models.Q(
                    salary_cents__gte=0,
                    benefits_cents__gte=0,
                    overtime_cents__gte=0,
                    annual_salary_cents__gte=0,
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim} officer {self.officer_id}"

    @property
    def requested_cents(self) -> int:
        return self.salary_cents + self.benefits_cents + self.overtime_cents


class FileQuerySet(ScopedQuerySet["SupportingFile"]):
    agency_path = "claim__agency"


class SupportingFile(models.Model):
    """Kept in the database (payroll extracts are small), so a backup of the database is complete."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = FileQuerySet.as_manager()

    class Meta:
        ordering = ["claim_id", "uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"


class Approval(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="approvals")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    approved_cents = models.BigIntegerField()

    class Meta:
        ordering = ["claim_id", "at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "reviewer"], name="approval_once_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} approved by {self.reviewer_id}"


class IdempotencyKey(models.Model):
    """A key sent with an API submission: the same key from the same user always answers with the
    claim the first request made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


class ReportQuerySet(ScopedQuerySet["PerformanceReport"]):
    agency_path = "agency"


class PerformanceReport(models.Model):
    """Counts only: no data about the people the leads concern."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="performance_reports")
    fiscal_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    leads_provided = models.PositiveIntegerField()
    leads_located = models.PositiveIntegerField()
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "-quarter", "agency_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "quarter"], name="report_once_per_quarter"
            ),
            models.CheckConstraint(
                name="report_located_within_provided",
                condition=models.Q(leads_located__lte=models.F("leads_provided")),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.agency_id} {self.fiscal_year}Q{self.quarter}: {self.leads_located}/{self.leads_provided}"
        )


class AwardQuerySet(ScopedQuerySet["Award"]):
    agency_path = "agency"


class Award(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="awards")
    fiscal_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    leads_provided = models.PositiveIntegerField()
    leads_located = models.PositiveIntegerField()
    eligible_officers = models.PositiveIntegerField()
    per_officer_cents = models.BigIntegerField()
    amount_cents = models.BigIntegerField()
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="+")
    computed_at = models.DateTimeField(default=timezone.now)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "-quarter", "agency_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "quarter"], name="award_once_per_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.fiscal_year}Q{self.quarter}: {self.amount_cents}"


class PaymentQuerySet(ScopedQuerySet["Payment"]):
    agency_path = "agency"


class Payment(models.Model):
    """Money sent. One payment per claim version and per award, enforced by the database: whatever is
    retried, nothing is paid twice."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="payments")
    fiscal_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    claim = models.OneToOneField(
        Claim, null=True, blank=True, on_delete=models.PROTECT, related_name="payment"
    )
    award = models.OneToOneField(
        Award, null=True, blank=True, on_delete=models.PROTECT, related_name="payment"
    )
    amount_cents = models.BigIntegerField()
    reference = models.CharField(max_length=100, unique=True)
    paid_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-paid_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="payment_for_claim_or_award",
                condition=models.Q(claim__isnull=False, award__isnull=True)
                | models.Q(claim__isnull=True, award__isnull=False),
            )
        ]
        indexes = [models.Index(fields=["fiscal_year", "quarter"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount_cents}"


class ExpenseKind(models.TextChoices):
    EQUIPMENT = "equipment", "Equipment (per officer)"
    VEHICLE = "vehicle", "Vehicle (per agency)"


class ExpenseLine(models.Model):
    """Equipment for one trained and credentialed task force officer, or a vehicle for the agency, on a
    TFM agency's claim. Capped per fiscal year by the rule set (equipment per officer, vehicles per
    agency); validated, approved and paid with the claim like the salary lines."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="expenses")
    kind = models.CharField(max_length=10, choices=ExpenseKind.choices)
    officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="expense_lines"
    )
    description = models.CharField(max_length=200)
    amount_cents = models.BigIntegerField()
    # Set by validation.
    eligible_cents = models.BigIntegerField(default=0)
    problems = models.JSONField(default=list)
    # Set by review.
    approved_cents = models.BigIntegerField(null=True, blank=True)
    adjustment_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["claim_id", "kind", "id"]
        constraints = [
            models.CheckConstraint(name="expense_non_negative", condition=models.Q(amount_cents__gte=0)),
            models.CheckConstraint(
                name="expense_equipment_has_officer",
                condition=models.Q(kind="vehicle", officer__isnull=True)
                | models.Q(kind="equipment", officer__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.kind} {self.amount_cents}"
