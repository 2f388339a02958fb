"""What changed between two dates, shaped for the changes page, its downloads and its API twin."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.cache import cache

from g287.registry.queries import changes as registry_changes
from g287.registry.queries import snapshot_as_of
from g287.registry.version import data_version

COLUMNS: tuple[str, ...] = (
    "change", "agreement", "state", "model", "name", "type", "county", "signed", "fields",
)  # fmt: skip


def _annotate(item: dict[str, Any]) -> dict[str, Any]:
    agreement = item["agreement"]
    agency, model = agreement.rsplit("#", 1)
    return {**item, "agency_id": agency, "state": agreement[:2], "model": model}


def between(start: date, end: date) -> dict[str, Any]:
    """Added, removed and changed agreements between the lists in force at `start` and at `end`.
    Cached per pair of lists: any two dates between the same publications give the same answer."""
    before, after = snapshot_as_of(start), snapshot_as_of(end)
    # Keyed on the data version too: a merge changes what the same two lists compare to.
    lists = f"{before.order_key if before else '-'}:{after.order_key if after else '-'}"
    key = f"portal:changes2:{lists}:{data_version()}"
    cached = cache.get(key)
    if cached is None:
        cached = registry_changes(start, end)
        for kind in ("added", "removed", "changed"):
            cached[kind] = [_annotate(item) for item in cached[kind]]
        cache.set(key, cached)
    return {**cached, "from": start.isoformat(), "to": end.isoformat()}


def sheet_title(start: date, end: date) -> str:
    """The XLSX sheet's title, within Excel's 31 characters and with both dates: "changes 2025-09-08 -
    2025-09-15" (the file name, g287-changes-2025-09-08-2025-09-15, would be cut after the second year)."""
    return f"changes {start.isoformat()} - {end.isoformat()}"


def describe(fields: dict[str, dict[str, Any]]) -> str:
    return "; ".join(f"{name}: {v['from'] or '—'} → {v['to'] or '—'}" for name, v in fields.items())


def flat_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per added, removed or changed agreement, for CSV and XLSX."""
    rows: list[dict[str, Any]] = []
    for kind in ("added", "removed"):
        for item in result[kind]:
            rows.append({"change": kind, **item, "fields": ""})
    for item in result["changed"]:
        rows.append({"change": "changed", **item, "fields": describe(item["fields"])})
    return rows
