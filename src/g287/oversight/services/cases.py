"""Every write to complaint cases: role, scope, the case rules, and an audit entry in the same
transaction. Errors name the field at fault (RuleViolation, as in the officers app)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from g287.accounts.actor import actor_of
from g287.accounts.roles import Perm, require
from g287.accounts.scoping import agency_in_scope, get_in_scope, scoped_write
from g287.officers.models import Officer
from g287.officers.rules import RuleViolation
from g287.oversight.audit import audit, audit_snapshot
from g287.oversight.choices import CaseStatus, Category, Channel, Outcome, ProgramModel
from g287.oversight.models import Complaint
from g287.oversight.receipts import new_receipt
from g287.registry.models import Agency, Agreement, Status

Errors = dict[str, list[str]]
PUBLIC_ACTOR = "public:complaint-form"
MIN_DESCRIPTION = 10  # characters: "x" or "bad" cannot be looked into


def _fail(field: str, message: str) -> RuleViolation:
    return RuleViolation({field: [message]})


@dataclass
class Intake:
    agency_id: str
    model: str
    category: str
    description: str
    incident_on: date | None = None
    contact: str = ""

    def normalized(self) -> "Intake":
        return Intake(
            agency_id=self.agency_id.strip(),
            model=self.model.strip().upper(),
            category=self.category.strip(),
            description=self.description.strip(),
            incident_on=self.incident_on,
            contact=" ".join(self.contact.split()),
        )


def check_intake(data: Intake, today: date) -> Errors:
    errors: Errors = {}
    if data.model not in ProgramModel.values:
        errors["model"] = [_("Choose JEM, TFM, WSO, or “I don't know”.")]
    if data.category not in Category.values:
        errors["category"] = [_("Choose a category.")]
    if not data.description:
        errors["description"] = [_("Say briefly what happened.")]
    elif len(data.description) < MIN_DESCRIPTION:
        errors["description"] = [_("Say in a few words what happened, so the case can be looked into.")]
    elif len(data.description) > 4000:
        errors["description"] = [_("Keep the description under 4,000 characters.")]
    if data.incident_on is not None and data.incident_on > today:
        errors["incident_on"] = [_("The date of the incident is in the future.")]
    if len(data.contact) > 200:
        errors["contact"] = [_("Keep the contact under 200 characters.")]
    return errors


def agency_models(agency: Agency) -> set[str]:
    return set(Agreement.objects.filter(agency=agency, status=Status.ACTIVE).values_list("model", flat=True))


def _settle_model(agency: Agency, model: str) -> str:
    """A person who does not know the model names an agency; with a single agreement it is that one."""
    if model:
        return model
    held = agency_models(agency)
    return held.pop() if len(held) == 1 else ""


def _create(
    data: Intake, agency: Agency, channel: str, received_at: datetime, language: str, by: Any
) -> Complaint:
    # A receipt collision is astronomically unlikely (80 bits); retry rather than fail if it happens.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Complaint.objects.create(
                    receipt=new_receipt(),
                    received_at=received_at,
                    channel=channel,
                    agency=agency,
                    model=_settle_model(agency, data.model),
                    category=data.category,
                    incident_on=data.incident_on,
                    description=data.description,
                    contact=data.contact,
                    language=language,
                    created_by=by,
                )
        except IntegrityError:
            continue
    raise RuntimeError("could not draw a unique receipt number")


def file_public(data: Intake, language: str = "en", received_at: datetime | None = None) -> Complaint:
    """A complaint from the public form: anonymous, received now, for any listed agency."""
    received_at = received_at or timezone.now()
    data = data.normalized()
    errors = check_intake(data, timezone.localdate(received_at))
    agency = Agency.objects.filter(pk=data.agency_id).first()
    if agency is None:
        errors["agency_id"] = [_("Choose the agency from the list.")]
    if errors or agency is None:
        raise RuleViolation(errors)
    with transaction.atomic():
        complaint = _create(data, agency, Channel.PUBLIC_FORM, received_at, language[:5], None)
        audit(PUBLIC_ACTOR, "create", complaint, None)
    return complaint


def record_complaint(by: Any, data: Intake, channel: str, received_at: datetime) -> Complaint:
    """A complaint received by the agency or ICE, entered by staff."""
    require(by, Perm.OVERSIGHT_CASES)
    data = data.normalized()
    errors = check_intake(data, timezone.localdate())
    if channel not in Channel.values:
        errors["channel"] = [_("Choose how the complaint was received.")]
    if received_at > timezone.now():
        errors["received_at"] = [_("The time of receipt is in the future.")]
    if errors:
        raise RuleViolation(errors)
    with scoped_write(by) as guard:
        agency = agency_in_scope(by, data.agency_id)
        complaint = _create(data, agency, channel, received_at, "en", by)
        audit(actor_of(by), "create", complaint, None)
        guard.check(complaint)
    return complaint


def _locked(by: Any, complaint_id: int) -> Complaint:
    return get_in_scope(Complaint.objects.select_for_update(), by, pk=complaint_id)


def _save(by: Any, complaint: Complaint, before: dict[str, Any]) -> Complaint:
    complaint.updated_at = timezone.now()
    complaint.save()
    audit(actor_of(by), "update", complaint, before)
    return complaint


def triage(
    by: Any,
    complaint_id: int,
    model: str,
    officer_id: int | None,
    may_lead_to_discipline: bool,
    suspended_from: date | None = None,
) -> Complaint:
    """Sets the model and the officer concerned; a complaint that may lead to discipline suspends the
    officer from `suspended_from` (default: the day it was received) until it is resolved."""
    require(by, Perm.OVERSIGHT_CASES)
    with scoped_write(by) as guard:
        complaint = _locked(by, complaint_id)
        before = audit_snapshot(complaint)
        if model not in ProgramModel.values:
            raise _fail("model", _("Choose JEM, TFM or WSO, or leave it unknown."))
        officer = None
        if officer_id is not None:
            officer = Officer.objects.filter(pk=officer_id, agency_id=complaint.agency_id).first()
            if officer is None:
                raise _fail("officer", _("Choose an officer of the agency the complaint is about."))
        if may_lead_to_discipline and officer is None:
            raise _fail("officer", _("Name the officer concerned: the suspension applies to them."))
        start = suspended_from or complaint.received_on
        if may_lead_to_discipline and start < complaint.received_on:
            raise _fail(
                "suspended_from",
                _("The suspension cannot start before the complaint was received (%(date)s).")
                % {"date": complaint.received_on},
            )
        if may_lead_to_discipline and complaint.resolved_on and start > complaint.resolved_on:
            raise _fail("suspended_from", _("The suspension cannot start after the resolution."))
        touched = {complaint.officer_id} if complaint.may_lead_to_discipline else set()
        complaint.model = model
        complaint.officer = officer
        complaint.may_lead_to_discipline = may_lead_to_discipline
        complaint.suspended_from = start if may_lead_to_discipline else None
        if complaint.status == CaseStatus.RECEIVED:
            complaint.status = CaseStatus.INVESTIGATING
        _save(by, complaint, before)
        if may_lead_to_discipline and officer is not None:
            touched.add(officer.pk)
        _recompute_claims(touched)
        guard.check(complaint)
    return complaint


def _recompute_claims(officer_ids: set[int | None]) -> None:
    """A suspension started, moved or ended: the officers' undecided claim lines are validated again."""
    from g287.funding.validation import revalidate_officer

    ids = [pk for pk in officer_ids if pk is not None]
    if ids:
        revalidate_officer(ids)


