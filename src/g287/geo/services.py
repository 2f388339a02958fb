"""Loading the roster, matching every agency, and the changes a person makes to a link.

Every change a person makes (link, unlink, confirm) writes one audit entry in the same transaction. An
automatic run writes one summary entry when it changed anything; a person's decision is never touched by
it.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from g287.core import audit
from g287.geo.counties import county_fips
from g287.geo.matcher import AgencyInput, Matcher, MatchResult
from g287.geo.models import AgencyLink, Decision, MatchStatus, OriRecord
from g287.geo.names import Kind, ice_profile
from g287.geo.roster import RosterEntry, read_roster
from g287.registry.models import Agency

_STATEWIDE_TYPES = {"State Police", "Other State Agency"}


class GeoError(Exception):
    """A request that cannot be carried out; the message says why, for a person to read."""


def load_roster(entries: list[RosterEntry] | None = None) -> int:
    """Writes the shipped roster (or `entries`) into OriRecord, adding and updating; ORIs are never
    deleted, since links may point at them. Returns the number of records written."""
    rows = read_roster() if entries is None else entries
    records = [
        OriRecord(
            ori=e.ori,
            name=e.name,
            state=e.state,
            county_names=list(e.county_names),
            county_fips=list(e.county_fips),
            agency_type=e.agency_type,
            population=e.population,
            officers=e.officers,
            data_year=e.data_year,
        )
        for e in rows
    ]
    fields = [
        "name",
        "state",
        "county_names",
        "county_fips",
        "agency_type",
        "population",
        "officers",
        "data_year",
    ]
    with transaction.atomic():
        OriRecord.objects.bulk_create(
            records, batch_size=2000, update_conflicts=True, unique_fields=["ori"], update_fields=fields
        )
    return len(records)


def _ensure_roster() -> None:
    if not OriRecord.objects.exists():
        load_roster()


def _entry(record: OriRecord) -> RosterEntry:
    return RosterEntry(
        ori=record.ori,
        name=record.name,
        state=record.state,
        county_names=tuple(record.county_names),
        county_fips=tuple(record.county_fips),
        agency_type=record.agency_type,
        population=record.population,
        officers=record.officers,
        data_year=record.data_year,
    )


def matcher() -> Matcher:
    _ensure_roster()
    return Matcher((_entry(r) for r in OriRecord.objects.order_by("ori")), county_police_places())


def county_police_places() -> set[tuple[str, str]]:
    """(state, county place) of every county police department among ICE's agencies."""
    out = set()
    for state, name, kind in Agency.objects.values_list("state", "name", "type"):
        profile = ice_profile(name, state, kind)
        if profile.kind == Kind.COUNTY_POLICE:
            out.add((state, profile.place))
    return out


def _input(agency: Agency) -> AgencyInput:
    return AgencyInput(agency.id, agency.state, agency.name, agency.type, agency.county)


def _counties(agency: Agency, ori: OriRecord | None, ice_fips: list[str]) -> tuple[list[str], str]:
    """FBI's counties for a matched ORI, else ICE's COUNTY column, else the county in the agency's name.
    Statewide agencies get none: their FBI county is only where their headquarters sits."""
    if agency.type == "state" or (ori is not None and ori.agency_type in _STATEWIDE_TYPES):
        return [], "statewide"
    if ori is not None and ori.county_fips:
        return list(ori.county_fips), "fbi"
    from_column = county_fips(agency.state, agency.county, fuzzy=True) if agency.county else None
    if from_column:
        return [from_column], "ice"
    return (list(ice_fips), "name") if ice_fips else ([], "")


def _snapshot(link: AgencyLink | None) -> dict[str, Any] | None:
    if link is None:
        return None
    return {
        "ori": link.ori_id,
        "status": link.status,
        "score": link.score,
        "decision": link.decision,
        "county_fips": link.county_fips,
    }


