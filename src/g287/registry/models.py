"""The registry: snapshots of ICE's lists, agencies, agreements, and the history that links them.

History is kept as agreement *versions*: one row per stretch of consecutive snapshots in which an
agreement was listed with the same values. A snapshot's rows are exactly the versions that cover it,
which makes point-in-time questions a range query and keeps the shipped history small. Events and the
current state of each agreement are derived from the versions.
"""

from django.db import models


class Kind(models.TextChoices):
    PARTICIPATING = "participating", "Participating"
    PENDING = "pending", "Pending"


class AgreementModel(models.TextChoices):
    JEM = "JEM", "Jail Enforcement Model"
    TFM = "TFM", "Task Force Model"
    WSO = "WSO", "Warrant Service Officer"


class AgencyType(models.TextChoices):
    COUNTY = "county", "County"
    MUNICIPALITY = "municipality", "Municipality"
    STATE = "state", "State agency"
    UNKNOWN = "", "Not given"


class LinkState(models.TextChoices):
    NONE = "", "None"
    PENDING = "pending", "Link pending"
    POSTED = "posted", "Posted"


class Status(models.TextChoices):
    ACTIVE = "active", "Active"
    PENDING = "pending", "Pending"
    ENDED = "ended", "Ended"
    WITHDRAWN = "withdrawn", "Left the pending list"


class Snapshot(models.Model):
    kind = models.CharField(max_length=16, choices=Kind.choices)
    date = models.DateField(db_index=True)
    published_at = models.DateTimeField()
    # Sorts snapshots in time; ties between files published at the same moment are broken by checksum,
    # so the order never depends on the order files were imported in.
    order_key = models.CharField(max_length=40, unique=True)
    source_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    layout = models.CharField(max_length=200)
    row_count = models.PositiveIntegerField()
    agreement_count = models.PositiveIntegerField()
    warnings = models.JSONField(default=list)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["order_key"]
        indexes = [models.Index(fields=["kind", "order_key"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.date} ({self.source_name})"


class Agency(models.Model):
    id = models.CharField(primary_key=True, max_length=160)
    state = models.CharField(max_length=2, db_index=True)
    name = models.CharField(max_length=300)
    type = models.CharField(max_length=16, choices=AgencyType.choices, blank=True)
    county = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["state", "name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"


class AgencyAlias(models.Model):
    """Maps a normalized name in a state to the agency it denotes. Every agency has its own key here;
    merges and curated aliases add more."""

    state = models.CharField(max_length=2)
    key = models.CharField(max_length=300)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    source = models.CharField(max_length=20, default="name")  # name | curated | merge

    class Meta:
        constraints = [models.UniqueConstraint(fields=["state", "key"], name="alias_state_key")]

    def __str__(self) -> str:
        return f"{self.state}:{self.key} -> {self.agency_id}"


class Agreement(models.Model):
    id = models.CharField(primary_key=True, max_length=170)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="agreements")
    state = models.CharField(max_length=2, db_index=True)
    model = models.CharField(max_length=3, choices=AgreementModel.choices)
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    name = models.CharField(max_length=300)
    type = models.CharField(max_length=16, choices=AgencyType.choices, blank=True)
    county = models.CharField(max_length=200, blank=True)
    signed = models.DateField(null=True, blank=True)
    moa = models.CharField(max_length=10, choices=LinkState.choices, blank=True)
    moa_url = models.URLField(max_length=500, blank=True)
    addendum = models.CharField(max_length=10, choices=LinkState.choices, blank=True)
    addendum_url = models.URLField(max_length=500, blank=True)
    first_requested = models.DateField(null=True, blank=True)
    first_listed = models.DateField(null=True, blank=True)
    last_listed = models.DateField(null=True, blank=True)
    ended = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["state", "name", "model"]

    def __str__(self) -> str:
        return self.id


class AgreementVersion(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    valid_from = models.CharField(max_length=40)  # order_key of the first snapshot showing these values
    valid_to = models.CharField(max_length=40, null=True, blank=True)  # first snapshot not showing them
    name = models.CharField(max_length=300)
    type = models.CharField(max_length=16, choices=AgencyType.choices, blank=True)
    county = models.CharField(max_length=200, blank=True)
    signed = models.DateField(null=True, blank=True)
    moa = models.CharField(max_length=10, choices=LinkState.choices, blank=True)
    moa_url = models.URLField(max_length=500, blank=True)
    addendum = models.CharField(max_length=10, choices=LinkState.choices, blank=True)
    addendum_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["agreement_id", "kind", "valid_from"]
        indexes = [models.Index(fields=["kind", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.kind} [{self.valid_from}, {self.valid_to})"


class EventKind(models.TextChoices):
    REQUESTED = "requested", "Requested (on the pending list)"
    REQUEST_DROPPED = "request_dropped", "Left the pending list"
    SIGNED = "signed", "Signed"
    LISTED = "listed", "Listed"
    RELISTED = "relisted", "Listed again"
    REMOVED = "removed", "Removed from the list"
    MOA_POSTED = "moa_posted", "MOA link posted"
    ADDENDUM_POSTED = "addendum_posted", "Addendum posted"
    SIGNED_CORRECTED = "signed_corrected", "Signed date corrected"
    COUNTY_CHANGED = "county_changed", "County changed"
    TYPE_CHANGED = "type_changed", "Agency type changed"
    RENAMED = "renamed", "Name spelled differently"


class Event(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="events")
    order_key = models.CharField(max_length=40, db_index=True)
    date = models.DateField(db_index=True)
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    old = models.CharField(max_length=500, blank=True)
    new = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["order_key", "agreement_id", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.agreement_id} {self.kind}"


class IdentityDecision(models.Model):
    """A person's decision on two agencies that may be one: merge them, or keep them apart. The agencies
    are named by the ids their names give (old ids stay valid after a merge). Decisions shipped with the
    package (registry/decisions.json) apply the same way, so every import reaches the same agencies."""

    class Action(models.TextChoices):
        MERGE = "merge", "Merge"
        KEEP_APART = "keep_apart", "Keep apart"

    action = models.CharField(max_length=12, choices=Action.choices)
    first = models.CharField(max_length=160)  # for a merge, the agency kept
    second = models.CharField(max_length=160)
    note = models.CharField(max_length=500, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "first", "second"], name="identity_decision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.first} {self.second}"
