"""JSON API for officers: /api/officers/... Session (with CSRF) or token auth; scope as in the pages."""

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from g287.accounts.api_auth import API_AUTH
from g287.accounts.roles import Cap, require
from g287.accounts.scoping import get_in_scope
from g287.core.api_lists import IsoDate, ListPage, ListParams, choice, enum_schema, invalid, page
from g287.core.filters import FilterError
from g287.officers import services
from g287.officers.compliance import compliance_report
from g287.officers.filters import MODELS, STATUSES, OfficerFilters
from g287.officers.models import Certification, Officer
from g287.officers.rules import Nomination
from g287.officers.status import certified_days, history_of
from g287.officers.timeline import status_at
from g287.registry.models import AgreementModel

router = Router(auth=API_AUTH, tags=["officers"])


class CertificationOut(Schema):
    id: int
    model: str
    authorized_on: date
    trained_on: date
    form_70006_number: str
    credential_number: str
    expires_on: date | None
    ended_on: date | None
    end_reason: str
    end_note: str


class ExamOut(Schema):
    id: int
    model: str
    cycle: int
    attempt: int
    taken_on: date
    score: int
    passed: bool
    hours: int


class OfficerOut(Schema):
    id: int
    agency_id: str
    given_name: str
    family_name: str
    badge_number: str
    sworn_since: date
    models: list[str]
    status: str
    status_today: str
    nominated_on: date
    reviewed_on: date | None
    review_reason: str
    disqualified_on: date | None
    separated_on: date | None
    credentials_returned_on: date | None
    synthetic: bool = Field(description="Made up for the demo; not a real person.")


class OfficerDetailOut(OfficerOut):
    citizenship_attested: bool
    disciplinary_disclosure: str
    exams: list[ExamOut]
    certifications: list[CertificationOut]


def _out(officer: Officer, detail: bool = False) -> dict[str, Any]:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "id": officer.pk,
        "agency_id": officer.agency_id,
        "given_name": officer.given_name,
        "family_name": officer.family_name,
        "badge_number": officer.badge_number,
        "sworn_since": officer.sworn_since,
        "models": officer.model_list,
        "status": officer.status,
        "status_today": status_at(history_of(officer), today).value,
        "nominated_on": officer.nominated_on,
        "reviewed_on": officer.reviewed_on,
        "review_reason": officer.review_reason,
        "disqualified_on": officer.disqualified_on,
        "separated_on": officer.separated_on,
        "credentials_returned_on": officer.credentials_returned_on,
        "synthetic": officer.synthetic,
    }
    if detail:
        data["citizenship_attested"] = officer.citizenship_attested
        data["disciplinary_disclosure"] = officer.disciplinary_disclosure
        data["exams"] = list(officer.exams.all())
        data["certifications"] = list(officer.certifications.all())
    return data


def _officer(request: HttpRequest, officer_id: int) -> Officer:
    require(request.user, Cap.VIEW)
    return get_in_scope(
        Officer.objects.prefetch_related("certifications", "exams"), request.user, pk=officer_id
    )


class OfficerQuery(ListParams):
    q: str = Field("", description="part of the given name, family name or badge number")
    agency: str = Field("", description="an agency id")
    status: str = choice(STATUSES, "the officer's program status")
    model: str = choice(MODELS, "officers nominated for this model")


@router.get("/", response=ListPage[OfficerOut], summary="Officers in your scope")
def list_officers(request: HttpRequest, query: Query[OfficerQuery]) -> dict[str, Any]:
    """Filtered like the officers page (the same parameters, the same meaning)."""
    require(request.user, Cap.VIEW)
    try:
        filters = OfficerFilters.parse(request.GET)
    except FilterError as exc:
        raise invalid(exc.errors) from exc
    officers = filters.apply(Officer.objects.for_user(request.user)).prefetch_related(
        "certifications", "exams"
    )
    return page(request, officers, query, lambda rows: [_out(o) for o in rows])


class NominationIn(Schema):
    agency_id: str
    given_name: str
    family_name: str
    badge_number: str
    sworn_since: date
    models: list[str]
    citizenship_attested: bool
    disciplinary_disclosure: str = ""


@router.post("/", response={201: OfficerDetailOut}, summary="Nominate an officer")
def nominate(request: HttpRequest, body: NominationIn) -> tuple[int, dict[str, Any]]:
    officer = services.nominate(
        request.user,
        body.agency_id,
        Nomination(
            given_name=body.given_name,
            family_name=body.family_name,
            badge_number=body.badge_number,
            sworn_since=body.sworn_since,
            models=body.models,
            citizenship_attested=body.citizenship_attested,
            disciplinary_disclosure=body.disciplinary_disclosure,
        ),
    )
    return 201, _out(_officer(request, officer.pk), detail=True)


