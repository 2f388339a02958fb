"""Reading and writing the registry's history tables, and recomputing what derives from them."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from g287.core.sqlbulk import insert_rows, update_by_pk
from g287.registry.history import (
    Values,
    Version,
    participating_events,
    pending_events,
    summarize,
)
from g287.registry.models import Agency, AgencyAlias, Agreement, AgreementVersion, Event, Snapshot

_VALUE_FIELDS = ("name", "type", "county", "signed", "moa", "moa_url", "addendum", "addendum_url")
_BATCH = 2000


def load_versions(
    kind: str | None = None, agreements: Iterable[str] | None = None, states: Iterable[str] | None = None
) -> list[Version]:
    qs = AgreementVersion.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if states is not None:
        # Agreement ids start with their state's code: no join needed.
        wanted = Q(pk__in=[])
        for state in sorted(set(states)):
            wanted |= Q(agreement__id__startswith=f"{state}-")
        qs = qs.filter(wanted)
    if agreements is not None:
        ids = list(agreements)
        out: list[Version] = []
        for start in range(0, len(ids), 500):
            out.extend(_versions(qs.filter(agreement_id__in=ids[start : start + 500])))
        return out
    return _versions(qs)


def _versions(qs: QuerySet[AgreementVersion]) -> list[Version]:
    rows = qs.values_list("pk", "agreement_id", "kind", "valid_from", "valid_to", *_VALUE_FIELDS)
    return [Version(r[1], r[2], r[3], r[4], Values(*r[5:]), pk=r[0]) for r in rows.iterator(chunk_size=5000)]


def open_versions(kind: str) -> dict[str, Version]:
    return {v.agreement: v for v in _versions(AgreementVersion.objects.filter(kind=kind, valid_to=None))}


def insert_versions(versions: list[Version]) -> None:
    insert_rows(
        AgreementVersion,
        ["agreement", "kind", "valid_from", "valid_to", *_VALUE_FIELDS],
        [
            (v.agreement, v.kind, v.valid_from, v.valid_to, *(getattr(v.values, f) for f in _VALUE_FIELDS))
            for v in versions
        ],
    )


def close_versions(versions: list[Version]) -> None:
    by_key: dict[str, list[int]] = defaultdict(list)
    for version in versions:
        if version.pk is not None and version.valid_to is not None:
            by_key[version.valid_to].append(version.pk)
    for key, pks in by_key.items():
        for start in range(0, len(pks), 500):
            AgreementVersion.objects.filter(pk__in=pks[start : start + 500]).update(valid_to=key)


def ensure_agencies(new_aliases: dict[tuple[str, str], str]) -> None:
    existing = set(Agency.objects.filter(id__in=set(new_aliases.values())).values_list("id", flat=True))
    agencies = {}
    for (_, key), agency in sorted(new_aliases.items()):
        if agency not in existing and agency not in agencies:
            # The agency's own state: a row ICE put under the wrong state names another state's agency.
            agencies[agency] = Agency(id=agency, state=agency[:2], name=key)
    insert_rows(
        Agency,
        ["id", "state", "name", "type", "county"],
        [(a.id, a.state, a.name, "", "") for a in agencies.values()],
    )
    insert_rows(
        AgencyAlias,
        ["state", "key", "agency", "source"],
        [(s, k, a, "name") for (s, k), a in sorted(new_aliases.items())],
    )


def ensure_agency_rows(ids: Iterable[str]) -> None:
    """Agency rows for agencies a row names that are missing (a name continuity had folded, say); their
    name, type and county come from their agreements (refresh_agencies)."""
    wanted = sorted(set(ids))
    existing: set[str] = set()
    for start in range(0, len(wanted), 500):
        existing |= set(
            Agency.objects.filter(id__in=wanted[start : start + 500]).values_list("id", flat=True)
        )
    insert_rows(
        Agency,
        ["id", "state", "name", "type", "county"],
        [(a, a[:2], a, "", "") for a in wanted if a not in existing],
    )


def ensure_agreements(ids: Iterable[str]) -> None:
    wanted = set(ids)
    existing = set()
    id_list = list(wanted)
    for start in range(0, len(id_list), 500):
        existing |= set(
            Agreement.objects.filter(id__in=id_list[start : start + 500]).values_list("id", flat=True)
        )
    insert_rows(
        Agreement,
        [
            "id",
            "agency",
            "state",
            "model",
            "status",
            "name",
            "type",
            "county",
            "moa",
            "moa_url",
            "addendum",
            "addendum_url",
        ],
        [
            (i, i.split("#")[0], i[:2], i.split("#")[1], "active", "", "", "", "", "", "", "")
            for i in sorted(wanted - existing)
        ],
    )


def recompute(agreement_ids: Iterable[str]) -> None:
    """Rewrites the current state and the events of these agreements from their versions."""
    ids = sorted(set(agreement_ids))
    if not ids:
        return
    snapshots = {s.order_key: s for s in Snapshot.objects.only("id", "order_key", "date", "kind")}
    part_keys = sorted(k for k, s in snapshots.items() if s.kind == "participating")
    previous = dict(zip(part_keys[1:], part_keys, strict=False))
    latest_part = part_keys[-1] if part_keys else None
    by_agreement: dict[str, list[Version]] = defaultdict(list)
    for version in load_versions(agreements=ids):
        by_agreement[version.agreement].append(version)

    def day(key: str | None) -> date | None:
        return snapshots[key].date if key else None

    agreements: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    for ident in ids:
        versions = by_agreement.get(ident, [])
        part = [v for v in versions if v.kind == "participating"]
        pend = [v for v in versions if v.kind == "pending"]
        if not versions:
            continue
        summary = summarize(part, pend, previous)
        values = summary.values
        last_listed = latest_part if summary.status == "active" else summary.last_listed
        # Plain tuples, in `fields` order: a model instance per agreement costs more than the update.
        agreements.append(
            (
                ident,
                summary.status,
                *(getattr(values, f) for f in _VALUE_FIELDS),
                day(summary.first_requested),
                day(summary.first_listed),
                day(last_listed),
                day(summary.ended) if summary.status != "active" else None,
            )
        )
        for record in participating_events(part) + pending_events(pend):
            snapshot = snapshots[record.order_key]
            events.append(
                (
                    ident,
                    snapshot.id,
                    record.order_key,
                    snapshot.date,
                    record.kind,
                    record.old[:500],
                    record.new[:500],
                )
            )
    fields = ["status", *_VALUE_FIELDS, "first_requested", "first_listed", "last_listed", "ended"]
    update_by_pk(Agreement, fields, agreements)
    if latest_part:
        # "Last listed" of every active agreement moves with each new list, touched or not.
        Agreement.objects.filter(status="active").update(last_listed=snapshots[latest_part].date)
    for start in range(0, len(ids), 500):
        Event.objects.filter(agreement_id__in=ids[start : start + 500]).delete()
    insert_rows(Event, ["agreement", "snapshot", "order_key", "date", "kind", "old", "new"], events)
    refresh_agencies({i.split("#")[0] for i in ids})


def refresh_agencies(agency_ids: Iterable[str]) -> None:
    """An agency shows the name, type and county of its most recently listed agreement."""
    ids = sorted(set(agency_ids))
    rank = {"active": 0, "pending": 1, "ended": 2, "withdrawn": 3}
    best: dict[str, Agreement] = {}
    for start in range(0, len(ids), 500):
        for agreement in Agreement.objects.filter(agency_id__in=ids[start : start + 500]).only(
            "agency_id", "status", "name", "type", "county", "last_listed", "model"
        ):
            current = best.get(agreement.agency_id)
            if current is None or _agency_rank(agreement, rank) < _agency_rank(current, rank):
                best[agreement.agency_id] = agreement
    updates = [Agency(id=a, name=g.name, type=g.type, county=g.county) for a, g in best.items()]
    update_by_pk(Agency, ["name", "type", "county"], [(a.pk, a.name, a.type, a.county) for a in updates])


def _agency_rank(agreement: Agreement, rank: dict[str, int]) -> tuple[int, str, str]:
    last = agreement.last_listed.isoformat() if agreement.last_listed else ""
    # Most recent first: invert the date text so that a plain ascending sort puts it first.
    inverted = "".join(chr(255 - ord(c)) for c in last)
    return rank.get(agreement.status, 9), inverted, agreement.model