def _apply(link: AgencyLink, agency: Agency, result: MatchResult, records: dict[str, OriRecord]) -> None:
    ori = records.get(result.ori) if result.ori else None
    link.ori = ori
    link.status = result.status
    link.score = result.score
    link.reason = result.reason[:500]
    link.candidates = [c.as_dict() for c in result.candidates]
    link.kind = result.kind
    link.county_fips, link.county_source = _counties(agency, ori, result.county_fips)


@dataclass
class MatchRun:
    total: int = 0
    changed: int = 0
    kept: int = 0  # links a person decided, left as they were
    statuses: Counter[str] = field(default_factory=Counter)


def match_all(actor: str | None = None) -> MatchRun:
    """Matches every agency in the registry, in id order. Links a person confirmed or set are kept."""
    engine = matcher()
    records = {r.ori: r for r in OriRecord.objects.all()}
    existing = {link.agency_id: link for link in AgencyLink.objects.all()}
    run = MatchRun()
    changes: list[dict[str, Any]] = []
    agencies = list(Agency.objects.order_by("id"))
    results = {
        a.id: engine.match(_input(a)) for a in agencies if not (a.id in existing and existing[a.id].locked)
    }
    _hold_shared(results, existing)
    with transaction.atomic():
        for agency in agencies:
            run.total += 1
            link = existing.get(agency.id)
            if link is not None and link.locked:
                run.kept += 1
                run.statuses[link.status] += 1
                continue
            before = _snapshot(link)
            link = link or AgencyLink(agency_id=agency.id)
            _apply(link, agency, results[agency.id], records)
            run.statuses[link.status] += 1
            after = _snapshot(link)
            if before != after or link._state.adding:
                link.save()
            if before != after:
                run.changed += 1
                changes.append({"agency": agency.id, "before": before, "after": after})
        if changes:
            audit.record(
                "geo.agencylink.match",
                "geo.AgencyLink",
                "all",
                before=None,
                after={"changed": len(changes), "statuses": dict(sorted(run.statuses.items()))},
                actor=actor,
            )
    return run


SHARED = "shares its FBI agency with"


def _hold_shared(results: dict[str, MatchResult], existing: dict[str, AgencyLink]) -> None:
    """An ORI is one agency: two agencies listed on the same date cannot both be it. Such automatic
    matches are held for review (and the pair shows in `g287 agencies duplicates`)."""
    by_ori: dict[str, list[str]] = defaultdict(list)
    for agency, result in results.items():
        if result.status == MatchStatus.MATCHED and result.ori:
            by_ori[result.ori].append(agency)
    for link in existing.values():
        if link.locked and link.ori_id:
            by_ori[link.ori_id].append(link.agency_id)
    shared = {o: a for o, a in by_ori.items() if len(a) > 1}
    if not shared:
        return
    spans = _listed_spans({a for agencies in shared.values() for a in agencies})
    for ori, agencies in shared.items():
        for agency in agencies:
            others = [o for o in agencies if o != agency and _overlap(spans[agency], spans[o])]
            held = results.get(agency)
            if others and held is not None and held.status == MatchStatus.MATCHED:
                held.status, held.ori = MatchStatus.REVIEW, None
                held.reason = f"{SHARED} {', '.join(others)} ({ori}), listed on the same dates"[:500]


def _listed_spans(agencies: set[str]) -> dict[str, list[tuple[str, str | None]]]:
    from g287.registry.models import AgreementVersion

    out: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    rows = AgreementVersion.objects.filter(kind="participating").values_list(
        "agreement_id", "valid_from", "valid_to"
    )
    for agreement, start, end in rows.iterator(chunk_size=5000):
        agency = agreement.split("#")[0]
        if agency in agencies:
            out[agency].append((start, end))
    return out


def _overlap(a: list[tuple[str, str | None]], b: list[tuple[str, str | None]]) -> bool:
    return any((e1 is None or s2 < e1) and (e2 is None or s1 < e2) for s1, e1 in a for s2, e2 in b)


