"""The program office's user form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from g287.accounts.models import FieldOffice, Role


class NewUserForm(forms.Form):
    username = forms.CharField(max_length=150, label=_("User name"))
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The new user sets a password through a link sent here.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose a role")), *Role.choices])
    agency_id = forms.CharField(
        required=False,
        max_length=170,
        label=_("Agency (agency administrators only)"),
        help_text=_("Type to search; the agency's id, as on the registry pages."),
        widget=forms.TextInput(attrs={"list": "agency-options", "autocomplete": "off"}),
    )
    field_office_id = forms.ChoiceField(
        required=False, label=_("Field office (field office supervisors only)")
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        offices = [("", "—")] + [(o.pk, o.name) for o in FieldOffice.objects.order_by("name")]
        self.fields["field_office_id"].choices = offices  # type: ignore[attr-defined]
