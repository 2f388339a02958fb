"""Equipment and vehicle lines on TFM claims: adding and removing them on a draft. The rules they are
checked against are in funding/expense_rules.py (validation runs them with the salary lines)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from g287.accounts.roles import Perm, require
from g287.core.audit import record
from g287.funding.models import ClaimStatus, ExpenseKind, ExpenseLine
from g287.funding.services.claims import _expect, _locked, _refresh_requested, check_draft, of_claim
from g287.officers.models import Officer


def add_expense(
    by: Any, claim_id: int, kind: str, amount_cents: int, description: str, officer_id: int | None = None
) -> ExpenseLine:
    """Adds an equipment or vehicle line to a draft claim."""
    require(by, Perm.FUNDING_PREPARE)
    description = (description or "").strip()
    errors: dict[str, str] = {}
    if kind not in ExpenseKind.values:
        errors["kind"] = _("Choose equipment or vehicle.")
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents <= 0:
        errors["amount_cents"] = _("Give the amount paid, in whole cents, above zero.")
    if not description:
        errors["description"] = _("Say what was bought (for example: laptop and phone with service).")
    elif len(description) > 200:
        errors["description"] = _("Keep the description under 200 characters.")
    if kind == ExpenseKind.EQUIPMENT and officer_id is None:
        errors["officer_id"] = _("Equipment is claimed per officer: choose the officer.")
    if kind == ExpenseKind.VEHICLE and officer_id is not None:
        errors["officer_id"] = _(
            "A vehicle is claimed for the agency, not an officer: leave the officer empty."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        claim = _locked(by, claim_id)
        _expect(claim, ClaimStatus.DRAFT, doing="change lines")
        if (
            officer_id is not None
            and not Officer.objects.filter(pk=officer_id, agency_id=claim.agency_id).exists()
        ):
            raise ValidationError(
                {
                    "officer_id": _("No officer #%(officer)s in %(agency)s.")
                    % {"officer": officer_id, "agency": claim.agency_id}
                }
            )
        line = ExpenseLine.objects.create(
            claim=claim, kind=kind, officer_id=officer_id, description=description, amount_cents=amount_cents
        )
        _refresh_requested(claim)
        check_draft(claim)
        line.refresh_from_db()
        record(
            "funding.expenseline.add",
            "funding.ExpenseLine",
            line.pk,
            after={"claim": claim.pk, "kind": kind, "officer": officer_id, "amount_cents": amount_cents},
        )
    return line


def remove_expense(by: Any, expense_id: int, claim_id: int | None = None) -> None:
    """Removes a draft's equipment or vehicle line; `claim_id`, when given, is the claim it must belong to."""
    require(by, Perm.FUNDING_PREPARE)
    with transaction.atomic():
        line = ExpenseLine.objects.filter(pk=expense_id).first()
        if line is None:
            raise ValidationError({"expense": _("No such line.")})
        of_claim(line.claim_id, claim_id, "expense")
        claim = _locked(by, line.claim_id)
        _expect(claim, ClaimStatus.DRAFT, doing="change lines")
        before = {"claim": claim.pk, "kind": line.kind, "amount_cents": line.amount_cents}
        line.delete()
        _refresh_requested(claim)
        check_draft(claim)
        record("funding.expenseline.delete", "funding.ExpenseLine", expense_id, before=before)
