"""Point-in-time questions: the program as of a date, and what changed between two dates."""

from collections import Counter
from dataclasses import asdict
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Q

from g287.registry.history import Values
from g287.registry.models import AgreementVersion, Snapshot

_FIELDS = ("name", "type", "county", "signed", "moa", "moa_url", "addendum", "addendum_url")


def snapshot_as_of(day: date, kind: str = "participating") -> Snapshot | None:
    """The last list of this kind published on or before `day`."""
    return Snapshot.objects.filter(kind=kind, date__lte=day).order_by("-order_key").first()


def latest_snapshot(kind: str = "participating") -> Snapshot | None:
    return Snapshot.objects.filter(kind=kind).order_by("-order_key").first()


def rows_at(snapshot: Snapshot | None) -> dict[str, Values]:
    """The agreements a snapshot listed, with their values: exactly the file's rows, one per agreement."""
    if snapshot is None:
        return {}
    key = snapshot.order_key
    qs = AgreementVersion.objects.filter(kind=snapshot.kind, valid_from__lte=key).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=key)
    )
    return {r[0]: Values(*r[1:]) for r in qs.values_list("agreement_id", *_FIELDS).iterator(chunk_size=5000)}


def _type_label(value: str) -> str:
    return value or "unknown"


def stats_at(snapshot: Snapshot | None, pending: Snapshot | None) -> dict[str, Any]:
    cache_key = f"stats2:{snapshot.order_key if snapshot else '-'}:{pending.order_key if pending else '-'}"
    cached = cache.get(cache_key)
    if cached is not None:
        return dict(cached)
    rows = rows_at(snapshot)
    by_model = Counter({"JEM": 0, "TFM": 0, "WSO": 0})
    by_type: Counter[str] = Counter({"county": 0, "municipality": 0, "state": 0})
    by_state: Counter[str] = Counter()
    agencies = set()
    for agreement, values in rows.items():
        agency, model = agreement.split("#")
        by_model[model] += 1
        by_type[_type_label(values.type)] += 1
        by_state[agreement[:2]] += 1
        agencies.add(agency)
    # A request already on the participating list in use is signed, not pending (ICE updates its pending
    # list less often: on 2026-05-18 it was the list of 2026-02-27, which still held signed requests).
    requests = rows_at(pending)
    signed = requests.keys() & rows.keys()
    result = {
        "snapshot": _snapshot_ref(snapshot),
        "agreements": len(rows),
        "agencies": len(agencies),
        "states": len(by_state),
        "by_model": dict(by_model),
        "by_type": dict(by_type),
        "by_state": dict(sorted(by_state.items())),
        "pending": len(requests) - len(signed),
        "pending_snapshot": _snapshot_ref(pending),
        "pending_signed": len(signed),
        "pending_stale": bool(snapshot and pending and pending.date < snapshot.date),
    }
    cache.set(cache_key, result)
    return result


def stats(as_of: date) -> dict[str, Any]:
    """The program as of the end of `as_of`, from the last lists ICE had published by then."""
    return {"as_of": as_of.isoformat(), **stats_at(snapshot_as_of(as_of), snapshot_as_of(as_of, "pending"))}


def _snapshot_ref(snapshot: Snapshot | None) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    return {
        "file": snapshot.source_name,
        "date": snapshot.date.isoformat(),
        "kind": snapshot.kind,
        "sha256": snapshot.sha256,
        "order_key": snapshot.order_key,
    }


def _jsonable(values: Values) -> dict[str, Any]:
    out = asdict(values)
    out["signed"] = values.signed.isoformat() if values.signed else None
    return out


def changes(start: date, end: date) -> dict[str, Any]:
    """Agreements added, removed and changed between the lists in force at the two dates."""
    before_snapshot, after_snapshot = snapshot_as_of(start), snapshot_as_of(end)
    before, after = rows_at(before_snapshot), rows_at(after_snapshot)
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    changed = []
    for agreement in sorted(before.keys() & after.keys()):
        old, new = before[agreement], after[agreement]
        if old != new:
            fields = {
                f: {"from": _jsonable(old)[f], "to": _jsonable(new)[f]}
                for f in _FIELDS
                if getattr(old, f) != getattr(new, f)
            }
            changed.append({"agreement": agreement, "name": new.name, "fields": fields})
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "from_snapshot": _snapshot_ref(before_snapshot),
        "to_snapshot": _snapshot_ref(after_snapshot),
        "counts": {"added": len(added), "removed": len(removed), "changed": len(changed)},
        "added": [{"agreement": a, **_jsonable(after[a])} for a in added],
        "removed": [{"agreement": a, **_jsonable(before[a])} for a in removed],
        "changed": changed,
    }


def timeseries(state: str | None = None) -> list[dict[str, Any]]:
    """Agreements listed on each date ICE published a participating list (the day's last list), by model.
    Computed once per newest snapshot and cached."""
    latest = latest_snapshot()
    if latest is None:
        return []
    cache_key = f"series:{latest.order_key}:{state or 'all'}"
    cached = cache.get(cache_key)
    if cached is not None:
        return list(cached)
    delta: dict[str, Counter[str]] = {}
    qs = AgreementVersion.objects.filter(kind="participating")
    if state:
        qs = qs.filter(agreement__state=state)
    for agreement, start, end in qs.values_list("agreement_id", "valid_from", "valid_to").iterator(
        chunk_size=5000
    ):
        model = agreement.rsplit("#", 1)[1]
        delta.setdefault(start, Counter())[model] += 1
        if end is not None:
            delta.setdefault(end, Counter())[model] -= 1
    running: Counter[str] = Counter({"JEM": 0, "TFM": 0, "WSO": 0})
    by_date: dict[str, dict[str, Any]] = {}
    snapshots = Snapshot.objects.filter(kind="participating").order_by("order_key")
    for key, day, name in snapshots.values_list("order_key", "date", "source_name"):
        running.update(delta.get(key, Counter()))
        by_date[day.isoformat()] = {
            "date": day.isoformat(),
            "file": name,
            "JEM": running["JEM"],
            "TFM": running["TFM"],
            "WSO": running["WSO"],
            "total": running["JEM"] + running["TFM"] + running["WSO"],
        }
    result = list(by_date.values())
    cache.set(cache_key, result)
    return result
