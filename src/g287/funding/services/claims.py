"""The claim life cycle: draft -> submitted -> in review -> approved / partially approved / returned /
rejected -> paid, with amendments as new versions. Every change is audited in the same transaction.

Row locks (select_for_update) serialize decisions on one claim: when two reviewers approve at the same
moment, the second waits for the first, then sees the claim as it is now."""

import hashlib
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from g287.accounts.roles import Perm, require
from g287.accounts.scoping import agency_in_scope, get_in_scope
from g287.core.audit import record
from g287.core.uploads import clean_file_name
from g287.funding.attachments import stored_type
from g287.funding.fiscal import Quarter
from g287.funding.models import (
    DECIDED,
    Approval,
    Claim,
    ClaimLine,
    ClaimStatus,
    IdempotencyKey,
    Payment,
    SupportingFile,
)
from g287.funding.rules import rules_for
from g287.funding.validation import validate_claims
from g287.officers.models import Officer

MAX_FILE_BYTES = 10 * 1024 * 1024
AMENDABLE = (
    ClaimStatus.RETURNED,
    ClaimStatus.REJECTED,
    ClaimStatus.APPROVED,
    ClaimStatus.PARTIALLY_APPROVED,
    ClaimStatus.PAID,
)


@dataclass(frozen=True)
class LineInput:
    officer_id: int
    salary_cents: int
    benefits_cents: int
    overtime_cents: int
    annual_salary_cents: int


def _user(by: Any) -> Any:
    return by if getattr(by, "pk", None) is not None else None


def claim_state(claim: Claim) -> dict[str, Any]:
    return {
        "agency": claim.agency_id,
        "quarter": claim.quarter_label,
        "version": claim.version,
        "status": claim.status,
        "is_current": claim.is_current,
        "requested_cents": claim.requested_cents,
        "eligible_cents": claim.eligible_cents,
        "approved_cents": claim.approved_cents,
        "decision_reason": claim.decision_reason,
    }


def _audit(action: str, claim: Claim, before: dict[str, Any] | None) -> None:
    record(f"funding.claim.{action}", "funding.Claim", claim.pk, before=before, after=claim_state(claim))


def _locked(by: Any, claim_id: int) -> Claim:
    """The claim, locked for the rest of the transaction, if `by` may see it (404 otherwise)."""
    claim = get_in_scope(Claim.objects.select_for_update(of=("self",)), by, pk=claim_id)
    return claim


# What each status and action is called in the messages below, translated when they are shown.
STATUS_WORDS = {
    ClaimStatus.DRAFT: pgettext_lazy("claim status", "draft"),
    ClaimStatus.SUBMITTED: pgettext_lazy("claim status", "submitted"),
    ClaimStatus.IN_REVIEW: pgettext_lazy("claim status", "in review"),
    ClaimStatus.APPROVED: pgettext_lazy("claim status", "approved"),
    ClaimStatus.PARTIALLY_APPROVED: pgettext_lazy("claim status", "partially approved"),
    ClaimStatus.RETURNED: pgettext_lazy("claim status", "returned for correction"),
    ClaimStatus.REJECTED: pgettext_lazy("claim status", "rejected"),
    ClaimStatus.PAID: pgettext_lazy("claim status", "paid"),
}
DOING_WORDS = {
    "change lines": pgettext_lazy("claim action", "change lines"),
    "add files": pgettext_lazy("claim action", "add files"),
    "submit": pgettext_lazy("claim action", "submit"),
    "start the review": pgettext_lazy("claim action", "start the review"),
    "adjust lines": pgettext_lazy("claim action", "adjust lines"),
    "approve": pgettext_lazy("claim action", "approve"),
    "return": pgettext_lazy("claim action", "return"),
    "reject": pgettext_lazy("claim action", "reject"),
    "amend": pgettext_lazy("claim action", "amend"),
    "pay": pgettext_lazy("claim action", "pay"),
}


def status_word(status: str) -> str:
    return str(STATUS_WORDS.get(ClaimStatus(status), ClaimStatus(status).label.lower()))


def _expect(claim: Claim, *statuses: str, doing: str) -> None:
    if claim.status not in statuses:
        allowed = _(" or ").join(status_word(s) for s in statuses)
        raise ValidationError(
            {
                "status": _("Cannot %(doing)s: the claim is %(status)s, not %(allowed)s.")
                % {
                    "doing": DOING_WORDS.get(doing, doing),
                    "status": status_word(claim.status),
                    "allowed": allowed,
                }
            }
        )


