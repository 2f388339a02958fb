"""The raw archive: every file g287 got from ICE, stored once under its SHA-256.

The bytes live in the `archive` storage (settings.STORAGES; a folder, G287_ARCHIVE_DIR, by default), the
same on SQLite and PostgreSQL, and movable to object storage by changing the backend. The database keeps
what is known about each content (ArchivedFile) and about each time it was got (Retrieval).
"""

import hashlib
from collections.abc import Iterable
from datetime import datetime
from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.utils import timezone

from g287.core import audit
from g287.sources.models import ArchivedFile, FetchRun, Outcome, Retrieval, Role

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def storage() -> Storage:
    return storages["archive"]


def path_of(sha256: str) -> str:
    # Two levels of folders keep any one folder small when the archive holds thousands of files.
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


def media_type_of(content: bytes) -> str:
    if content.startswith(b"PK\x03\x04"):
        return XLSX
    if content.startswith(b"%PDF-"):
        return PDF
    return "application/octet-stream"


def put(content: bytes, name: str) -> ArchivedFile:
    """Stores the bytes (once per content) and returns their record. Writing the same content twice is
    harmless, so bytes left behind by a transaction that rolled back only wait for their next use."""
    digest = hashlib.sha256(content).hexdigest()
    where = path_of(digest)
    store = storage()
    if not store.exists(where):
        store.save(where, ContentFile(content))
    existing = ArchivedFile.objects.filter(pk=digest).first()
    if existing is not None:
        return existing
    item = ArchivedFile.objects.create(
        sha256=digest,
        size=len(content),
        media_type=media_type_of(content),
        name=name,
        first_seen_at=timezone.now(),
    )
    audit.record(
        "sources.archivedfile.archive",
        "sources.ArchivedFile",
        digest,
        after={"name": name, "size": len(content)},
    )
    return item


def read(sha256: str) -> bytes:
    with storage().open(path_of(sha256), "rb") as handle:
        data: bytes = handle.read()
    return data


def open_stream(sha256: str) -> BytesIO:
    return BytesIO(read(sha256))


def record_retrieval(
    *,
    url: str,
    role: str,
    outcome: str,
    fetched_at: datetime,
    file: ArchivedFile | None = None,
    status: int | None = None,
    headers: dict[str, str] | None = None,
    dated: datetime | None = None,
    error: str = "",
    run: FetchRun | None = None,
) -> Retrieval:
    return Retrieval.objects.create(
        run=run,
        file=file,
        url=url,
        role=role,
        fetched_at=fetched_at,
        status=status,
        headers=headers or {},
        outcome=outcome,
        dated=dated,
        error=error,
    )


def archive_imported(paths: Iterable[Path]) -> int:
    """Keeps the bytes of files `g287 import` read from disk (imported or already known); returns how
    many contents were new to the archive."""
    new = 0
    now = timezone.now()
    for path in paths:
        content = path.read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        if not ArchivedFile.objects.filter(pk=digest).exists():
            new += 1
        item = put(content, path.name)
        record_retrieval(
            url=f"file:{path.name}", role=Role.IMPORT, outcome=Outcome.ARCHIVED, fetched_at=now, file=item
        )
    return new
