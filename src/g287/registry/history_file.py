"""The compact normalized history that ships with the package: snapshots, agency aliases and agreement
versions. Everything else in the registry (agreements' current state, events) is derived from these, by
the same code that the importer uses."""

import gzip
import json
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from g287.core import audit
from g287.registry import store
from g287.registry.history import Values, Version
from g287.registry.models import Agency, AgencyAlias, AgreementVersion, Snapshot
from g287.registry.replace import ReplaceRefused, clear_for_replace

FORMAT = "g287-history/1"
_SNAPSHOT_FIELDS = (
    "kind",
    "order_key",
    "published_at",
    "date",
    "source_name",
    "sha256",
    "layout",
    "row_count",
    "agreement_count",
    "warnings",
)
_VERSION_FIELDS = (
    "agreement_id",
    "kind",
    "valid_from",
    "valid_to",
    "name",
    "type",
    "county",
    "signed",
    "moa",
    "moa_url",
    "addendum",
    "addendum_url",
)


class HistoryError(Exception):
    pass


def shipped_history() -> Path:
    return Path(str(resources.files("g287").joinpath("data", "history.json.gz")))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def dump() -> dict[str, Any]:
    return {
        "format": FORMAT,
        "snapshots": [
            [_plain(v) for v in row]
            for row in Snapshot.objects.order_by("order_key").values_list(*_SNAPSHOT_FIELDS)
        ],
        "aliases": [
            list(row)
            for row in AgencyAlias.objects.order_by("state", "key").values_list(
                "state", "key", "agency_id", "source"
            )
        ],
        "versions": [
            [_plain(v) for v in row]
            for row in AgreementVersion.objects.order_by("agreement_id", "kind", "valid_from").values_list(
                *_VERSION_FIELDS
            )
        ],
    }


def export_history(path: Path) -> dict[str, int]:
    data = dump()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    # mtime=0 keeps the file byte-identical for the same history, so it diffs cleanly in git.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode())
    return {k: len(v) for k, v in data.items() if isinstance(v, list)}


def read_history(path: Path) -> dict[str, Any]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise HistoryError(f"{path}: no such file") from None
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HistoryError(f"{path}: not a g287 history file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise HistoryError(f"{path}: not a g287 history file (expected format {FORMAT!r})")
    return data


def registry_is_empty() -> bool:
    return not Snapshot.objects.exists() and not Agency.objects.exists()


@transaction.atomic
def load_history(path: Path, replace: bool = False) -> dict[str, int]:
    """Builds the registry from a history file. The registry must be empty, or `replace` set."""
    data = read_history(path)
    if not registry_is_empty():
        if not replace:
            raise HistoryError("the registry already holds data; pass --replace to rebuild it from the file")
        try:
            clear_for_replace(data, path.name)
        except ReplaceRefused as exc:
            raise HistoryError(str(exc)) from None
    try:
        snapshots = [Snapshot(**dict(zip(_SNAPSHOT_FIELDS, row, strict=True))) for row in data["snapshots"]]
        aliases = [tuple(row) for row in data["aliases"]]
        versions = []
        for row in data["versions"]:
            fields = dict(zip(_VERSION_FIELDS, row, strict=True))
            signed = date.fromisoformat(fields["signed"]) if fields["signed"] else None
            versions.append(
                Version(
                    fields["agreement_id"],
                    fields["kind"],
                    fields["valid_from"],
                    fields["valid_to"],
                    Values(
                        fields["name"],
                        fields["type"],
                        fields["county"],
                        signed,
                        fields["moa"],
                        fields["moa_url"],
                        fields["addendum"],
                        fields["addendum_url"],
                    ),
                )
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise HistoryError(f"{path}: damaged history file ({exc})") from None
    now = timezone.now()
    for snapshot in snapshots:
        snapshot.imported_at = now
    Snapshot.objects.bulk_create(snapshots, batch_size=1000)
    # Each agency in its own state (a name ICE put under the wrong state is another state's agency).
    agencies = {agency: agency[:2] for _, _, agency, _ in aliases}
    kept = set(Agency.objects.values_list("id", flat=True))  # on --replace, those office data refers to
    Agency.objects.bulk_create(
        [Agency(id=a, state=s, name=a) for a, s in sorted(agencies.items()) if a not in kept], batch_size=2000
    )
    AgencyAlias.objects.bulk_create(
        [AgencyAlias(state=s, key=k, agency_id=a, source=src) for s, k, a, src in aliases], batch_size=2000
    )
    store.ensure_agreements({v.agreement for v in versions})
    store.insert_versions(versions)
    store.recompute({v.agreement for v in versions})
    counts = {"snapshots": len(snapshots), "agencies": len(agencies), "versions": len(versions)}
    audit.record("registry.snapshot.load_history", "registry.Snapshot", str(path.name), after=counts)
    return counts