def mark_ice_notified(by: Any, complaint_id: int, at: datetime) -> Complaint:
    require(by, Perm.OVERSIGHT_CASES)
    with scoped_write(by) as guard:
        complaint = _locked(by, complaint_id)
        before = audit_snapshot(complaint)
        if at < complaint.received_at:
            raise _fail("at", _("ICE cannot be notified before the complaint was received."))
        if at > timezone.now():
            raise _fail("at", _("The notification time is in the future."))
        complaint.ice_notified_at = at
        _save(by, complaint, before)
        guard.check(complaint)
    return complaint


def resolve(by: Any, complaint_id: int, on: date, outcome: str, public_note: str = "") -> Complaint:
    """Closes the case with its outcome; the officer's suspension ends that day."""
    require(by, Perm.OVERSIGHT_CASES)
    public_note = public_note.strip()
    with scoped_write(by) as guard:
        complaint = _locked(by, complaint_id)
        before = audit_snapshot(complaint)
        errors: Errors = {}
        if complaint.is_resolved:
            errors["status"] = [_("The case was resolved on %(date)s.") % {"date": complaint.resolved_on}]
        if outcome not in Outcome.values or not outcome:
            errors["outcome"] = [_("Choose the outcome.")]
        if on < complaint.received_on:
            errors["on"] = [
                _("The resolution is before the complaint was received (%(date)s).")
                % {"date": complaint.received_on}
            ]
        elif on > timezone.localdate():
            errors["on"] = [_("The resolution date is in the future.")]
        elif complaint.suspended_from and on < complaint.suspended_from:
            errors["on"] = [
                _("The resolution is before the suspension began (%(date)s).")
                % {"date": complaint.suspended_from}
            ]
        if len(public_note) > 2000:
            errors["public_note"] = [_("Keep the public note under 2,000 characters.")]
        if errors:
            raise RuleViolation(errors)
        complaint.status = CaseStatus.RESOLVED
        complaint.resolved_on = on
        complaint.outcome = outcome
        complaint.public_note = public_note
        _save(by, complaint, before)
        if complaint.may_lead_to_discipline and complaint.officer_id is not None:
            _recompute_claims({complaint.officer_id})  # the suspension ends: the claim lines change
        guard.check(complaint)
    return complaint


def report_outcome(by: Any, complaint_id: int, on: date) -> Complaint:
    require(by, Perm.OVERSIGHT_CASES)
    with scoped_write(by) as guard:
        complaint = _locked(by, complaint_id)
        before = audit_snapshot(complaint)
        if complaint.resolved_on is None:
            raise _fail("on", _("Report the outcome once the case is resolved."))
        if on < complaint.resolved_on:
            raise _fail(
                "on", _("The report is before the resolution (%(date)s).") % {"date": complaint.resolved_on}
            )
        if on > timezone.localdate():
            raise _fail("on", _("The report date is in the future."))
        complaint.outcome_reported_on = on
        _save(by, complaint, before)
        guard.check(complaint)
    return complaint
