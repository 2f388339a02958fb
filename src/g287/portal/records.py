"""Plain-dict records of agreements, agencies, events and snapshots: the one shape the API, the JSON
and CSV/XLSX downloads and the templates all use, so a column means the same thing everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import F, QuerySet

from g287.core.states import NAME_BY_CODE
from g287.geo.models import AgencyLink
from g287.registry.models import Agreement, AgreementModel, Event, EventKind, Snapshot, Status

# Download columns, in order. Dates are ISO 8601; empty values are empty strings in CSV and XLSX.
_AGREEMENT_FIELDS: tuple[str, ...] = (
    "id", "agency_id", "state", "name", "model", "status", "type", "county", "signed", "moa", "moa_url",
    "addendum", "addendum_url", "first_requested", "first_listed", "last_listed", "ended",
)  # fmt: skip
# The agency's FBI identifier and county FIPS codes (g287.geo) follow the registry's own columns.
# status_text spells the status out ("Left the pending list" for the code withdrawn: ICE publishes no
# withdrawals, so the words say only what the lists show).
AGREEMENT_COLUMNS: tuple[str, ...] = (*_AGREEMENT_FIELDS, "ori", "county_fips", "status_text")
_STATUS_TEXT = dict(Status.choices)
EVENT_COLUMNS: tuple[str, ...] = (
    "date",
    "agreement",
    "state",
    "name",
    "model",
    "kind",
    "old",
    "new",
    "snapshot",
)
SNAPSHOT_COLUMNS: tuple[str, ...] = (
    "key", "kind", "date", "source_name", "row_count", "agreement_count", "sha256", "warnings",
)  # fmt: skip


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def agency_geo(agency_id: str) -> dict[str, Any]:
    """The agency's ORI (None unless matched) and county FIPS codes: one query."""
    row = AgencyLink.objects.filter(pk=agency_id).values_list("ori_id", "county_fips").first()
    return {"ori": row[0], "county_fips": list(row[1] or [])} if row else {"ori": None, "county_fips": []}


def agreement_record(a: Agreement, geo: dict[str, Any] | None = None) -> dict[str, Any]:
    """`geo` is agency_geo(a.agency_id), passed in when several agreements share the agency."""
    geo = geo if geo is not None else agency_geo(a.agency_id)
    return {
        "id": a.id,
        "agency_id": a.agency_id,
        "state": a.state,
        "name": a.name,
        "model": a.model,
        "status": a.status,
        "type": a.type,
        "county": a.county,
        "signed": iso(a.signed),
        "moa": a.moa,
        "moa_url": a.moa_url,
        "addendum": a.addendum,
        "addendum_url": a.addendum_url,
        "first_requested": iso(a.first_requested),
        "first_listed": iso(a.first_listed),
        "last_listed": iso(a.last_listed),
        "ended": iso(a.ended),
        "ori": geo["ori"],
        "county_fips": geo["county_fips"],
        "status_text": _STATUS_TEXT.get(a.status, a.status),
    }


_DATE_FIELDS = ("signed", "first_requested", "first_listed", "last_listed", "ended")


def agreement_records(qs: QuerySet[Agreement]) -> list[dict[str, Any]]:
    """Like agreement_record for a whole queryset, read as plain values: several times faster than
    building model instances, which matters for the API's latency."""
    # The link joins on the agency id (no per-row query); an agency never matched has no link row.
    rows = list(
        qs.values(
            *_AGREEMENT_FIELDS, ori=F("agency__geo_link__ori"), county_fips=F("agency__geo_link__county_fips")
        )
    )
    for row in rows:
        for name in _DATE_FIELDS:
            value = row[name]
            row[name] = value.isoformat() if value else None
        row["county_fips"] = row["county_fips"] or []
        row["status_text"] = _STATUS_TEXT.get(row["status"], row["status"])
    return rows


def event_record(e: Event) -> dict[str, Any]:
    agreement = e.agreement_id
    return {
        "date": e.date.isoformat(),
        "agreement": agreement,
        "agency_id": agreement.rsplit("#", 1)[0],
        "state": agreement[:2],
        "name": e.agreement.name,
        "model": agreement.rsplit("#", 1)[-1],
        "kind": e.kind,
        "kind_label": event_label(e.kind),
        "old": e.old,
        "new": e.new,
        "snapshot": e.order_key,
    }


def snapshot_record(s: Snapshot) -> dict[str, Any]:
    return {
        "key": s.order_key,
        "kind": s.kind,
        "date": s.date.isoformat(),
        "published_at": s.published_at.isoformat(),
        "source_name": s.source_name,
        "sha256": s.sha256,
        "layout": s.layout,
        "row_count": s.row_count,
        "agreement_count": s.agreement_count,
        "warnings": list(s.warnings or []),
    }


def state_name(code: str) -> str:
    return NAME_BY_CODE.get(code, code)


_MODEL_NAMES = dict(AgreementModel.choices)
_EVENT_LABELS = dict(EventKind.choices)


def event_label(kind: str) -> str:
    return str(_EVENT_LABELS.get(kind, kind))


def model_name(code: str) -> str:
    return str(_MODEL_NAMES.get(code, code))


def flat(record: dict[str, Any], columns: Iterable[str]) -> list[Any]:
    """A record as a download row: lists joined, None as empty."""
    out: list[Any] = []
    for column in columns:
        value = record.get(column)
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        out.append("" if value is None else value)
    return out


# Where a figure comes from; in this module because queries and coverage both need it and coverage
# is itself used by queries.
def source(snapshot: Snapshot | None) -> dict[str, Any] | None:
    """Where a figure comes from: the list it was read from."""
    if snapshot is None:
        return None
    return {
        "key": snapshot.order_key,
        "date": snapshot.date.isoformat(),
        "file": snapshot.source_name,
        "kind": snapshot.kind,
        "sha256": snapshot.sha256,
    }
