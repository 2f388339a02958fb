"""The whole public registry in one SQLite file (agreements, agencies, events, snapshots, states, with
indexes), ready for `sqlite3` or Datasette, and a Frictionless `datapackage.json` describing the CSV
downloads.

The file is built on demand and kept under the newest lists' keys (participating and pending) and the
FBI links' stamp: an import or a link decision changes the name, so the next request builds a fresh
file, and every later one is served from disk. It is written to a temporary name and renamed, so a
reader never gets half a file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings

from g287.portal import queries
from g287.portal.coverage import links_stamp
from g287.portal.records import AGREEMENT_COLUMNS, EVENT_COLUMNS, SNAPSHOT_COLUMNS, agreement_records
from g287.registry.models import Agency, Agreement, Event, Snapshot
from g287.registry.queries import latest_snapshot

FILENAME = "g287-public.sqlite3"

# (table, columns with SQLite types) — every column a download has, in the same order.
_TEXT_INT = {"row_count", "agreement_count", "agreements", "agencies", "JEM", "TFM", "WSO"}
AGENCY_COLUMNS: tuple[str, ...] = ("id", "state", "name", "type", "county", "ori", "county_fips")
STATE_COLUMNS: tuple[str, ...] = ("state", "name", "agreements", "agencies", "JEM", "TFM", "WSO")
INDEXES: tuple[tuple[str, str], ...] = (
    ("agreements", "state"), ("agreements", "agency_id"), ("agreements", "status"), ("agreements", "model"),
    ("agencies", "state"), ("agencies", "ori"), ("events", "agreement"), ("events", "date"),
    ("events", "kind"), ("snapshots", "date"),
)  # fmt: skip


def _folder() -> Path:
    folder = Path(
        getattr(settings, "G287_DOWNLOADS_DIR", "") or Path(tempfile.gettempdir()) / "g287-downloads"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stamp() -> str:
    latest, pending = latest_snapshot(), latest_snapshot("pending")
    return "-".join(
        [latest.order_key if latest else "none", pending.order_key if pending else "none", links_stamp()]
    )


def current_file() -> Path:
    """The file for the registry as it is now, built if it is not there yet."""
    path = _folder() / f"g287-public-{stamp()}.sqlite3"
    if not path.exists():
        build(path)
    return path


def _create(db: sqlite3.Connection, table: str, columns: tuple[str, ...], primary: str | None) -> None:
    defs = []
    for column in columns:
        kind = "INTEGER" if column in _TEXT_INT else "TEXT"
        defs.append(f'"{column}" {kind}{" PRIMARY KEY" if column == primary else ""}')
    db.execute(f'CREATE TABLE "{table}" ({", ".join(defs)})')


def _insert(db: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    marks = ", ".join("?" for _ in columns)
    names = ", ".join(f'"{c}"' for c in columns)

    def value(v: Any) -> Any:
        return "; ".join(str(x) for x in v) if isinstance(v, list) else v

    db.executemany(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
        ([value(r.get(c)) for c in columns] for r in rows),
    )


def _events() -> list[dict[str, Any]]:
    out = []
    rows = Event.objects.order_by("order_key", "agreement_id", "id").values_list(
        "date", "agreement_id", "kind", "old", "new", "order_key", "agreement__name"
    )
    for day, agreement, kind, old, new, key, name in rows.iterator(chunk_size=5000):
        out.append(
            {
                "date": day.isoformat(), "agreement": agreement, "state": agreement[:2], "name": name,
                "model": agreement.rsplit("#", 1)[-1], "kind": kind, "old": old, "new": new, "snapshot": key,
            }
        )  # fmt: skip
    return out


def build(path: Path) -> None:
    from g287.portal.coverage import agency_geo
    from g287.portal.records import snapshot_record

    agreements = agreement_records(Agreement.objects.order_by("id"))
    agencies: list[dict[str, Any]] = [
        dict(row) for row in Agency.objects.order_by("id").values("id", "state", "name", "type", "county")
    ]
    geo = agency_geo([a["id"] for a in agencies])
    for agency in agencies:
        agency.update(geo.get(agency["id"], {"ori": None, "county_fips": []}))
    states = [{**s, **s["by_model"]} for s in queries.state_summaries().values()]
    snapshots = [snapshot_record(s) for s in Snapshot.objects.order_by("order_key")]
    handle, temporary = tempfile.mkstemp(suffix=".sqlite3", dir=path.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        with db:
            _create(db, "agreements", AGREEMENT_COLUMNS, "id")
            _insert(db, "agreements", AGREEMENT_COLUMNS, agreements)
            _create(db, "agencies", AGENCY_COLUMNS, "id")
            _insert(db, "agencies", AGENCY_COLUMNS, agencies)
            _create(db, "events", EVENT_COLUMNS, None)
            _insert(db, "events", EVENT_COLUMNS, _events())
            _create(db, "snapshots", SNAPSHOT_COLUMNS, "key")
            _insert(db, "snapshots", SNAPSHOT_COLUMNS, snapshots)
            _create(db, "states", STATE_COLUMNS, "state")
            _insert(db, "states", STATE_COLUMNS, states)
            for table, column in INDEXES:
                db.execute(f'CREATE INDEX "{table}_{column}" ON "{table}" ("{column}")')
        db.execute("VACUUM")
        db.close()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    # Older builds are of a registry that no longer is.
    for old in path.parent.glob("g287-public-*.sqlite3"):
        if old != path:
            old.unlink(missing_ok=True)


# --- datapackage.json ---------------------------------------------------------------------------------

_TYPES = {"signed": "date", "first_requested": "date", "first_listed": "date", "last_listed": "date",
          "ended": "date", "date": "date", "row_count": "integer", "agreement_count": "integer",
          "agreements": "integer", "agencies": "integer", "JEM": "integer", "TFM": "integer", "WSO": "integer",
          "moa_url": "string", "addendum_url": "string"}  # fmt: skip
_DESCRIPTIONS = {
    "id": "The agreement's stable ID: the agency's ID and the model, joined by #",
    "agency_id": "The agency's stable ID: state and folded name",
    "status": "active, pending, ended or withdrawn (left the pending list)",
    "model": "JEM (Jail Enforcement), TFM (Task Force) or WSO (Warrant Service Officer)",
    "signed": "Signing date as ICE gives it",
    "ori": "FBI identifier of the agency, when matched",
    "county_fips": "Census FIPS codes of the agency's counties, separated by '; '",
    "sha256": "SHA-256 of the ICE file as published",
}


def _fields(columns: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for column in columns:
        field: dict[str, Any] = {"name": column, "type": _TYPES.get(column, "string")}
        if column in _DESCRIPTIONS:
            field["description"] = _DESCRIPTIONS[column]
        out.append(field)
    return out


def datapackage(base: str) -> dict[str, Any]:
    """A Frictionless Data Package describing the CSV downloads; `base` is the site's root URL."""
    latest = latest_snapshot()
    day = latest.date.isoformat() if latest else None
    csv = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
    return {
        "profile": "tabular-data-package",
        "name": "g287-287g-registry",
        "title": "The 287(g) registry: every agreement ICE listed, with its history",
        "description": (
            "Rebuilt by g287 from every participating and pending list U.S. Immigration and Customs "
            "Enforcement published. The same tables, with indexes, are in " + f"{base}/downloads/{FILENAME}."
        ),
        "version": day,
        "licenses": [{"name": "other-pd", "title": "U.S. Government Work (public domain)"}],
        "sources": [
            {
                "title": "ICE 287(g) participating and pending agency lists",
                "path": "https://www.ice.gov/identify-and-arrest/287g",
            }
        ],
        "resources": [
            {
                "name": "agreements",
                "path": f"{base}/agreements/?status=all&format=csv",
                **csv,
                "schema": {"fields": _fields(AGREEMENT_COLUMNS), "primaryKey": "id"},
            },
            {
                "name": "states",
                "path": f"{base}/states/?format=csv",
                **csv,
                "schema": {
                    "fields": _fields(
                        (
                            "state",
                            "name",
                            "agreements",
                            "agencies",
                            "JEM",
                            "TFM",
                            "WSO",
                            "type_county",
                            "type_municipality",
                            "type_state",
                            "officer_share",
                            "agencies_unmatched",
                        )
                    ),
                    "primaryKey": "state",
                },
            },
            {
                "name": "snapshots",
                "path": f"{base}/snapshots/?format=csv",
                **csv,
                "schema": {"fields": _fields(SNAPSHOT_COLUMNS), "primaryKey": "key"},
            },
            {
                "name": "public-database",
                "path": f"{base}/downloads/{FILENAME}",
                "format": "sqlite",
                "mediatype": "application/vnd.sqlite3",
                "description": "agreements, agencies, events, snapshots and states as SQLite tables",
            },
        ],
    }
