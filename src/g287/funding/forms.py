"""Forms for the staff pages. Money is typed in dollars and parsed to cents exactly."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from g287.funding.fiscal import Quarter
from g287.funding.money import parse_dollars


class DollarsField(forms.CharField):
    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in ("", None):
            return None
        try:
            cents = parse_dollars(str(text))
        except ValueError as exc:
            raise forms.ValidationError(
                _("%(error)s. Type an amount like 12,345.67.") % {"error": exc}
            ) from exc
        if cents < 0:
            raise forms.ValidationError(_("Amounts cannot be negative."))
        return cents


class QuarterField(forms.CharField):
    def to_python(self, value: Any) -> Quarter | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return Quarter.parse(str(text))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class NewClaimForm(forms.Form):
    agency = forms.ChoiceField()
    quarter = QuarterField(help_text="Fiscal quarter, like 2026Q1 (Q1 = October to December).")

    def __init__(self, *args: Any, agencies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = agencies


class LineForm(forms.Form):
    officer = forms.TypedChoiceField(coerce=int)
    salary = DollarsField(label="Salary paid in the quarter")
    benefits = DollarsField(label="Benefits paid in the quarter")
    overtime = DollarsField(label="Overtime paid in the quarter")
    annual_salary = DollarsField(label="Annual salary")

    def __init__(self, *args: Any, officers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = officers


class ExpenseForm(forms.Form):
    """An equipment or vehicle line (TFM agencies): equipment names its officer, a vehicle none."""

    kind = forms.ChoiceField(
        choices=[("equipment", "Equipment (per officer)"), ("vehicle", "Vehicle (per agency)")]
    )
    expense_officer = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Officer (equipment)"
    )
    amount = DollarsField(label="Amount paid")
    description = forms.CharField(max_length=200, label="What was bought")

    def __init__(self, *args: Any, officers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expense_officer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "— (vehicle)"), *officers]


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class AdjustForm(forms.Form):
    line = forms.IntegerField(min_value=1)
    approved = DollarsField(label="Approve")
    reason = forms.CharField(max_length=5000)


class PayForm(forms.Form):
    reference = forms.CharField(max_length=100)
    paid_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


class FileForm(forms.Form):
    file = forms.FileField()
