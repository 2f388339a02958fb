"""Oversight records: complaint cases, JEM/WSO review meetings, termination and suspension notices,
and the marks that throttle the public form.

Data minimization (docs/domain.md): a complaint case holds what the case needs (dates, agency, model,
category, what is alleged, status, outcome) and no identity of the person complaining beyond a contact
they choose to give. The officer concerned is internal: never on a public page or the public API."""

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from g287.accounts.scoping import ScopedQuerySet
from g287.officers.models import Officer
from g287.oversight.choices import (
    CaseStatus,
    Category,
    Channel,
    MeetingKind,
    NoticeKind,
    NoticeParty,
    Outcome,
    ProgramModel,
)
from g287.registry.models import Agency, Agreement


class ComplaintQuerySet(ScopedQuerySet["Complaint"]):
    agency_path = "agency"

    def open(self) -> "ComplaintQuerySet":
        return self.exclude(status=CaseStatus.RESOLVED)


class Complaint(models.Model):
    receipt = models.CharField(max_length=32, unique=True)
    received_at = models.DateTimeField(help_text="When the agency or ICE received the complaint.")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="complaints")
    model = models.CharField(max_length=3, choices=ProgramModel.choices, blank=True)
    category = models.CharField(max_length=16, choices=Category.choices)
    incident_on = models.DateField(null=True, blank=True)
    description = models.TextField(max_length=4000)
    # Only what the person chose to give, to be reached about the case; never required.
    contact = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=5, default="en")
    # Internal only.
    officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    may_lead_to_discipline = models.BooleanField(default=False)
    suspended_from = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=14, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    ice_notified_at = models.DateTimeField(null=True, blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    outcome_reported_on = models.DateField(null=True, blank=True)
    public_note = models.TextField(blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "id"]
        indexes = [models.Index(fields=["agency", "received_at"]), models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                name="complaint_resolved_has_date",
                condition=models.Q(status="resolved", resolved_on__isnull=False)
                | ~models.Q(status="resolved"),
            )
        ]

    def __str__(self) -> str:
        return self.receipt

    @property
    def received_on(self) -> date:
        return timezone.localdate(self.received_at)

    @property
    def is_resolved(self) -> bool:
        return self.status == CaseStatus.RESOLVED

    @property
    def suspension_end(self) -> date | None:
        """First day the officer is no longer suspended (the day of resolution), or None while open."""
        return self.resolved_on if self.is_resolved else None

    def local_received(self) -> datetime:
        return timezone.localtime(self.received_at)


class MeetingQuerySet(ScopedQuerySet["Meeting"]):
    agency_path = "agreement__agency"


class Meeting(models.Model):
    """A review meeting between the field office and the agency under a JEM or WSO agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=8, choices=MeetingKind.choices, default=MeetingKind.ANNUAL)
    scheduled_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    public_summary = models.TextField(blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["agreement_id", "scheduled_on", "id"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.kind} {self.held_on or self.scheduled_on}"


class NoticeQuerySet(ScopedQuerySet["Notice"]):
    agency_path = "agreement__agency"


class Notice(models.Model):
    """A termination or suspension notice on an agreement. Takes effect 90 days after it is received
    unless exigent circumstances involving public safety dictate otherwise (then a reason is given)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    given_by = models.CharField(max_length=8, choices=NoticeParty.choices)
    received_on = models.DateField()
    effective_on = models.DateField()
    exigent_reason = models.TextField(blank=True, max_length=2000)
    summary = models.TextField(blank=True, max_length=5000)
    withdrawn_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.kind} effective {self.effective_on}"


class FormMark(models.Model):
    """One use of a public form, for throttling. The client is kept only as a keyed hash, and only for
    the throttling window: marks older than the window are deleted as new ones arrive."""

    action = models.CharField(max_length=16)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["action", "key", "at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.key[:8]} {self.at:%Y-%m-%d %H:%M}"


class RecordedMeasure(models.TextChoices):
    MEETINGS = "meetings", "Review meetings"
    TRAINING = "training", "Training currency"
    COMPLAINTS = "complaints", "Complaints"


class RecordsSince(models.Model):
    """The day the office began recording one obligation in g287. Before it, the measure says "not
    recorded": a meeting or complaint missing from the database is not a meeting that did not happen.
    Set on the staff side (program office), every change audited."""

    measure = models.CharField(max_length=12, choices=RecordedMeasure.choices, unique=True)
    since = models.DateField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.measure} since {self.since}"
