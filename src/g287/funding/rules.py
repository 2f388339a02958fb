"""Fiscal-year rules as data: which rule set applies to a quarter, and the program office's edits."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from g287.accounts.roles import Perm, require
from g287.core.audit import record
from g287.funding.fiscal import Quarter, fiscal_year_of, fy_start
from g287.funding.models import Eligibility, RuleSet
from g287.registry.models import AgreementModel

EDITABLE = (
    "salary_benefits_bp",
    "overtime_cap_bp",
    "award_tiers",
    "equipment_per_officer_cents",
    "vehicles_per_agency_cents",
    "reimbursable_models",
    "award_models",
    "eligibility",
    "dual_approval_above_cents",
    "note",
)


class NoRules(ValidationError):
    pass


def rules_for(quarter: Quarter) -> RuleSet:
    """The rule set in force on the quarter's last day (the day eligibility is decided)."""
    found = (
        RuleSet.objects.filter(fiscal_year=quarter.fiscal_year, effective_from__lte=quarter.end)
        .order_by("-effective_from", "-id")
        .first()
    )
    if found is None:
        raise NoRules(
            {
                "quarter": f"No funding rules for fiscal year {quarter.fiscal_year} yet: the program "
                "office administrator sets them (Funding → Rules); ask them, then file again."
            }
        )
    return found


def snapshot(rules: RuleSet) -> dict[str, Any]:
    data = model_to_dict(rules, fields=("fiscal_year", "effective_from", *EDITABLE))
    data["effective_from"] = rules.effective_from.isoformat()
    return data


@dataclass(frozen=True)
class Tier:
    threshold_bp: int
    per_officer_cents: int


def tiers_of(rules: RuleSet) -> list[Tier]:
    return sorted((Tier(int(t), int(c)) for t, c in rules.award_tiers), key=lambda t: -t.threshold_bp)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _tier_error(tiers: Any) -> str | None:
    def valid(t: Any) -> bool:
        return (
            isinstance(t, list | tuple)
            and len(t) == 2
            and all(_whole(x) for x in t)
            and 0 < t[0] <= 10_000
            and t[1] >= 0
        )

    if not isinstance(tiers, list) or not all(valid(t) for t in tiers):
        return _("Give a list of [threshold in basis points (1-10000), cents per officer] pairs.")
    if len({t[0] for t in tiers}) != len(tiers):
        return _("Two tiers have the same threshold.")
    return None


def check(values: dict[str, Any]) -> None:
    """Raises ValidationError naming each field a person must fix."""
    errors: dict[str, str] = {}
    for name in ("salary_benefits_bp", "overtime_cap_bp"):
        if not (_whole(values.get(name)) and 0 <= values[name] <= 10_000):
            errors[name] = _("Give a whole number of basis points from 0 to 10000 (10000 = 100%).")
    for name in ("equipment_per_officer_cents", "vehicles_per_agency_cents", "dual_approval_above_cents"):
        if not (_whole(values.get(name)) and values[name] >= 0):
            errors[name] = _("Give a whole, non-negative number of cents.")
    tier_error = _tier_error(values.get("award_tiers"))
    if tier_error:
        errors["award_tiers"] = tier_error
    valid_models = set(AgreementModel.values)
    for name in ("reimbursable_models", "award_models"):
        value = values.get(name)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(m, str) and m in valid_models for m in value)
        ):
            errors[name] = _("Give a non-empty list of models from %(models)s.") % {
                "models": ", ".join(sorted(valid_models))
            }
    if values.get("eligibility") not in Eligibility.values:
        errors["eligibility"] = _("Choose one of %(values)s.") % {"values": ", ".join(Eligibility.values)}
    if errors:
        raise ValidationError(errors)


def update_rules(by: Any, fiscal_year: int, effective_from: date, changes: dict[str, Any]) -> RuleSet:
    """A new rule set for `fiscal_year` from `effective_from`, starting from the one in force before it.
    Earlier rule sets are kept: figures already computed can always be explained."""
    require(by, Perm.FUNDING_RULES)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: _("This rule cannot be edited.") for name in sorted(unknown)})
    if fiscal_year_of(effective_from) != fiscal_year and effective_from != fy_start(fiscal_year):
        raise ValidationError(
            {"effective_from": _("The date must fall in fiscal year %(year)s.") % {"year": fiscal_year}}
        )
    with transaction.atomic():
        base = (
            RuleSet.objects.select_for_update()
            .filter(fiscal_year=fiscal_year, effective_from__lte=effective_from)
            .order_by("-effective_from", "-id")
            .first()
        ) or RuleSet.objects.filter(fiscal_year__lt=fiscal_year).order_by(
            "-fiscal_year", "-effective_from"
        ).first()
        values = {name: getattr(base, name) for name in EDITABLE} if base else {}
        if base is None:
            values = {name: getattr(RuleSet(), name) for name in EDITABLE}
        values.update(changes)
        check(values)
        if RuleSet.objects.filter(fiscal_year=fiscal_year, effective_from=effective_from).exists():
            raise ValidationError(
                {"effective_from": _("A rule set already starts on this day; pick another day.")}
            )
        rules = RuleSet.objects.create(
            fiscal_year=fiscal_year,
            effective_from=effective_from,
            created_by=by if getattr(by, "pk", None) else None,
            **values,
        )
        record(
            "funding.ruleset.create",
            "funding.RuleSet",
            rules.pk,
            before=snapshot(base) if base else None,
            after=snapshot(rules),
        )
    return rules
