"""The program office's user form."""

from django import forms

from g287.accounts.models import FieldOffice, Role


class NewUserForm(forms.Form):
    username = forms.CharField(max_length=150, label="User name")
    email = forms.EmailField(
        label="E-mail", help_text="The new user sets a password through a link sent here."
    )
    role = forms.ChoiceField(choices=[("", "Choose a role"), *Role.choices])
    agency_id = forms.CharField(
        required=False,
        max_length=170,
        label="Agency (agency administrators only)",
        help_text="Type to search; the agency's id, as on the registry pages.",
        widget=forms.TextInput(attrs={"list": "agency-options", "autocomplete": "off"}),
    )
    field_office_id = forms.ChoiceField(required=False, label="Field office (field office supervisors only)")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        offices = [("", "—")] + [(o.pk, o.name) for o in FieldOffice.objects.order_by("name")]
        self.fields["field_office_id"].choices = offices  # type: ignore[attr-defined]
