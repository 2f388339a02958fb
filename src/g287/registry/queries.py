"""Point-in-time questions: the program as of a date, and what changed between two dates."""

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext, ngettext

from g287.core.states import NAME_BY_CODE
from g287.registry.history import Values
from g287.registry.models import AgreementVersion, Snapshot
from g287.registry.reads import read_once
from g287.registry.version import data_version

_FIELDS = ("name", "type", "county", "signed", "moa", "moa_url", "addendum", "addendum_url")


def snapshot_as_of(day: date, kind: str = "participating") -> Snapshot | None:
    """The last list of this kind published on or before `day`."""
    return read_once(
        ("as_of", day, kind),
        lambda: Snapshot.objects.filter(kind=kind, date__lte=day).order_by("-order_key").first(),
    )


def latest_snapshot(kind: str = "participating") -> Snapshot | None:
    return read_once(
        ("latest", kind), lambda: Snapshot.objects.filter(kind=kind).order_by("-order_key").first()
    )


def rows_at(snapshot: Snapshot | None) -> dict[str, Values]:
    """The agreements a snapshot listed, with their values: exactly the file's rows, one per agreement.
    Callers read the answer; inside registry.reads.one_read() it is shared with the block's other callers."""
    if snapshot is None:
        return {}
    return read_once(("rows", snapshot.kind, snapshot.order_key), lambda: _rows_at(snapshot))


def _rows_at(snapshot: Snapshot) -> dict[str, Values]:
    key = snapshot.order_key
    qs = AgreementVersion.objects.filter(kind=snapshot.kind, valid_from__lte=key).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=key)
    )
    return {r[0]: Values(*r[1:]) for r in qs.values_list("agreement_id", *_FIELDS).iterator(chunk_size=5000)}


def _type_label(value: str) -> str:
    return value or "unknown"


def stats_at(snapshot: Snapshot | None, pending: Snapshot | None) -> dict[str, Any]:
    # The data version, not only the lists' keys: a merge or a continuity decision changes the counts of
    # the same lists (and a figure computed from a stale count would be kept for every process).
    lists = f"{snapshot.order_key if snapshot else '-'}:{pending.order_key if pending else '-'}"
    cache_key = f"stats4:{lists}:{data_version()}"
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
    # `pending` is the count of the pending list as ICE published it, never g287's inference: ICE updates
    # that list less often (on 2026-05-18 it was the list of 2026-02-27, whose 2 requests had both been
    # signed by 2026-03-02), so `pending_signed` says, apart, how many of its requests are already on the
    # participating list in use.
    requests = rows_at(pending)
    signed = requests.keys() & rows.keys()
    # No list published by then is not zero agreements: the figures are unknown (None), as is the
    # pending count without a pending list.
    listed, requested = snapshot is not None, pending is not None
    result = {
        "snapshot": _snapshot_ref(snapshot),
        "agreements": len(rows) if listed else None,
        "agencies": len(agencies) if listed else None,
        "states": len(by_state) if listed else None,
        "by_model": dict(by_model) if listed else None,
        "by_type": dict(by_type) if listed else None,
        "by_state": dict(sorted(by_state.items())) if listed else None,
        "pending": len(requests) if requested else None,
        "pending_snapshot": _snapshot_ref(pending),
        "pending_signed": len(signed) if requested else None,
        "pending_stale": bool(snapshot and pending and pending.date < snapshot.date),
    }
    cache.set(cache_key, result)
    return result


def signed_since(pending: int | None, signed: int | None, stale: bool = True) -> str:
    """The pending list's count and, apart, how many of its requests are on the participating list in
    use: "2 on the list; both since signed" when that list is newer than the pending list (`stale`),
    "… already on the participating list" otherwise. Empty when none is (or without a pending list)."""
    if not pending or not signed:
        return ""
    if not stale:
        return ngettext(
            "%(n)s on the list; %(s)s of them already on the participating list",
            "%(n)s on the list; %(s)s of them already on the participating list",
            signed,
        ) % {"n": pending, "s": signed}
    if signed == pending:
        if pending == 1:
            return gettext("1 on the list; since signed")
        if pending == 2:
            return gettext("2 on the list; both since signed")
        return gettext("%(n)s on the list; all since signed") % {"n": pending}
    return ngettext(
        "%(n)s on the list; %(s)s of them since signed",
        "%(n)s on the list; %(s)s of them since signed",
        signed,
    ) % {"n": pending, "s": signed}


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


def first_snapshot(kind: str = "participating") -> Snapshot | None:
    """The first list of this kind g287 holds: its record begins there."""
    return read_once(
        ("first", kind), lambda: Snapshot.objects.filter(kind=kind).order_by("order_key").first()
    )


