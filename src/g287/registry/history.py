"""Pure functions that turn a timeline of snapshots into agreement versions, events and current state.

A *timeline* is the ordered list of one kind's snapshots, each as {agreement id: Values}. A version is a
stretch of consecutive snapshots in which an agreement appears with the same values; it is closed by the
first snapshot in which the agreement is missing or has other values. The same functions serve a full
rebuild and the append of one new snapshot, which is what makes import order irrelevant.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Values:
    name: str
    type: str
    county: str
    signed: date | None
    moa: str
    moa_url: str
    addendum: str
    addendum_url: str


@dataclass
class Version:
    agreement: str
    kind: str
    valid_from: str
    valid_to: str | None
    values: Values
    pk: int | None = None


Rows = Mapping[str, Values]


@dataclass
class Step:
    """What one snapshot did to the open versions."""

    closed: list[Version] = field(default_factory=list)
    opened: list[Version] = field(default_factory=list)


def advance(open_versions: dict[str, Version], kind: str, key: str, rows: Rows) -> Step:
    """Applies the snapshot `key` with `rows` to `open_versions` (changed in place)."""
    step = Step()
    # Identity first: unchanged rows share one Values object, which makes the common case cheap.
    changed = [a for a, v in open_versions.items() if rows.get(a) is not v.values and rows.get(a) != v.values]
    for agreement in changed:
        version = open_versions.pop(agreement)
        version.valid_to = key
        step.closed.append(version)
    for agreement, values in rows.items():
        if agreement not in open_versions:
            version = Version(agreement, kind, key, None, values)
            open_versions[agreement] = version
            step.opened.append(version)
    return step


def build_versions(kind: str, timeline: Iterable[tuple[str, Rows]]) -> list[Version]:
    open_versions: dict[str, Version] = {}
    out: list[Version] = []
    for key, rows in timeline:
        out.extend(advance(open_versions, kind, key, rows).opened)
    return sorted(out, key=lambda v: (v.agreement, v.valid_from))


def replay(versions: Iterable[Version], keys: Iterable[str]) -> list[tuple[str, dict[str, Values]]]:
    """The inverse of build_versions: each snapshot's rows, rebuilt from the versions that cover it."""
    starting: dict[str, list[Version]] = {}
    ending: dict[str, list[Version]] = {}
    for version in versions:
        starting.setdefault(version.valid_from, []).append(version)
        if version.valid_to is not None:
            ending.setdefault(version.valid_to, []).append(version)
    active: dict[str, Values] = {}
    out = []
    for key in keys:
        for version in ending.get(key, []):
            if active.get(version.agreement) == version.values:
                del active[version.agreement]
        for version in starting.get(key, []):
            active[version.agreement] = version.values
        out.append((key, dict(active)))
    return out


@dataclass(frozen=True)
class EventRecord:
    order_key: str
    kind: str
    old: str = ""
    new: str = ""


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _changes(before: Values, after: Values, key: str) -> list[EventRecord]:
    out = []
    if before.signed != after.signed:
        kind = "signed" if before.signed is None else "signed_corrected"
        out.append(EventRecord(key, kind, _text(before.signed), _text(after.signed)))
    if before.county.casefold() != after.county.casefold():
        out.append(EventRecord(key, "county_changed", before.county, after.county))
    if before.type != after.type:
        out.append(EventRecord(key, "type_changed", before.type, after.type))
    if before.name != after.name:
        out.append(EventRecord(key, "renamed", before.name, after.name))
    if after.moa == "posted" and (before.moa != "posted" or before.moa_url != after.moa_url):
        out.append(EventRecord(key, "moa_posted", before.moa_url, after.moa_url))
    if after.addendum == "posted" and (
        before.addendum != "posted" or before.addendum_url != after.addendum_url
    ):
        out.append(EventRecord(key, "addendum_posted", before.addendum_url, after.addendum_url))
    return out


def participating_events(versions: list[Version]) -> list[EventRecord]:
    out: list[EventRecord] = []
    previous: Version | None = None
    for version in sorted(versions, key=lambda v: v.valid_from):
        values = version.values
        if previous is None:
            out.append(EventRecord(version.valid_from, "listed"))
            if values.signed:
                out.append(EventRecord(version.valid_from, "signed", "", values.signed.isoformat()))
            if values.moa == "posted":
                out.append(EventRecord(version.valid_from, "moa_posted", "", values.moa_url))
            if values.addendum == "posted":
                out.append(EventRecord(version.valid_from, "addendum_posted", "", values.addendum_url))
        else:
            if previous.valid_to != version.valid_from:
                out.append(EventRecord(_text(previous.valid_to), "removed"))
                out.append(EventRecord(version.valid_from, "relisted"))
            out.extend(_changes(previous.values, values, version.valid_from))
        previous = version
    if previous is not None and previous.valid_to is not None:
        out.append(EventRecord(previous.valid_to, "removed"))
    return out


def pending_events(versions: list[Version]) -> list[EventRecord]:
    out: list[EventRecord] = []
    previous: Version | None = None
    for version in sorted(versions, key=lambda v: v.valid_from):
        if previous is None or previous.valid_to != version.valid_from:
            if previous is not None:
                out.append(EventRecord(_text(previous.valid_to), "request_dropped"))
            out.append(EventRecord(version.valid_from, "requested"))
        previous = version
    if previous is not None and previous.valid_to is not None:
        out.append(EventRecord(previous.valid_to, "request_dropped"))
    return out


@dataclass
class Summary:
    status: str
    values: Values
    first_requested: str | None
    first_listed: str | None
    last_listed: str | None  # order key of the last snapshot that listed it
    ended: str | None  # order key of the snapshot that first missed it


def summarize(
    participating: list[Version], pending: list[Version], previous_key: Mapping[str, str]
) -> Summary:
    """Current state of one agreement. `previous_key` maps a participating snapshot's key to the one
    before it, to name the last snapshot that still listed an ended agreement."""
    part = sorted(participating, key=lambda v: v.valid_from)
    pend = sorted(pending, key=lambda v: v.valid_from)
    latest = part[-1] if part else pend[-1]
    if part and part[-1].valid_to is None:
        status = "active"
    elif pend and pend[-1].valid_to is None:
        status = "pending"
    elif part:
        status = "ended"
    else:
        status = "withdrawn"
    ended = part[-1].valid_to if part else None
    return Summary(
        status=status,
        values=latest.values,
        first_requested=pend[0].valid_from if pend else None,
        first_listed=part[0].valid_from if part else None,
        last_listed=(previous_key.get(ended) if ended else None) if part else None,
        ended=ended,
    )
