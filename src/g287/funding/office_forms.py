"""Forms for the program office's pages: rules, lead-count reports, appropriations. People type
percentages and dollars; the services take basis points and cents, exactly (no rounding: 12.345% or
$1.005 is an error, not a guess)."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from g287.funding.awards import MAX_LEADS
from g287.funding.forms import DollarsField, QuarterField
from g287.funding.models import Eligibility, RuleSet
from g287.funding.money import dollars, parse_dollars, plain
from g287.registry.models import AgreementModel


def basis_points(text: str) -> int:
    """'25' or '25.5' (percent) -> 2500 or 2550."""
    try:
        value = Decimal(text.strip().rstrip("%").strip())
    except InvalidOperation as exc:
        raise forms.ValidationError(
            _("%(text)r is not a percentage; type a number like 25 or 12.5.") % {"text": text}
        ) from exc
    if not value.is_finite() or not 0 <= value <= 100:
        raise forms.ValidationError(_("Give a percentage from 0 to 100."))
    bp = value * 100
    if bp != bp.to_integral_value():
        raise forms.ValidationError(_("At most two decimals (0.01% is the smallest step)."))
    return int(bp)


def percent(bp: int) -> str:
    return f"{Decimal(bp) / 100:f}".rstrip("0").rstrip(".") if bp % 100 else str(bp // 100)


class PercentField(forms.CharField):
    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        return None if text in ("", None) else basis_points(str(text))


class TiersField(forms.CharField):
    """One tier a line: 'share of leads located in percent = dollars per officer', like '90 = 1,000'."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 30})

    def to_python(self, value: Any) -> list[list[int]] | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        tiers: list[list[int]] = []
        for number, line in enumerate(str(text).splitlines(), start=1):
            if not line.strip():
                continue
            share, sep, amount = line.partition("=")
            if not sep:
                raise forms.ValidationError(
                    _("Line %(number)s: write it like '90 = 1,000.00'.") % {"number": number}
                )
            try:
                cents = parse_dollars(amount)
            except ValueError as exc:
                raise forms.ValidationError(
                    _("Line %(number)s: %(error)s.") % {"number": number, "error": exc}
                ) from exc
            try:
                bp = basis_points(share)
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    _("Line %(number)s: %(error)s") % {"number": number, "error": " ".join(exc.messages)}
                ) from exc
            tiers.append([bp, cents])
        return tiers


def tiers_text(tiers: list[list[int]]) -> str:
    return "\n".join(f"{percent(int(t))} = {dollars(int(c)).lstrip('$')}" for t, c in tiers)


# Form field -> the rule it sets (and back, to put the service's errors on the right field).
RULE_FIELDS = {
    "salary_benefits": "salary_benefits_bp",
    "overtime_cap": "overtime_cap_bp",
    "award_tiers": "award_tiers",
    "equipment_per_officer": "equipment_per_officer_cents",
    "vehicles_per_agency": "vehicles_per_agency_cents",
    "reimbursable_models": "reimbursable_models",
    "award_models": "award_models",
    "eligibility": "eligibility",
    "dual_approval_above": "dual_approval_above_cents",
    "note": "note",
}
FORM_FIELD_OF = {rule: name for name, rule in RULE_FIELDS.items()}


class RulesForm(forms.Form):
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2999)
    effective_from = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The new rules apply to every quarter that ends on or after this day.",
    )
    salary_benefits = PercentField(label="Salary and benefits reimbursed (%)")
    overtime_cap = PercentField(label="Overtime cap (% of annual salary, per fiscal year)")
    award_tiers = TiersField(label="Award tiers (% of leads located = $ per eligible officer)")
    equipment_per_officer = DollarsField(label="Equipment, once per credentialed officer ($)")
    vehicles_per_agency = DollarsField(label="Vehicles, per agency ($)")
    reimbursable_models = forms.MultipleChoiceField(
        choices=AgreementModel.choices, widget=forms.CheckboxSelectMultiple
    )
    award_models = forms.MultipleChoiceField(
        choices=AgreementModel.choices, widget=forms.CheckboxSelectMultiple
    )
    eligibility = forms.ChoiceField(choices=Eligibility.choices)
    dual_approval_above = DollarsField(label="Two reviewers for claims above ($)")
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    @staticmethod
    def initial_from(rules: RuleSet) -> dict[str, Any]:
        return {
            "fiscal_year": rules.fiscal_year,
            "salary_benefits": percent(rules.salary_benefits_bp),
            "overtime_cap": percent(rules.overtime_cap_bp),
            "award_tiers": tiers_text(rules.award_tiers),
            "equipment_per_officer": plain(rules.equipment_per_officer_cents),
            "vehicles_per_agency": plain(rules.vehicles_per_agency_cents),
            "reimbursable_models": list(rules.reimbursable_models),
            "award_models": list(rules.award_models),
            "eligibility": rules.eligibility,
            "dual_approval_above": plain(rules.dual_approval_above_cents),
        }

    def changes(self) -> dict[str, Any]:
        return {rule: self.cleaned_data[name] for name, rule in RULE_FIELDS.items()}


class ReportForm(forms.Form):
    agency = forms.ChoiceField()
    quarter = QuarterField()
    leads_provided = forms.IntegerField(min_value=0, max_value=MAX_LEADS, label="ICE-provided leads")
    leads_located = forms.IntegerField(min_value=0, max_value=MAX_LEADS, label="Leads located")

    def __init__(self, *args: Any, agencies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = agencies  # type: ignore[attr-defined]


class AppropriationForm(forms.Form):
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2999)
    amount = DollarsField(label="Appropriation ($)")
    note = forms.CharField(required=False, max_length=2000)