def changes(start: date, end: date) -> dict[str, Any]:
    """Agreements added, removed and changed between the lists in force at the two dates.

    Nothing is counted without a list in force at `end` (`counts` is None, not zeros). When `start`
    precedes the first list g287 holds (`before_first_list`), the first list's agreements were not added
    between the dates (many were signed years before): they are the record's start, said apart in
    `first_list`, and the changes are counted from that list (`baseline_snapshot`)."""
    before_snapshot, after_snapshot = snapshot_as_of(start), snapshot_as_of(end)
    before_first_list = before_snapshot is None
    first = first_snapshot() if before_first_list else None
    baseline = before_snapshot or (first if after_snapshot is not None else None)
    before, after = rows_at(baseline), rows_at(after_snapshot)
    known = after_snapshot is not None
    added = sorted(after.keys() - before.keys()) if known else []
    removed = sorted(before.keys() - after.keys()) if known else []
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
    counts = {"added": len(added), "removed": len(removed), "changed": len(changed)}
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "from_snapshot": _snapshot_ref(before_snapshot),
        "to_snapshot": _snapshot_ref(after_snapshot),
        "before_first_list": before_first_list,
        "first_list": _first_list(first),
        "baseline_snapshot": _snapshot_ref(baseline),
        "counts": counts if known else None,
        "added": [{"agreement": a, **_jsonable(after[a])} for a in added],
        "removed": [{"agreement": a, **_jsonable(before[a])} for a in removed],
        "changed": changed,
    }


def _first_list(first: Snapshot | None) -> dict[str, Any] | None:
    ref = _snapshot_ref(first)
    return None if ref is None else {**ref, "agreements": len(rows_at(first))}


def timeseries(state: str | None = None) -> list[dict[str, Any]]:
    """Agreements listed on each date ICE published a participating list (the day's last list), by model.
    Computed once per newest snapshot and cached."""
    latest = latest_snapshot()
    if latest is None:
        return []
    cache_key = f"series:{data_version()}:{state or 'all'}"  # the version names the newest list too
    cached = cache.get(cache_key)
    if cached is not None:
        return list(cached)
    qs = AgreementVersion.objects.filter(kind="participating")
    if state:
        qs = qs.filter(agreement__state=state)
    changes = _changes(qs, lambda agreement: "")
    result = _points(changes.get("", {}), _participating_lists())
    cache.set(cache_key, result)
    return result


def series_by_state(states: set[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """timeseries(code) for every state at once: one pass over the versions instead of one per state.
    `states`: the codes to give a series even without agreements (default: every state)."""
    if latest_snapshot() is None:
        return {}
    changes = _changes(AgreementVersion.objects.filter(kind="participating"), lambda agreement: agreement[:2])
    lists = _participating_lists()
    codes = sorted(set(NAME_BY_CODE) | set(changes) if states is None else states)
    return {code: _points(changes.get(code, {}), lists) for code in codes}


_COLUMN = {"JEM": 0, "TFM": 1, "WSO": 2}


def _changes(versions: Any, group: Callable[[str], str]) -> dict[str, dict[str, list[int]]]:
    """group -> list key -> agreements added (+) and ended (-) there, per model (JEM, TFM, WSO)."""
    out: dict[str, dict[str, list[int]]] = {}
    rows = versions.values_list("agreement_id", "valid_from", "valid_to")
    for agreement, start, end in rows.iterator(chunk_size=5000):
        per_key = out.setdefault(group(agreement), {})
        i = _COLUMN[agreement.rsplit("#", 1)[1]]
        per_key.setdefault(start, [0, 0, 0])[i] += 1
        if end is not None:
            per_key.setdefault(end, [0, 0, 0])[i] -= 1
    return out


def _participating_lists() -> list[tuple[str, str, str]]:
    lists = Snapshot.objects.filter(kind="participating").order_by("order_key")
    return [
        (key, day.isoformat(), name)
        for key, day, name in lists.values_list("order_key", "date", "source_name")
    ]


def _points(changes: dict[str, list[int]], lists: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The running totals after each list; a later list of the same day replaces an earlier one."""
    jem = tfm = wso = 0
    by_date: dict[str, dict[str, Any]] = {}
    for key, day, name in lists:
        change = changes.get(key)
        if change is not None:
            jem, tfm, wso = jem + change[0], tfm + change[1], wso + change[2]
        by_date[day] = {
            "date": day,
            "file": name,
            "JEM": jem,
            "TFM": tfm,
            "WSO": wso,
            "total": jem + tfm + wso,
        }
    return list(by_date.values())
