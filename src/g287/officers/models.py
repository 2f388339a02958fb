"""Officers named under 287(g) agreements: nomination, review, training, certification, separation.

Dates that matter to the rules (nominated, reviewed, trained, authorized, ended, separated) are calendar
dates, so `status_on(officer, day)` and `certified_days()` can be answered for any day in the past.
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from g287.accounts.scoping import ScopedQuerySet
from g287.registry.models import Agency, AgreementModel


class ValidFrom(models.TextChoices):
    AUTHORIZATION = "authorization", "the authorization date"
    TRAINING = "training", "the training date"


class Course(models.Model):
    """The ICE course for one agreement model. Hours, pass mark and validity are data (press figures,
    expected to change), edited by the program office."""

    model = models.CharField(max_length=3, choices=AgreementModel.choices, unique=True)
    name = models.CharField(max_length=200)
    hours = models.PositiveIntegerField()
    pass_mark = models.PositiveSmallIntegerField(default=70, validators=[MaxValueValidator(100)])
    valid_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Years a certification holds; empty: until revoked or separated."
    )
    valid_from = models.CharField(max_length=13, choices=ValidFrom.choices, default=ValidFrom.AUTHORIZATION)

    class Meta:
        ordering = ["model"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hours} h)"


class OfficerStatus(models.TextChoices):
    NOMINATED = "nominated", "Nominated, awaiting review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    DISQUALIFIED = "disqualified", "Disqualified (failed the exam retake)"
    SEPARATED = "separated", "Separated"


class OfficerQuerySet(ScopedQuerySet["Officer"]):
    agency_path = "agency"


class Officer(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="officers")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    badge_number = models.CharField(max_length=40)
    sworn_since = models.DateField(help_text="Start of sworn law-enforcement experience.")
    # Comma-separated agreement models, sorted ("JEM,TFM"): few values, and a LIKE filter is enough.
    model_codes = models.CharField("models", max_length=20)
    citizenship_attested = models.BooleanField()
    disciplinary_disclosure = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=OfficerStatus.choices, default=OfficerStatus.NOMINATED)
    nominated_on = models.DateField()
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_on = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_reason = models.TextField(blank=True)
    disqualified_on = models.DateField(null=True, blank=True)
    separated_on = models.DateField(null=True, blank=True)
    separation_reason = models.TextField(blank=True)
    credentials_returned_on = models.DateField(null=True, blank=True)
    synthetic = models.BooleanField(default=False, help_text="Made up for the demo; not a real person.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["agency_id", "family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "badge_number"], name="officer_badge_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name} ({self.badge_number})"

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def model_list(self) -> list[str]:
        return [m for m in self.model_codes.split(",") if m]


class ExamQuerySet(ScopedQuerySet["ExamResult"]):
    agency_path = "officer__agency"


class ExamResult(models.Model):
    """One exam sitting. `cycle` 1 is the initial course; later cycles are refreshers. Within a cycle
    there are at most two attempts: a fail, then one retake."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="exams")
    model = models.CharField(max_length=3, choices=AgreementModel.choices)
    cycle = models.PositiveSmallIntegerField(default=1)
    attempt = models.PositiveSmallIntegerField()
    taken_on = models.DateField()
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    passed = models.BooleanField()
    hours = models.PositiveIntegerField(help_text="Course hours at the time, for the record.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ExamQuerySet.as_manager()

    class Meta:
        ordering = ["officer_id", "model", "cycle", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "model", "cycle", "attempt"], name="exam_attempt_once"
            ),
            models.CheckConstraint(name="exam_two_attempts", condition=models.Q(attempt__in=[1, 2])),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.model} cycle {self.cycle} attempt {self.attempt}: {self.score}%"


class EndReason(models.TextChoices):
    NONE = "", "Open"
    RENEWED = "renewed", "Renewed"
    REVOKED = "revoked", "Revoked"
    SEPARATED = "separated", "Officer separated"


class CertificationQuerySet(ScopedQuerySet["Certification"]):
    agency_path = "officer__agency"

    def covering(self, day: Any) -> "CertificationQuerySet":
        """Certifications in force on `day`: [authorized_on, min(expires_on, ended_on))."""
        return self.filter(authorized_on__lte=day).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gt=day),
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=day),
        )


class Certification(models.Model):
    """One period of authorization for one model. A renewal ends the period and opens the next one, so
    the history of periods is the history of the officer's authority."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="certifications")
    model = models.CharField(max_length=3, choices=AgreementModel.choices)
    authorized_on = models.DateField()
    trained_on = models.DateField(help_text="The passed training this period rests on.")
    form_70006_number = models.CharField("Form 70-006 number", max_length=40)
    credential_number = models.CharField(max_length=40)
    # First day the certification no longer holds; empty when the course sets no validity.
    expires_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=10, choices=EndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CertificationQuerySet.as_manager()

    class Meta:
        ordering = ["officer_id", "model", "authorized_on"]
        constraints = [
            models.CheckConstraint(
                name="certification_ends_after_start",
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("authorized_on")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.model} from {self.authorized_on}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class RosterQuerySet(ScopedQuerySet["RosterUpload"]):
    agency_path = "agency"


class RosterUpload(models.Model):
    """A roster file awaiting commit: its parsed rows and every row's errors, kept between the preview
    and the commit so the user does not upload twice."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    committed_at = models.DateTimeField(null=True, blank=True)

    objects = RosterQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.filename} for {self.agency_id}"

    @property
    def is_clean(self) -> bool:
        return not self.errors