class ComplianceOut(Schema):
    as_of: date
    expiring: dict[str, list[dict[str, Any]]]
    agencies_with_agreements_without_certified_officer: list[dict[str, Any]]
    training: dict[str, Any]
    credentials_outstanding: list[dict[str, Any]]


@router.get("/compliance", response=ComplianceOut, summary="Compliance measures in your scope")
def compliance(request: HttpRequest, as_of: IsoDate | None = None) -> dict[str, Any]:
    require(request.user, Cap.VIEW)
    return compliance_report(request.user, as_of or timezone.localdate()).as_json()


@router.get("/{officer_id}", response=OfficerDetailOut, summary="One officer")
def get_officer(request: HttpRequest, officer_id: int) -> dict[str, Any]:
    return _out(_officer(request, officer_id), detail=True)


class StatusOut(Schema):
    officer: int
    on: date
    model: str | None
    status: str
    certified: bool
    certified_days: int | None = Field(
        None, description="Days certified from `start` to `end`, both included."
    )


@router.get("/{officer_id}/status", response=StatusOut, summary="Status on a day; certified days in a range")
def officer_status(
    request: HttpRequest,
    officer_id: int,
    on: IsoDate | None = None,
    model: Annotated[str, enum_schema(MODELS)] | None = None,
    start: IsoDate | None = None,
    end: IsoDate | None = None,
) -> dict[str, Any]:
    officer = _officer(request, officer_id)
    if model is not None and model not in AgreementModel.values:
        raise invalid({"model": f"one of {', '.join(AgreementModel.values)}"})
    if (start is None) != (end is None):
        raise invalid({"end" if end is None else "start": "give both start and end, or neither"})
    if start and end and start > end:
        raise invalid({"end": "the end date is before the start date"})
    day = on or timezone.localdate()
    status = status_at(history_of(officer), day, model)
    return {
        "officer": officer.pk,
        "on": day,
        "model": model,
        "status": status.value,
        "certified": status.value == "certified",
        "certified_days": certified_days(officer, start, end, model) if start and end else None,
    }


class ReviewIn(Schema):
    approve: bool
    reason: str = ""


@router.post("/{officer_id}/review", response=OfficerDetailOut, summary="Approve or reject a nomination")
def review(request: HttpRequest, officer_id: int, body: ReviewIn) -> dict[str, Any]:
    services.review(request.user, officer_id, body.approve, body.reason)
    return _out(_officer(request, officer_id), detail=True)


class ExamIn(Schema):
    model: str
    taken_on: date
    score: int


@router.post("/{officer_id}/exams", response={201: OfficerDetailOut}, summary="Record an exam sitting")
def exam(request: HttpRequest, officer_id: int, body: ExamIn) -> tuple[int, dict[str, Any]]:
    services.record_exam(request.user, officer_id, body.model, body.taken_on, body.score)
    return 201, _out(_officer(request, officer_id), detail=True)


class CertifyIn(Schema):
    model: str
    authorized_on: date
    form_70006_number: str
    credential_number: str


@router.post(
    "/{officer_id}/certifications", response={201: CertificationOut}, summary="Record a certification"
)
def certify(request: HttpRequest, officer_id: int, body: CertifyIn) -> tuple[int, Certification]:
    cert = services.certify(
        request.user,
        officer_id,
        body.model,
        body.authorized_on,
        body.form_70006_number,
        body.credential_number,
    )
    return 201, cert


class SeparateIn(Schema):
    on: date
    reason: str
    credentials_returned_on: date | None = None


@router.post("/{officer_id}/separation", response=OfficerDetailOut, summary="Record a separation")
def separate(request: HttpRequest, officer_id: int, body: SeparateIn) -> dict[str, Any]:
    services.separate(request.user, officer_id, body.on, body.reason, body.credentials_returned_on)
    return _out(_officer(request, officer_id), detail=True)


class RenewIn(Schema):
    renewed_on: date
    form_70006_number: str = ""
    credential_number: str = ""


@router.post(
    "/certifications/{certification_id}/renew",
    response={201: CertificationOut},
    summary="Renew a certification",
)
def renew(request: HttpRequest, certification_id: int, body: RenewIn) -> tuple[int, Certification]:
    return 201, services.renew(
        request.user, certification_id, body.renewed_on, body.form_70006_number, body.credential_number
    )


class RevokeIn(Schema):
    on: date
    reason: str


@router.post(
    "/certifications/{certification_id}/revoke", response=CertificationOut, summary="Revoke a certification"
)
def revoke(request: HttpRequest, certification_id: int, body: RevokeIn) -> Certification:
    return services.revoke(request.user, certification_id, body.on, body.reason)
