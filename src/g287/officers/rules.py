"""The nomination rules from the program's documents, as checks that name the field at fault.
Used by the nomination form, the API and the roster import alike."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain

from django.core.exceptions import ValidationError

from g287.core.filters import EARLIEST_DAY
from g287.officers.dates import add_years
from g287.officers.models import Officer
from g287.registry.models import Agency, Agreement, AgreementModel, Status

TFM_MIN_YEARS = 2
Errors = dict[str, list[str]]


class RuleViolation(ValidationError):
    """A request that breaks a program rule; `message_dict` maps each field to what is wrong with it."""

    def __init__(self, errors: Errors) -> None:
        super().__init__({field: list(messages) for field, messages in errors.items()})


@dataclass
class Nomination:
    given_name: str
    family_name: str
    badge_number: str
    sworn_since: date | None
    models: list[str]
    citizenship_attested: bool
    disciplinary_disclosure: str = ""

    def normalized(self) -> "Nomination":
        return Nomination(
            given_name=" ".join(self.given_name.split()),
            family_name=" ".join(self.family_name.split()),
            badge_number=self.badge_number.strip(),
            sworn_since=self.sworn_since,
            models=sorted({m.strip().upper() for m in self.models if m.strip()}),
            citizenship_attested=self.citizenship_attested,
            disciplinary_disclosure=self.disciplinary_disclosure.strip(),
        )


def active_models(agency: Agency) -> set[str]:
    return set(Agreement.objects.filter(agency=agency, status=Status.ACTIVE).values_list("model", flat=True))


Problem = tuple[str, str]  # (field, message)


def check_nomination(
    agency: Agency, nomination: Nomination, on: date, agency_models: set[str] | None = None
) -> Errors:
    """Every problem with the nomination, by field; empty when it may be made. `nomination` must be
    normalized. Each field's messages come in the order of the checks below."""
    errors: Errors = {}
    for field, message in chain(
        _identity_problems(agency, nomination),
        _sworn_problems(nomination, on),
        _model_problems(agency, nomination, agency_models),
        _attestation_problems(nomination),
        _model_requirement_problems(nomination, on),
    ):
        errors.setdefault(field, []).append(message)
    return errors


def _identity_problems(agency: Agency, nomination: Nomination) -> Iterator[Problem]:
    for field, label in (("given_name", "Given name"), ("family_name", "Family name")):
        value = getattr(nomination, field)
        if not value:
            yield field, f"{label} is required."
        elif len(value) > 100:
            yield field, f"{label} is longer than 100 characters."
    if not nomination.badge_number:
        yield "badge_number", "Badge number is required."
    elif len(nomination.badge_number) > 40:
        yield "badge_number", "Badge number is longer than 40 characters."
    elif Officer.objects.filter(agency=agency, badge_number=nomination.badge_number).exists():
        yield (
            "badge_number",
            f"Badge number {nomination.badge_number} is already on an officer of this agency.",
        )


def _sworn_problems(nomination: Nomination, on: date) -> Iterator[Problem]:
    if nomination.sworn_since is None:
        yield "sworn_since", "Sworn-experience start date is required."
    elif nomination.sworn_since > on:
        yield "sworn_since", "Sworn-experience start date is in the future."
    elif nomination.sworn_since < EARLIEST_DAY:
        yield "sworn_since", f"Sworn-experience start date is before {EARLIEST_DAY.year}."


def _model_problems(
    agency: Agency, nomination: Nomination, agency_models: set[str] | None
) -> Iterator[Problem]:
    unknown = [m for m in nomination.models if m not in AgreementModel.values]
    if not nomination.models:
        yield "models", "Choose at least one model (JEM, TFM or WSO)."
    elif unknown:
        yield "models", f"Unknown model(s): {', '.join(unknown)}; the models are JEM, TFM and WSO."
    else:
        held = active_models(agency) if agency_models is None else agency_models
        missing = [m for m in nomination.models if m not in held]
        if missing:
            yield (
                "models",
                f"{agency.name} has no active {' or '.join(missing)} agreement; officers are nominated "
                "only under an agreement in force.",
            )


def _attestation_problems(nomination: Nomination) -> Iterator[Problem]:
    if not nomination.citizenship_attested:
        yield "citizenship_attested", "Nominees must be U.S. citizens: attest the nominee's citizenship."


def _model_requirement_problems(nomination: Nomination, on: date) -> Iterator[Problem]:
    """What the TFM and WSO models ask beyond the other nominations."""
    # A start date out of range is refused by _sworn_problems (9999-12-31 has no year after it).
    if (
        AgreementModel.TFM in nomination.models
        and nomination.sworn_since is not None
        and EARLIEST_DAY <= nomination.sworn_since <= on
        and add_years(nomination.sworn_since, TFM_MIN_YEARS) > on
    ):
        ready = add_years(nomination.sworn_since, TFM_MIN_YEARS)
        yield (
            "sworn_since",
            f"Task Force Model nominees need at least {TFM_MIN_YEARS} years of sworn law-enforcement "
            f"experience; sworn since {nomination.sworn_since.isoformat()}, this nominee qualifies on "
            f"{ready.isoformat()}.",
        )
    if AgreementModel.WSO in nomination.models and not nomination.disciplinary_disclosure:
        yield (
            "disciplinary_disclosure",
            "Warrant Service Officer nominees must disclose their disciplinary history, including any "
            "allegation of excessive force or discriminatory action (write “None” if there is none).",
        )
    if len(nomination.disciplinary_disclosure) > 5000:
        yield "disciplinary_disclosure", "Disciplinary disclosure is longer than 5,000 characters."
