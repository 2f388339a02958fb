"""Forms for the public complaint form and the staff pages. The public ones are translated; every
error is a field error on the form (never a server error)."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from g287.oversight.choices import (
    Category,
    Channel,
    MeetingKind,
    NoticeKind,
    NoticeParty,
    Outcome,
    ProgramModel,
)
from g287.oversight.models import RecordedMeasure
from g287.oversight.receipts import normalize
from g287.oversight.services.cases import MIN_DESCRIPTION
from g287.registry.models import Agency, Agreement

MIN_DATE = date(1990, 1, 1)


def add_errors(form: forms.Form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Puts a service's field errors on the form's fields; others go on top."""
    aliases = aliases or {}
    for name, messages in exc.message_dict.items():
        target = aliases.get(name, name)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


def date_field(label: Any, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, help_text=help_text, widget=DateInput(format="%Y-%m-%d")
    )


class SaneDates(forms.Form):
    """Rejects dates before 1990 (typos like 0202) with a field error rather than a database error."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in list(cleaned.items()):
            if isinstance(value, date) and value.year < MIN_DATE.year:
                self.add_error(name, _("Enter a date after 1990."))
        return cleaned


def grouped_agencies(agencies: QuerySet[Agency]) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for pk, name, state in agencies.order_by("state", "name").values_list("pk", "name", "state"):
        groups.setdefault(state, []).append((pk, name))
    return list(groups.items())


class PublicComplaintForm(SaneDates):
    agency = forms.ChoiceField(
        label=_("Which agency's officers?"),
        help_text=_(
            "The police department or sheriff's office the officers work for. Type part of its name, its "
            "city or county to find it."
        ),
    )
    model = forms.ChoiceField(
        label=_("Were the officers in a jail or out in the community?"),
        choices=ProgramModel.choices,
        required=False,
        help_text=_(
            "This tells us which of the agency's 287(g) agreements applies. If you are not sure, choose "
            "“I don't know”."
        ),
    )
    category = forms.ChoiceField(label=_("What is the complaint about?"), choices=Category.choices)
    incident_on = date_field(_("Date of the incident"), required=False, help_text=_("If you know it."))
    description = forms.CharField(
        label=_("What happened"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Describe what happened, where, and when. Please do not include names or identifying details "
            "of other people."
        ),
    )
    contact = forms.CharField(
        label=_("How to reach you (optional)"),
        max_length=200,
        required=False,
        help_text=_(
            "Only if you want to be contacted about the complaint: an email address or telephone "
            "number. Leave it empty to stay anonymous."
        ),
    )
    # Left empty by people; filled in by naive bots. Hidden from view and from screen readers.
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def __init__(self, *args: Any, agencies: list[tuple[str, list[tuple[str, str]]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose the agency")), *agencies]

    def clean_description(self) -> str:
        # The service refuses it too (in English, for the API and staff); here in the reader's language.
        text = str(self.cleaned_data.get("description", "")).strip()
        if len(text) < MIN_DESCRIPTION:
            raise ValidationError(
                _("Please describe in a few words what happened, so the case can be looked into.")
            )
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("website"):
            # Shown on top: the field itself is hidden from people.
            self.add_error(None, _("The hidden “website” field must be left empty."))
        return cleaned


class StatusForm(forms.Form):
    receipt = forms.CharField(
        label=_("Receipt number"),
        max_length=64,
        help_text=_("The number you were given when you filed the complaint, like G287-ABCD-EFGH-JKMN-PQRS."),
    )

    def clean_receipt(self) -> str:
        found = normalize(str(self.cleaned_data.get("receipt", "")))
        if found is None:
            raise ValidationError(
                _("That is not a receipt number: it has the form G287-XXXX-XXXX-XXXX-XXXX.")
            )
        return found


# Staff forms ------------------------------------------------------------------------------------


class IntakeForm(SaneDates):
    agency = forms.ChoiceField()
    channel = forms.ChoiceField(choices=Channel.choices)
    received_at = forms.DateTimeField(label="Received at", widget=DateTimeInput(format="%Y-%m-%dT%H:%M"))
    model = forms.ChoiceField(choices=ProgramModel.choices, required=False)
    category = forms.ChoiceField(choices=Category.choices)
    incident_on = date_field("Date of the incident", required=False)
    description = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    contact = forms.CharField(
        max_length=200, required=False, help_text="Only what the complainant chose to give."
    )

    def __init__(self, *args: Any, agencies: list[tuple[str, list[tuple[str, str]]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose the agency"), *agencies]

    def clean_received_at(self) -> Any:
        value = self.cleaned_data["received_at"]
        if value.year < MIN_DATE.year:
            raise ValidationError(_("Enter a date after 1990."))
        return value


class TriageForm(SaneDates):
    model = forms.ChoiceField(choices=ProgramModel.choices, required=False)
    officer = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    may_lead_to_discipline = forms.BooleanField(
        required=False, help_text="Suspends the officer's designation until the case is resolved."
    )
    suspended_from = date_field(
        "Suspended from", required=False, help_text="Default: the day it was received."
    )

    def __init__(self, *args: Any, officers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Not identified"), *officers]


class NotifiedForm(forms.Form):
    at = forms.DateTimeField(label="ICE notified at", widget=DateTimeInput(format="%Y-%m-%dT%H:%M"))


class ResolveForm(SaneDates):
    on = date_field("Resolved on")
    # Starts with no choice: an outcome is decided, never defaulted to the first in the list.
    outcome = forms.ChoiceField(choices=[("", "Choose the outcome"), *[c for c in Outcome.choices if c[0]]])
    public_note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the status check.",
    )


class ReportForm(SaneDates):
    on = date_field("Outcome reported to ICE on")


class ScheduleForm(SaneDates):
    agreement = forms.CharField(widget=forms.HiddenInput)
    scheduled_on = date_field("Meeting date")
    kind = forms.ChoiceField(choices=MeetingKind.choices)


class HeldForm(SaneDates):
    held_on = date_field("Held on")
    public_summary = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Published on the public meetings page.",
    )


class NoticeForm(SaneDates):
    agreement = forms.CharField(max_length=170, help_text="The agreement's id, as on the registry pages.")
    kind = forms.ChoiceField(choices=NoticeKind.choices)
    given_by = forms.ChoiceField(choices=NoticeParty.choices)
    received_on = date_field("Notice received on")
    effective_on = date_field(
        "Takes effect on",
        required=False,
        help_text=(
            "Default by the agreement: JEM/TFM, on receipt for the agency's notice or an ICE suspension, "
            "90 days after receipt for an ICE termination; WSO, 90 days after receipt."
        ),
    )
    exigent_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="WSO only: required when it takes effect sooner than 90 days (exigent public-safety circumstances).",
    )
    summary = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_agreement(self) -> str:
        value = str(self.cleaned_data["agreement"]).strip()
        if not Agreement.objects.filter(pk=value).exists():
            raise ValidationError(_("No agreement has this id."))
        return value


class RecordsSinceForm(SaneDates):
    measure = forms.ChoiceField(choices=RecordedMeasure.choices)
    since = date_field(
        "Recorded in g287 since",
        help_text="The first day from which every such record is entered here. Public measures count from it.",
    )
