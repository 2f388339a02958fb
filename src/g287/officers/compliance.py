"""Compliance measures, always within the viewer's scope:

- certifications expiring within 30, 60 and 90 days;
- agencies with an active agreement but no officer certified today;
- the share of agencies whose officers are all current on training (the performance measure
  GAO-21-186 found missing). An officer counts once certified for some model and not separated or
  disqualified; they are current when every model they were ever certified for has a certification in
  force today (a lapsed TFM authorization or an overdue JEM refresher makes them not current). An
  agency counts when it has an active agreement and at least one such officer.
- separated officers whose credentials were not returned.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from g287.accounts.scoping import agencies_for
from g287.officers.models import Certification, Officer, OfficerStatus
from g287.officers.status import certified_on
from g287.registry.models import Agency, Status

HORIZONS = (30, 60, 90)


@dataclass
class AgencyTraining:
    agency: Agency
    officers: int
    not_current: list[Officer] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return not self.not_current


@dataclass
class ComplianceReport:
    as_of: date
    expiring: dict[int, list[Certification]]
    without_certified: list[Agency]
    training: list[AgencyTraining]
    credentials_outstanding: list[Officer]

    @property
    def agencies_counted(self) -> int:
        return len(self.training)

    @property
    def agencies_current(self) -> int:
        return sum(1 for a in self.training if a.current)

    @property
    def share_current(self) -> float | None:
        return self.agencies_current / self.agencies_counted if self.training else None

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "expiring": {
                f"within_{days}_days": [_cert_json(c) for c in certs] for days, certs in self.expiring.items()
            },
            "agencies_with_agreements_without_certified_officer": [
                {"id": a.pk, "name": a.name, "state": a.state} for a in self.without_certified
            ],
            "training": {
                "agencies_counted": self.agencies_counted,
                "agencies_all_officers_current": self.agencies_current,
                "share_current": None if self.share_current is None else round(self.share_current, 4),
                "agencies_not_current": [
                    {
                        "id": a.agency.pk,
                        "name": a.agency.name,
                        "officers": a.officers,
                        "officers_not_current": [o.pk for o in a.not_current],
                    }
                    for a in self.training
                    if not a.current
                ],
            },
            "credentials_outstanding": [
                {
                    "officer": o.pk,
                    "agency": o.agency_id,
                    "separated_on": o.separated_on.isoformat() if o.separated_on else None,
                }
                for o in self.credentials_outstanding
            ],
        }


def _cert_json(cert: Certification) -> dict[str, Any]:
    return {
        "certification": cert.pk,
        "officer": cert.officer_id,
        "agency": cert.officer.agency_id,
        "model": cert.model,
        "expires_on": cert.expires_on.isoformat() if cert.expires_on else None,
        "synthetic": cert.officer.synthetic,
    }


def compliance_report(user: Any, as_of: date) -> ComplianceReport:
    certs = Certification.objects.for_user(user).select_related("officer", "officer__agency")
    upcoming = certs.filter(
        ended_on__isnull=True,
        expires_on__gt=as_of,
        expires_on__lte=as_of + timedelta(days=max(HORIZONS)),
        officer__separated_on__isnull=True,
    ).order_by("expires_on", "officer_id")
    expiring: dict[int, list[Certification]] = {days: [] for days in HORIZONS}
    for cert in upcoming:
        assert cert.expires_on is not None
        left = (cert.expires_on - as_of).days
        expiring[next(days for days in HORIZONS if left <= days)].append(cert)

    with_agreements = _with_active_agreements(user)
    certified_agencies = certified_on(as_of).values("agency_id")
    without = list(with_agreements.exclude(pk__in=certified_agencies).order_by("state", "name"))

    return ComplianceReport(
        as_of=as_of,
        expiring=expiring,
        without_certified=without,
        training=_training(user, as_of, with_agreements.values("pk")),
        credentials_outstanding=list(
            Officer.objects.for_user(user)
            .filter(status=OfficerStatus.SEPARATED, credentials_returned_on__isnull=True)
            .select_related("agency")
        ),
    )


def training_report(user: Any, as_of: date) -> list[AgencyTraining]:
    """compliance_report(user, as_of).training alone: the performance measures need only this part."""
    return _training(user, as_of, _with_active_agreements(user).values("pk"))


def _with_active_agreements(user: Any) -> Any:
    return agencies_for(user).filter(agreements__status=Status.ACTIVE).distinct()


def _training(user: Any, as_of: date, agency_ids: Any) -> list[AgencyTraining]:
    considered = (
        Officer.objects.for_user(user)
        .filter(
            agency__in=agency_ids, status=OfficerStatus.APPROVED, certifications__authorized_on__lte=as_of
        )
        .exclude(separated_on__lte=as_of)
        .distinct()
    )
    officers = {o.pk: o for o in considered.select_related("agency")}
    ids = considered.values("pk")
    ever: dict[int, set[str]] = defaultdict(set)
    now: dict[int, set[str]] = defaultdict(set)
    for officer_id, model in Certification.objects.filter(
        officer__in=ids, authorized_on__lte=as_of
    ).values_list("officer_id", "model"):
        ever[officer_id].add(model)
    for officer_id, model in (
        Certification.objects.covering(as_of).filter(officer__in=ids).values_list("officer_id", "model")
    ):
        now[officer_id].add(model)
    by_agency: dict[str, AgencyTraining] = {}
    for officer in officers.values():
        entry = by_agency.setdefault(officer.agency_id, AgencyTraining(officer.agency, 0))
        entry.officers += 1
        if ever[officer.pk] - now[officer.pk]:
            entry.not_current.append(officer)
    return sorted(by_agency.values(), key=lambda a: (a.agency.state, a.agency.name))