def _check_amount(field: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError({field: _("Give a whole number of cents.")})
    if value < 0:
        raise ValidationError({field: _("Amounts cannot be negative.")})
    return value


def open_claim(by: Any, agency_id: str, quarter: Quarter) -> Claim:
    """A new draft for the agency and quarter; the only claim for that quarter until it is amended."""
    require(by, Perm.FUNDING_PREPARE)
    agency = agency_in_scope(by, agency_id)
    if quarter.end >= timezone.localdate():
        # Its certified days are not known until it is over: a claim now would count future days.
        raise ValidationError(
            {
                "quarter": _(
                    "%(quarter)s has not ended yet (it runs to %(end)s); claims are filed for quarters that are over."
                )
                % {"quarter": quarter, "end": quarter.end}
            }
        )
    rules_for(quarter)  # no claims for a year without rules
    with transaction.atomic():
        existing = Claim.objects.filter(
            agency=agency, fiscal_year=quarter.fiscal_year, quarter=quarter.number, is_current=True
        ).first()
        if existing is not None:
            raise ValidationError(
                {
                    "quarter": _(
                        "%(agency)s already has a claim for %(quarter)s (version %(version)s, %(status)s, "
                        "#%(number)s). Edit or amend that claim instead of filing a second one."
                    )
                    % {
                        "agency": agency.name,
                        "quarter": quarter,
                        "version": existing.version,
                        "status": status_word(existing.status),
                        "number": existing.pk,
                    }
                }
            )
        try:
            with transaction.atomic():
                claim = Claim.objects.create(
                    agency=agency,
                    fiscal_year=quarter.fiscal_year,
                    quarter=quarter.number,
                    created_by=_user(by),
                )
        except IntegrityError as exc:  # a concurrent request made it first
            raise ValidationError(
                {"quarter": _("A claim for %(quarter)s was just filed; reload it.") % {"quarter": quarter}}
            ) from exc
        _audit("create", claim, None)
    return claim


def check_draft(claim: Claim) -> None:
    """Validates a draft's lines as they are saved, so the draft shows its eligible amount and findings
    (certified days, proration, the overtime left under the fiscal-year cap) before it is submitted."""
    # Without rules for the year (removed since the claim was opened) it is validated on submission.
    with suppress(ValidationError):
        validate_claims(Claim.objects.filter(pk=claim.pk), Quarter(claim.fiscal_year, claim.quarter))


def set_line(by: Any, claim_id: int, line: LineInput, check: bool = True) -> ClaimLine:
    """Adds or replaces the line for one officer on a draft claim, then checks the draft's lines
    (`check`=False when a caller saves many lines and checks once at the end)."""
    require(by, Perm.FUNDING_PREPARE)
    for name in ("salary_cents", "benefits_cents", "overtime_cents", "annual_salary_cents"):
        _check_amount(name, getattr(line, name))
    with transaction.atomic():
        claim = _locked(by, claim_id)
        _expect(claim, ClaimStatus.DRAFT, doing="change lines")
        officer = Officer.objects.filter(pk=line.officer_id, agency_id=claim.agency_id).first()
        if officer is None:
            raise ValidationError(
                {
                    "officer_id": _("No officer #%(officer)s in %(agency)s.")
                    % {"officer": line.officer_id, "agency": claim.agency_id}
                }
            )
        before = (
            ClaimLine.objects.filter(claim=claim, officer=officer)
            .values("salary_cents", "benefits_cents", "overtime_cents", "annual_salary_cents")
            .first()
        )
        saved, _created = ClaimLine.objects.update_or_create(
            claim=claim,
            officer=officer,
            defaults={
                "salary_cents": line.salary_cents,
                "benefits_cents": line.benefits_cents,
                "overtime_cents": line.overtime_cents,
                "annual_salary_cents": line.annual_salary_cents,
            },
        )
        _refresh_requested(claim)
        if check:
            check_draft(claim)
            saved.refresh_from_db()
        record(
            "funding.claimline.set",
            "funding.ClaimLine",
            saved.pk,
            before=before,
            after={"claim": claim.pk, "officer": officer.pk, **line.__dict__},
        )
    return saved


def of_claim(actual: int, expected: int | None, field: str) -> None:
    """A line named with its claim (a page's or the API's path) must be one of that claim's lines:
    a line id of another claim of the same agency was acted on (found by fuzzing)."""
    if expected is not None and actual != expected:
        raise ValidationError({field: _("This line belongs to another claim.")})


def remove_line(by: Any, line_id: int, claim_id: int | None = None) -> None:
    """Removes a draft's line; `claim_id`, when given, is the claim the line must belong to."""
    require(by, Perm.FUNDING_PREPARE)
    with transaction.atomic():
        line = get_in_scope(ClaimLine.objects.all(), by, pk=line_id)
        of_claim(line.claim_id, claim_id, "line")
        claim = _locked(by, line.claim_id)
        _expect(claim, ClaimStatus.DRAFT, doing="change lines")
        before = {"claim": claim.pk, "officer": line.officer_id, "requested_cents": line.requested_cents}
        line.delete()
        _refresh_requested(claim)
        check_draft(claim)
        record("funding.claimline.delete", "funding.ClaimLine", line_id, before=before)


def _refresh_requested(claim: Claim) -> None:
    totals = claim.lines.aggregate(
        total=Coalesce(Sum("salary_cents"), 0)
        + Coalesce(Sum("benefits_cents"), 0)
        + Coalesce(Sum("overtime_cents"), 0)
    )
    expenses = claim.expenses.aggregate(total=Coalesce(Sum("amount_cents"), 0))
    claim.requested_cents = totals["total"] + expenses["total"]
    claim.save(update_fields=["requested_cents"])


def attach_file(by: Any, claim_id: int, name: str, content_type: str, data: bytes) -> SupportingFile:
    require(by, Perm.FUNDING_PREPARE)
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            {"file": _("Files are limited to %(size)s MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)}}
        )
    clean_name = clean_file_name(name)
    kind = stored_type(content_type, data)  # before any write: bytes that contradict the type are refused
    with transaction.atomic():
        claim = _locked(by, claim_id)
        _expect(claim, ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, doing="add files")
        stored = SupportingFile.objects.create(
            claim=claim,
            name=clean_name,
            content_type=kind,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            content=data,
            uploaded_by=_user(by),
        )
        record(
            "funding.supportingfile.create",
            "funding.SupportingFile",
            stored.pk,
            after={"claim": claim.pk, "name": stored.name, "size": stored.size, "sha256": stored.sha256},
        )
    return stored


def submit(by: Any, claim_id: int) -> Claim:
    require(by, Perm.FUNDING_PREPARE)
    with transaction.atomic():
        claim = _locked(by, claim_id)
        _expect(claim, ClaimStatus.DRAFT, doing="submit")
        if not claim.lines.exists() and not claim.expenses.exists():
            raise ValidationError(
                {"lines": _("Add at least one officer, equipment or vehicle line before submitting.")}
            )
        before = claim_state(claim)
        claim.status = ClaimStatus.SUBMITTED
        claim.submitted_by = _user(by)
        claim.submitted_at = timezone.now()
        claim.save(update_fields=["status", "submitted_by", "submitted_at"])
        validate_claims(Claim.objects.filter(pk=claim.pk), Quarter(claim.fiscal_year, claim.quarter))
        claim.refresh_from_db()
        _audit("submit", claim, before)
    return claim


def _not_own(by: Any, claim: Claim) -> None:
    if by.pk is not None and by.pk in (claim.submitted_by_id, claim.created_by_id):
        raise PermissionDenied(_("You filed or submitted this claim, so you cannot review or approve it."))


def start_review(by: Any, claim_id: int) -> Claim:
    require(by, Perm.FUNDING_REVIEW)
    with transaction.atomic():
        claim = _locked(by, claim_id)
        _not_own(by, claim)
        _expect(claim, ClaimStatus.SUBMITTED, doing="start the review")
        before = claim_state(claim)
        claim.status = ClaimStatus.IN_REVIEW
        claim.save(update_fields=["status"])
        _audit("review", claim, before)
    return claim


def adjust_line(
    by: Any, line_id: int, approved_cents: int, reason: str, claim_id: int | None = None
) -> ClaimLine:
    """Sets what will be approved for one line, with the reason. Any adjustment withdraws approvals
    already given, so every approval is of the same figures. `claim_id`, when given, is the claim the
    line must belong to."""
    require(by, Perm.FUNDING_REVIEW)
    _check_amount("approved_cents", approved_cents)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the line is adjusted; the agency sees the reason.")})
    with transaction.atomic():
        line = get_in_scope(ClaimLine.objects.all(), by, pk=line_id)
        of_claim(line.claim_id, claim_id, "line")
        claim = _locked(by, line.claim_id)
        _not_own(by, claim)
        _expect(claim, ClaimStatus.IN_REVIEW, doing="adjust lines")
        line.refresh_from_db()
        if approved_cents > line.eligible_cents:
            raise ValidationError(
                {
                    "approved_cents": _("At most the eligible amount of %(cents)s cents can be approved.")
                    % {"cents": line.eligible_cents}
                }
            )
        before = {"approved_cents": line.approved_cents, "adjustment_reason": line.adjustment_reason}
        line.approved_cents = approved_cents
        line.adjustment_reason = reason
        line.save(update_fields=["approved_cents", "adjustment_reason"])
        withdrawn = claim.approvals.count()
        claim.approvals.all().delete()
        record(
            "funding.claimline.adjust",
            "funding.ClaimLine",
            line.pk,
            before=before,
            after={
                "approved_cents": approved_cents,
                "adjustment_reason": reason,
                "approvals_withdrawn": withdrawn,
            },
        )
    return line


@dataclass(frozen=True)
class ApprovalOutcome:
    claim: Claim
    approvals: int
    needed: int

    @property
    def decided(self) -> bool:
        return self.approvals >= self.needed


def approval_total(claim: Claim) -> int:
    """What approving the claim now would approve: each line's adjusted or eligible amount."""
    amount = Coalesce(Sum(Coalesce("approved_cents", "eligible_cents")), 0)
    return int(claim.lines.aggregate(t=amount)["t"]) + int(claim.expenses.aggregate(t=amount)["t"])


def approvals_needed(claim: Claim, total: int | None = None) -> int:
    """Two reviewers above the rule set's threshold, one otherwise."""
    rules = rules_for(Quarter(claim.fiscal_year, claim.quarter))
    total = approval_total(claim) if total is None else total
    return 2 if total > rules.dual_approval_above_cents else 1


def approve(by: Any, claim_id: int) -> ApprovalOutcome:
    require(by, Perm.FUNDING_REVIEW)
    with transaction.atomic():
        claim = _locked(by, claim_id)
        _not_own(by, claim)
        _expect(claim, ClaimStatus.IN_REVIEW, doing="approve")
        if claim.approvals.filter(reviewer=by).exists():
            raise ValidationError(
                {"reviewer": _("You already approved this claim; a second reviewer must approve it.")}
            )
        lines, expenses = claim.lines.all(), claim.expenses.all()
        total = approval_total(claim)
        Approval.objects.create(claim=claim, reviewer=by, approved_cents=total)
        count = claim.approvals.count()
        needed = approvals_needed(claim, total)
        before = claim_state(claim)
        if count >= needed:
            for line in lines.filter(approved_cents__isnull=True):
                line.approved_cents = line.eligible_cents
                line.save(update_fields=["approved_cents"])
            for expense in expenses.filter(approved_cents__isnull=True):
                expense.approved_cents = expense.eligible_cents
                expense.save(update_fields=["approved_cents"])
            claim.approved_cents = total
            claim.status = (
                ClaimStatus.APPROVED if total >= claim.requested_cents else ClaimStatus.PARTIALLY_APPROVED
            )
            claim.decided_at = timezone.now()
            claim.save(update_fields=["approved_cents", "status", "decided_at"])
            _audit("approve", claim, before)
        else:
            record(
                "funding.claim.first_approval",
                "funding.Claim",
                claim.pk,
                before=before,
                after={**claim_state(claim), "approvals": count, "needed": needed, "approved_cents": total},
            )
    return ApprovalOutcome(claim, count, needed)


def _close(by: Any, claim_id: int, status: ClaimStatus, reason: str, action: str) -> Claim:
    require(by, Perm.FUNDING_REVIEW)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason; the agency needs it to correct the claim.")})
    with transaction.atomic():
        claim = _locked(by, claim_id)
        _not_own(by, claim)
        _expect(claim, ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, doing=action)
        before = claim_state(claim)
        claim.status = status
        claim.decision_reason = reason
        claim.decided_at = timezone.now()
        claim.save(update_fields=["status", "decision_reason", "decided_at"])
        claim.approvals.all().delete()
        _audit(action, claim, before)
    return claim


def return_claim(by: Any, claim_id: int, reason: str) -> Claim:
    return _close(by, claim_id, ClaimStatus.RETURNED, reason, "return")


def reject(by: Any, claim_id: int, reason: str) -> Claim:
    return _close(by, claim_id, ClaimStatus.REJECTED, reason, "reject")


def amend(by: Any, claim_id: int) -> Claim:
    """A new draft version with the same lines; the old version stops counting."""
    require(by, Perm.FUNDING_PREPARE)
    with transaction.atomic():
        old = _locked(by, claim_id)
        if not old.is_current:
            raise ValidationError({"status": _("A newer version of this claim exists; amend that one.")})
        _expect(old, *AMENDABLE, doing="amend")
        before = claim_state(old)
        old.is_current = False
        old.save(update_fields=["is_current"])
        _audit("superseded", old, before)
        new = Claim.objects.create(
            agency_id=old.agency_id,
            fiscal_year=old.fiscal_year,
            quarter=old.quarter,
            version=old.version + 1,
            supersedes=old,
            created_by=_user(by),
        )
        ClaimLine.objects.bulk_create(
            ClaimLine(
                claim=new,
                officer_id=line.officer_id,
                salary_cents=line.salary_cents,
                benefits_cents=line.benefits_cents,
                overtime_cents=line.overtime_cents,
                annual_salary_cents=line.annual_salary_cents,
            )
            for line in old.lines.all()
        )
        _refresh_requested(new)
        check_draft(new)
        new.refresh_from_db()
        _audit("amend", new, None)
    return new


def paid_before(claim: Claim) -> int:
    """What earlier versions of the same agency's quarter were paid: an amendment pays the difference."""
    return Payment.objects.filter(
        claim__agency_id=claim.agency_id,
        claim__fiscal_year=claim.fiscal_year,
        claim__quarter=claim.quarter,
        claim__version__lt=claim.version,
    ).aggregate(t=Coalesce(Sum("amount_cents"), 0))["t"]


def record_payment(by: Any, claim_id: int, reference: str, paid_on: date) -> Payment:
    require(by, Perm.FUNDING_PAY)
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Give the payment reference (treasury or ledger number).")})
    with transaction.atomic():
        claim = _locked(by, claim_id)
        existing = Payment.objects.filter(claim=claim).first()
        if existing is not None:
            raise ValidationError(
                {
                    "status": _("This claim was already paid (reference %(reference)s).")
                    % {"reference": existing.reference}
                }
            )
        _expect(claim, *DECIDED, doing="pay")
        if Payment.objects.filter(reference=reference).exists():
            raise ValidationError({"reference": _("This reference is already used by another payment.")})
        before = claim_state(claim)
        payment = Payment.objects.create(
            agency_id=claim.agency_id,
            fiscal_year=claim.fiscal_year,
            quarter=claim.quarter,
            claim=claim,
            amount_cents=(claim.approved_cents or 0) - paid_before(claim),
            reference=reference,
            paid_on=paid_on,
            recorded_by=_user(by),
        )
        claim.status = ClaimStatus.PAID
        claim.save(update_fields=["status"])
        _audit("pay", claim, before)
        record(
            "funding.payment.create",
            "funding.Payment",
            payment.pk,
            after={"claim": claim.pk, "amount_cents": payment.amount_cents, "reference": reference},
        )
    return payment


def request_hash(agency_id: str, quarter: str, lines: list[LineInput], submit_now: bool) -> str:
    body = repr((agency_id, quarter, sorted(tuple(vars(line).items()) for line in lines), submit_now))
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass(frozen=True)
class Filed:
    claim: Claim
    replayed: bool


def file_claim(
    by: Any, agency_id: str, quarter: Quarter, lines: list[LineInput], submit_now: bool, key: str | None
) -> Filed:
    """The API's one-call filing: a draft with its lines, submitted if asked. With an idempotency key, a
    retried request (same user, same key) answers with the claim the first one made."""
    require(by, Perm.FUNDING_PREPARE)
    digest = request_hash(agency_id, str(quarter), lines, submit_now)
    if key:
        found = IdempotencyKey.objects.filter(user=by, key=key).select_related("claim").first()
        if found is not None:
            if found.request_hash != digest:
                raise ValidationError(
                    {"idempotency_key": _("This key was used for a different request; use a new key.")}
                )
            return Filed(found.claim, True)
    if not lines:
        raise ValidationError({"lines": _("Give at least one officer line.")})
    if len({line.officer_id for line in lines}) != len(lines):
        raise ValidationError({"lines": _("Each officer may appear only once in a claim.")})
    try:
        with transaction.atomic():
            claim = open_claim(by, agency_id, quarter)
            for line in lines:
                set_line(by, claim.pk, line, check=False)
            if submit_now:
                claim = submit(by, claim.pk)
            else:
                check_draft(claim)
            if key:
                IdempotencyKey.objects.create(user=by, key=key, request_hash=digest, claim=claim)
    except (IntegrityError, ValidationError):
        # A concurrent retry with the same key may have won the race: answer as it did.
        if key:
            found = IdempotencyKey.objects.filter(user=by, key=key).select_related("claim").first()
            if found is not None and found.request_hash == digest:
                return Filed(found.claim, True)
        raise
    claim.refresh_from_db()
    return Filed(claim, False)
