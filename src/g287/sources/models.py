"""ICE's files as g287 got them: the exact bytes (content-addressed), every retrieval with its HTTP status
and headers, what each address served last (for conditional requests), the fetch log, and the lock that
keeps two watchers from fetching at once."""

from django.db import models


class ArchivedFile(models.Model):
    """One distinct content, stored once under its SHA-256 in the archive storage (see archive.py)."""

    sha256 = models.CharField(primary_key=True, max_length=64)
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=100)
    name = models.CharField(max_length=300)  # the name it was first seen under
    first_seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-first_seen_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"


class Role(models.TextChoices):
    PAGE = "page", "ICE's 287(g) page"
    PARTICIPATING = "participating", "Participating list"
    PENDING = "pending", "Pending list"
    MOA = "moa", "MOA or addendum"
    IMPORT = "import", "Imported from disk"


class Outcome(models.TextChoices):
    IMPORTED = "imported", "New content, imported"
    KNOWN = "known", "Known content, seen again"
    NOT_MODIFIED = "not_modified", "Not modified (304)"
    ARCHIVED = "archived", "Archived"
    FAILED = "failed", "Failed"


class FetchRun(models.Model):
    """One pass of `g287 fetch` (by hand or from `g287 watch`)."""

    trigger = models.CharField(max_length=10, default="fetch")  # fetch | watch | moas
    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(null=True)
    message = models.TextField(blank=True)
    imported = models.JSONField(default=list)  # order keys of the snapshots this run added
    next_run_at = models.DateTimeField(null=True, blank=True)  # set by `g287 watch`
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.trigger} {self.started_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'failed'}"


class Retrieval(models.Model):
    """One file got by g287: an HTTP response (or a file read from disk by `g287 import`)."""

    run = models.ForeignKey(
        FetchRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="retrievals"
    )
    file = models.ForeignKey(
        ArchivedFile, null=True, blank=True, on_delete=models.PROTECT, related_name="retrievals"
    )
    url = models.CharField(max_length=1000, db_index=True)  # "file:<name>" for a file read from disk
    role = models.CharField(max_length=16, choices=Role.choices)
    fetched_at = models.DateTimeField(db_index=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    headers = models.JSONField(default=dict)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    dated = models.DateTimeField(null=True, blank=True)  # the publication time the file was given
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-fetched_at", "-id"]

    def __str__(self) -> str:
        return f"{self.fetched_at:%Y-%m-%d %H:%M} {self.url} {self.outcome}"


class Resource(models.Model):
    """What an address served last: validators for the next conditional request, and since when."""

    url = models.CharField(max_length=1000, unique=True)
    role = models.CharField(max_length=16, choices=Role.choices)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)  # the header, as the server wrote it
    file = models.ForeignKey(ArchivedFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    content_since = models.DateTimeField(null=True, blank=True)  # first fetch that got this content
    changed_count = models.PositiveIntegerField(default=0)  # times the content at this address changed
    last_checked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.url


class Lock(models.Model):
    """A named lease in the database, so watchers on several machines sharing one database never run
    at once. A lease that outlives its holder (a killed process) expires."""

    name = models.CharField(primary_key=True, max_length=40)
    holder = models.CharField(max_length=200)
    acquired_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} held by {self.holder}"


class MoaDocument(models.Model):
    """A version of the PDF at one MOA or addendum address: its archived bytes, page count and text.
    A new row when the PDF at the address changes."""

    url = models.CharField(max_length=500, db_index=True)
    file = models.ForeignKey(ArchivedFile, on_delete=models.PROTECT, related_name="moa_documents")
    pages = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    archived_at = models.DateTimeField()
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["url", "-archived_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["url", "file"], name="moa_url_file_once")]

    def __str__(self) -> str:
        return f"{self.url} ({self.pages} pages)"
