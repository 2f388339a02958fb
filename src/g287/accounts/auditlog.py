"""Reading the audit log: the filters shared by the auditors' page, its CSV export and the API."""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from g287.core.cells import safe_text
from g287.core.filters import ParamReader
from g287.core.models import AuditEntry

CSV_COLUMNS = [
    "id",
    "at",
    "actor",
    "request_id",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "prev_hash",
    "hash",
]


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    request_id: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(cls, params: Any) -> "AuditFilter":
        """From a QueryDict (the page, its CSV export and the API alike); raises FilterError naming
        every bad parameter."""
        read = ParamReader(params)
        text = {k: read.text(k) for k in ("actor", "action", "object_type", "object_id", "request_id")}
        since, until = read.day("since"), read.day("until")
        read.order("since", since, "until", until)
        read.done()
        return cls(since=since, until=until, **text)

    def apply(self, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        if self.actor:
            queryset = queryset.filter(actor__icontains=self.actor)
        if self.action:
            queryset = queryset.filter(action=self.action)
        if self.object_type:
            queryset = queryset.filter(object_type=self.object_type)
        if self.object_id:
            queryset = queryset.filter(object_id=self.object_id)
        if self.request_id:
            queryset = queryset.filter(request_id=self.request_id)
        tz = timezone.get_current_timezone()
        if self.since:
            queryset = queryset.filter(at__gte=datetime.combine(self.since, time.min, tz))
        if self.until:
            queryset = queryset.filter(at__lt=datetime.combine(self.until + timedelta(days=1), time.min, tz))
        return queryset


def entries(flt: AuditFilter) -> QuerySet[AuditEntry]:
    return flt.apply(AuditEntry.objects.all()).order_by("-id")


def choices() -> dict[str, list[str]]:
    return {
        "actions": sorted(set(AuditEntry.objects.values_list("action", flat=True).distinct())),
        "object_types": sorted(set(AuditEntry.objects.values_list("object_type", flat=True).distinct())),
    }


def csv_rows(queryset: QuerySet[AuditEntry]) -> Iterator[str]:
    """Streams the CSV, one line at a time, so a large export does not sit in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        value = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return value

    writer.writerow(CSV_COLUMNS)
    yield flush()
    for entry in queryset.iterator(chunk_size=2000):
        writer.writerow(
            [
                entry.id,
                entry.at.isoformat(),
                safe_text(entry.actor),
                safe_text(entry.request_id),
                entry.action,
                entry.object_type,
                safe_text(entry.object_id),
                _json(entry.before),
                _json(entry.after),
                entry.prev_hash,
                entry.hash,
            ]
        )
        yield flush()


def _json(value: object) -> str:
    return "" if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)
