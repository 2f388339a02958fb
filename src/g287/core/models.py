from django.db import models


class AuditEntry(models.Model):
    """One recorded write. Append-only: the product has no path that edits or deletes an entry, and each
    entry carries the hash of the one before, so `g287 audit verify` can find tampering."""

    at = models.DateTimeField()
    actor = models.CharField(max_length=150)
    request_id = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=200)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type} {self.object_id}"


class Figure(models.Model):
    """A figure the portal shows (the dashboard's totals, a state's page...), computed once per version
    of the data and kept here so every server process reads it instead of computing it again: a fresh
    process, or any process after an import, would otherwise spend 100-700 ms on its first page.
    See g287.core.figures."""

    name = models.CharField(max_length=200, primary_key=True)
    version = models.CharField(max_length=200)
    # JSON as text: PostgreSQL's jsonb would reorder the keys, and the pages show dicts in their order.
    value = models.TextField()
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.version}"
