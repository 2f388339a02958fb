from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from g287.officers.models import ValidFrom
from g287.registry.models import AgreementModel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE, help_text=help_text)


def add_errors(form: forms.Form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Puts a service's field errors on the form's fields; others go on top, naming their field."""
    aliases = aliases or {}
    for field, messages in exc.message_dict.items():
        name = aliases.get(field, field)
        for message in messages:
            if name in form.fields:
                form.add_error(name, message)
            else:
                form.add_error(None, message)


class NominationForm(forms.Form):
    agency = forms.ChoiceField(help_text="Agencies in your scope that hold an agreement in force.")
    given_name = forms.CharField(max_length=100)
    family_name = forms.CharField(max_length=100)
    badge_number = forms.CharField(max_length=40)
    sworn_since = date_field(
        "Sworn-experience start date", help_text="Task Force Model: at least two years before today."
    )
    models = forms.MultipleChoiceField(
        choices=AgreementModel.choices, widget=forms.CheckboxSelectMultiple, label="Model(s)", required=False
    )
    citizenship_attested = forms.BooleanField(required=False, label="I attest the nominee is a U.S. citizen")
    disciplinary_disclosure = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required for Warrant Service Officer: disciplinary history, including allegations of "
        "excessive force or discriminatory action; write “None” if there is none.",
    )

    def __init__(self, *args: Any, agencies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = agencies


class ReviewForm(forms.Form):
    """Ids start with "review_": the officer page holds several forms with the same field names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "review_%s")
        super().__init__(*args, **kwargs)

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Required when rejecting."
    )


class ModelChoiceMixin(forms.Form):
    model = forms.ChoiceField(choices=AgreementModel.choices)

    def __init__(self, *args: Any, models: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if models is not None:
            field = self.fields["model"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(m, m) for m in models]


class ExamForm(ModelChoiceMixin):
    """Ids start with "exam_": the officer page holds several forms with the same field names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "exam_%s")
        super().__init__(*args, **kwargs)

    taken_on = date_field("Exam date")
    score = forms.IntegerField(min_value=0, max_value=100, help_text="Percent; 70 passes.")


class CertifyForm(ModelChoiceMixin):
    """Ids start with "certify_": the officer page holds several forms with the same field names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "certify_%s")
        super().__init__(*args, **kwargs)

    authorized_on = date_field("Authorization date")
    form_70006_number = forms.CharField(max_length=40, label="Form 70-006 number")
    credential_number = forms.CharField(max_length=40)


class RenewForm(forms.Form):
    """Ids start with "renew_": the officer page holds several forms with the same field names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "renew_%s")
        super().__init__(*args, **kwargs)

    renewed_on = date_field("Renewal date")
    form_70006_number = forms.CharField(
        max_length=40,
        required=False,
        label="New Form 70-006 number",
        help_text="Empty: keep the current one.",
    )
    credential_number = forms.CharField(
        max_length=40, required=False, label="New credential number", help_text="Empty: keep the current one."
    )


class RevokeForm(forms.Form):
    """Ids start with "revoke_": the officer page holds several forms with the same field names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "revoke_%s")
        super().__init__(*args, **kwargs)

    on = date_field("Revoked on")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class SeparateForm(forms.Form):
    """Ids start with "separate_": the officer page holds several forms with the same field names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "separate_%s")
        super().__init__(*args, **kwargs)

    on = date_field("Separated on")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    credentials_returned_on = date_field(
        "Credentials returned on", required=False, help_text="Empty if not returned yet."
    )


class CredentialReturnForm(forms.Form):
    """Ids start with "credentials_": the officer page holds several forms with the same field names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "credentials_%s")
        super().__init__(*args, **kwargs)

    on = date_field("Credentials returned on")


class RosterForm(forms.Form):
    agency = forms.ChoiceField()
    file = forms.FileField(help_text="CSV (UTF-8) or XLSX, first row the column names.")

    def __init__(self, *args: Any, agencies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = agencies


class CourseForm(forms.Form):
    hours = forms.IntegerField(min_value=1, max_value=2000)
    pass_mark = forms.IntegerField(min_value=1, max_value=100, label="Pass mark (%)")
    valid_years = forms.IntegerField(min_value=1, max_value=20, required=False, label="Valid for (years)")
    valid_from = forms.ChoiceField(choices=ValidFrom.choices, label="Counted from")
