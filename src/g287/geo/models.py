"""FBI roster records and each registry agency's link to one of them."""

from django.db import models

from g287.registry.models import Agency


class OriRecord(models.Model):
    """One agency of the FBI roster, identified by its ORI. Loaded from the shipped file; never edited."""

    ori = models.CharField(primary_key=True, max_length=9)
    name = models.CharField(max_length=300)
    state = models.CharField(max_length=2, db_index=True)  # postal code: NE, not the FBI's NB
    county_names = models.JSONField(default=list)  # as the FBI writes them, upper case
    county_fips = models.JSONField(default=list)  # five-digit Census codes
    agency_type = models.CharField(max_length=40)  # the FBI's words: City, County, State Police, ...
    population = models.PositiveIntegerField(default=0)  # residents the FBI assigns to the agency
    officers = models.PositiveIntegerField(default=0)  # sworn officers
    data_year = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["ori"]
        verbose_name = "FBI agency (ORI)"

    def __str__(self) -> str:
        return f"{self.ori} {self.name} ({self.state})"


class MatchStatus(models.TextChoices):
    MATCHED = "matched", "Matched"
    REVIEW = "review", "Needs review"
    UNMATCHED = "unmatched", "No match"


class Decision(models.TextChoices):
    AUTO = "", "Automatic"
    CONFIRMED = "confirmed", "Confirmed by a person"
    MANUAL = "manual", "Set by a person"


class AgencyLink(models.Model):
    """An agency's ORI and counties. One per agency, keyed by the agency's id.

    The key is not a database constraint and deleting an agency leaves its link: re-imports may rebuild
    agencies with the same ids, and a person's decision (confirmed or manual) must outlive that."""

    agency = models.OneToOneField(
        Agency,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="geo_link",
    )
    ori = models.ForeignKey(
        OriRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="links", db_column="ori"
    )
    status = models.CharField(max_length=10, choices=MatchStatus.choices, db_index=True)
    score = models.FloatField(default=0.0)
    reason = models.CharField(max_length=500, blank=True)
    candidates = models.JSONField(default=list)  # [{ori, name, type, counties, score, why}], best first
    kind = models.CharField(
        max_length=20, blank=True
    )  # sheriff, police, constable, ... as read from the name
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    county_fips = models.JSONField(default=list)  # five-digit Census codes; empty for statewide agencies
    county_source = models.CharField(max_length=10, blank=True)  # fbi | ice | name | statewide | ""

    class Meta:
        ordering = ["agency_id"]

    def __str__(self) -> str:
        return f"{self.agency_id} -> {self.ori_id or '-'} ({self.status})"

    @property
    def locked(self) -> bool:
        """A person decided this link; automatic matching leaves it alone."""
        return self.decision != Decision.AUTO
