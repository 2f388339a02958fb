"""Who may do what: each person's role, the field offices that scope supervisors, API tokens, and the
failed sign-ins that trigger a lockout."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from g287.registry.models import Agency


class Role(models.TextChoices):
    PROGRAM_ADMIN = "program_admin", _("Program office administrator")
    PROGRAM_REVIEWER = "program_reviewer", _("Program office reviewer")
    FIELD_SUPERVISOR = "field_supervisor", _("Field office supervisor")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    AUDITOR = "auditor", _("Auditor")


class FieldOffice(models.Model):
    """An ICE ERO field office. Its area of responsibility is kept as whole states: a supervisor sees
    every agency in them (Texas, California and New York are split between offices in reality; the
    overlap is accepted so no agency is left without a supervisor)."""

    code = models.CharField(primary_key=True, max_length=8)
    name = models.CharField(max_length=100)
    states = models.JSONField(default=list, help_text="Postal codes of the states it covers.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=20, choices=Role.choices)
    # Exactly one of these is set for the scoped roles, neither for the others (see clean()).
    field_office = models.ForeignKey(FieldOffice, null=True, blank=True, on_delete=models.PROTECT)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="profile_scope_matches_role",
                condition=(
                    models.Q(role="field_supervisor", field_office__isnull=False, agency__isnull=True)
                    | models.Q(role="agency_admin", agency__isnull=False, field_office__isnull=True)
                    | models.Q(
                        role__in=["program_admin", "program_reviewer", "auditor"],
                        agency__isnull=True,
                        field_office__isnull=True,
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class TokenScope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiToken(models.Model):
    """Only the SHA-256 of the token is kept: the token is shown once, when it is made. The secret part
    is 256 random bits, so a fast hash is enough (no dictionary to attack)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=5, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class LoginFailure(models.Model):
    """One failed sign-in. The username typed is kept only as a keyed hash: anyone can type anything
    into a login form, and what they type is not ours to keep."""

    key = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.at:%Y-%m-%d %H:%M}"