def _agency(agency_id: str) -> Agency:
    try:
        return Agency.objects.get(pk=agency_id)
    except Agency.DoesNotExist:
        raise GeoError(f"no agency with id {agency_id!r}") from None


def link(agency_id: str, ori: str, actor: str | None = None) -> AgencyLink:
    """A person sets the agency's ORI. The same ORI as the automatic match counts as confirming it."""
    agency = _agency(agency_id)
    record = OriRecord.objects.filter(pk=ori.strip().upper()).first()
    if record is None:
        raise GeoError(f"no FBI agency with ORI {ori!r}")
    if record.state != agency.state:
        raise GeoError(
            f"{record.ori} is in {record.state}, {agency.id} in {agency.state}: never across states"
        )
    with transaction.atomic():
        current = AgencyLink.objects.select_for_update().filter(pk=agency.id).first()
        before = _snapshot(current)
        same = current is not None and current.ori_id == record.ori and current.status == MatchStatus.MATCHED
        current = current or AgencyLink(agency_id=agency.id, status=MatchStatus.MATCHED)
        current.ori = record
        current.status = MatchStatus.MATCHED
        current.score = current.score if same else 1.0
        current.decision = Decision.CONFIRMED if same else Decision.MANUAL
        current.reason = ("confirmed" if same else f"set to {record.ori} {record.name}") + " by a person"
        current.decided_by = actor or audit.current_actor.get() or audit.cli_actor()
        current.decided_at = timezone.now()
        current.county_fips, current.county_source = _counties(agency, record, [])
        current.save()
        audit.record(
            "geo.agencylink.confirm" if same else "geo.agencylink.link",
            "geo.AgencyLink",
            agency.id,
            before,
            _snapshot(current),
            actor=actor,
        )
    return current


def confirm(agency_id: str, actor: str | None = None) -> AgencyLink:
    """A person confirms the automatic match as it stands."""
    current = AgencyLink.objects.filter(pk=agency_id).first()
    if current is None or current.ori_id is None:
        raise GeoError(f"{agency_id} has no matched ORI to confirm; use link AGENCY ORI")
    return link(agency_id, current.ori_id, actor)


def unlink(agency_id: str, actor: str | None = None) -> AgencyLink:
    """A person says the agency has no ORI (or not the one found). Kept across re-matching; a later
    `link` sets one again."""
    agency = _agency(agency_id)
    with transaction.atomic():
        current = AgencyLink.objects.select_for_update().filter(pk=agency.id).first()
        before = _snapshot(current)
        current = current or AgencyLink(agency_id=agency.id)
        current.ori = None
        current.status = MatchStatus.UNMATCHED
        current.score = 0.0
        current.decision = Decision.MANUAL
        current.reason = "cleared by a person"
        current.decided_by = actor or audit.current_actor.get() or audit.cli_actor()
        current.decided_at = timezone.now()
        current.county_fips, current.county_source = _counties(agency, None, [])
        current.save()
        audit.record(
            "geo.agencylink.unlink", "geo.AgencyLink", agency.id, before, _snapshot(current), actor=actor
        )
    return current


def release(agency_id: str, actor: str | None = None) -> AgencyLink:
    """Hands a link back to automatic matching, and matches it again now."""
    agency = _agency(agency_id)
    with transaction.atomic():
        current = AgencyLink.objects.select_for_update().filter(pk=agency.id).first()
        before = _snapshot(current)
        current = current or AgencyLink(agency_id=agency.id)
        current.decision, current.decided_by, current.decided_at = Decision.AUTO, "", None
        records = {r.ori: r for r in OriRecord.objects.filter(state=agency.state)}
        _apply(current, agency, matcher().match(_input(agency)), records)
        current.save()
        audit.record(
            "geo.agencylink.release", "geo.AgencyLink", agency.id, before, _snapshot(current), actor=actor
        )
    return current
