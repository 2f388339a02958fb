"""Applies g287.registry.continuity to the registry: after every import (and after a person's decision)
the agencies that are one are merged, their agreements joined, and the rest left as candidates for
review. It plans from the raw history (g287.registry.raw) of the states an import touched, so the outcome
does not depend on import order, and an import of one list re-plans only the states it changed."""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from django.db.models import QuerySet

from g287.core import audit
from g287.core.sqlbulk import update_by_pk
from g287.registry import continuity, store
from g287.registry.continuity import Pair, agency_of
from g287.registry.history import Version
from g287.registry.identity import agency_id
from g287.registry.merge import repoint_references
from g287.registry.models import (
    Agency,
    AgencyAlias,
    Agreement,
    AgreementVersion,
    Event,
    IdentityDecision,
    Snapshot,
)
from g287.registry.raw import raw_agency, to_raw
from g287.registry.resolve import curated_states

SOURCE = "continuity"


@cache
def shipped_decisions() -> tuple[tuple[str, str, str], ...]:
    """(action, first, second) decided by people and shipped with the package: `merge` (first kept) and
    `keep_apart` name two agencies; `move` names two agreements, the first one ICE listed under the wrong
    agency and the second, the same agreement (same MOA, same signing date) under the right one."""
    rows = json.loads(resources.files("g287.registry").joinpath("decisions.json").read_text())
    return tuple((r["action"], *(r.get("agencies") or r["agreements"])) for r in rows)


def decisions() -> list[tuple[str, str, str]]:
    return [
        *shipped_decisions(),
        *IdentityDecision.objects.order_by("decided_at", "id").values_list("action", "first", "second"),
    ]


def moved_agreements() -> dict[str, str]:
    """Each agreement a `move` decision moved, as ICE's rows name it today -> the agreement it is now."""
    former = former_ids()
    return {_today(a, former): _today(b, former) for action, a, b in decisions() if action == "move"}


def _today(agreement: str, former: dict[str, str]) -> str:
    """An agreement id given by an old agency id, as that agency is known now."""
    agency, model = agreement.split("#")
    return f"{former.get(agency, agency)}#{model}"


def former_ids() -> dict[str, str]:
    """Every id an agency's names give (its own and those merged into it) -> the agency's id now."""
    out: dict[str, str] = {}
    for state, key, agency in AgencyAlias.objects.values_list("state", "key", "agency_id"):
        out.setdefault(agency_id(state, key), agency)
    for agency in Agency.objects.values_list("id", flat=True):
        out[agency] = agency
    return out


def current_id(agency: str) -> str | None:
    """The agency an id names today, following merges; None when no agency had it."""
    if Agency.objects.filter(pk=agency).exists():
        return agency
    state = agency[:2]
    for key, target in AgencyAlias.objects.filter(state=state).values_list("key", "agency_id"):
        if agency_id(state, key) == agency:
            return target
    return None


@dataclass
class Plan:
    merges: dict[str, str] = field(default_factory=dict)  # folded agency -> kept agency
    moves: dict[str, str] = field(default_factory=dict)  # agreement -> the agreement it is (a decision)
    pairs: list[Pair] = field(default_factory=list)  # the evidence of each merge
    candidates: list[Pair] = field(default_factory=list)  # for a person to decide


class _Components:
    """Union-find over agencies that refuses a union that would put two rows of one list together."""

    def __init__(self, versions: list[Version]) -> None:
        self.parent: dict[str, str] = {}
        self.spans: dict[str, dict[tuple[str, str], list[tuple[str, str | None]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for v in versions:
            model = v.agreement.rsplit("#", 1)[1]
            self.spans[agency_of(v.agreement)][(v.kind, model)].append((v.valid_from, v.valid_to))

    def find(self, a: str) -> str:
        while self.parent.get(a, a) != a:
            a = self.parent[a]
        return a

    def collide(self, a: str, b: str) -> bool:
        ra, rb = self.spans[self.find(a)], self.spans[self.find(b)]
        for slot, ranges in ra.items():
            for start, end in ranges:
                for s2, e2 in rb.get(slot, []):
                    if (end is None or s2 < end) and (e2 is None or start < e2):
                        return True
        return False

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.parent[rb] = ra
        for slot, ranges in self.spans.pop(rb, {}).items():
            self.spans[ra][slot].extend(ranges)


def _moves(
    versions: list[Version], decided: list[tuple[str, str, str]], former: dict[str, str]
) -> dict[str, str]:
    """The `move` decisions that still have versions to move, named by today's agreement ids. A move
    waits for its target's list, and is not made when it would put two rows of one list into one
    agreement (that list's figures would move). A move names the agreement that appeared where the
    source vanished, so continuity joins that one's own renames as before."""
    spans: dict[tuple[str, str], list[tuple[str, str | None]]] = defaultdict(list)
    for v in versions:
        spans[(v.agreement, v.kind)].append((v.valid_from, v.valid_to))
    out: dict[str, str] = {}
    for action, a, b in decided:
        if action != "move":
            continue
        source, target = _today(a, former), _today(b, former)
        if source == target or target.split("#")[1] != source.split("#")[1]:
            continue
        overlap = any(
            (end is None or s2 < end) and (e2 is None or start < e2)
            for kind in ("participating", "pending")
            for start, end in spans.get((source, kind), [])
            for s2, e2 in spans.get((target, kind), [])
        )
        present = [any((x, kind) in spans for kind in ("participating", "pending")) for x in (source, target)]
        if all(present) and not overlap:
            out[source] = target
    return out


def plan(
    versions: list[Version],
    days: dict[str, Any],
    names: dict[str, tuple[str, str]],
    former: dict[str, str] | None = None,
) -> Plan:
    """Which agencies to merge, from the versions and the decisions; the rest are candidates. `former`
    names the agencies decisions name (by default as they are known now)."""
    former = former_ids() if former is None else former
    decided = decisions()
    moves = _moves(versions, decided, former)
    if moves:
        versions = [
            Version(moves.get(v.agreement, v.agreement), v.kind, v.valid_from, v.valid_to, v.values)
            for v in versions
        ]
    apart = {
        frozenset((former.get(a, a), former.get(b, b))) for action, a, b in decided if action == "keep_apart"
    }
    joined = _decided_groups(decided, former)
    sure_renames, competing_renames = continuity.renames(versions, joined)
    sure_signed, competing_signed = continuity.signed_requests(versions, days)
    forced = [
        Pair("decided", f"{former.get(b, b)}#", f"{former.get(a, a)}#", "", {"decision": "merge"})
        for action, a, b in decided
        if action == "merge"
    ]
    sure = [*forced, *sure_renames, *sure_signed, *continuity.duplicates(names)]
    out = Plan(moves=moves, candidates=[*competing_renames, *competing_signed])
    groups = _Components(versions)
    for pair in sure:
        a, b = pair.agencies
        if a == b or groups.find(a) == groups.find(b):
            continue
        if a not in names or b not in names:
            continue
        if pair.rule != "decided" and (frozenset((a, b)) in apart or groups.collide(a, b)):
            out.candidates.append(pair)
            continue
        groups.union(a, b)
        out.pairs.append(pair)
    members: dict[str, list[str]] = defaultdict(list)
    for agency in names:
        members[groups.find(agency)].append(agency)
    last_seen = _last_seen(versions)
    kept_by_decision = {former.get(a, a) for action, a, _ in decided if action == "merge"}
    for group in members.values():
        if len(group) < 2:
            continue
        keep = min(group, key=lambda a: _rank(a, names[a], last_seen, kept_by_decision))
        out.merges.update({a: keep for a in group if a != keep})
    return out


def _decided_groups(decided: list[tuple[str, str, str]], former: dict[str, str]) -> dict[str, str]:
    """Each agency a `merge` decision folds -> the agency it keeps (following chains of decisions)."""
    out = {former.get(b, b): former.get(a, a) for action, a, b in decided if action == "merge"}
    for agency in list(out):
        seen = {agency}
        while out[agency] in out and out[agency] not in seen:
            seen.add(out[agency])
            out[agency] = out[out[agency]]
    out = {a: b for a, b in out.items() if a != b}
    return out


def _last_seen(versions: Iterable[Version]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in versions:
        agency = agency_of(v.agreement)
        end = v.valid_to or "~"  # still listed: later than any key
        if end > out.get(agency, ""):
            out[agency] = end
    return out


def _rank(
    agency: str, name: tuple[str, str], last_seen: dict[str, str], decided: set[str]
) -> tuple[Any, ...]:
    """The agency a group keeps: one a person chose, else the latest listed name, else the usual form."""
    inverted = "".join(chr(255 - ord(c)) for c in last_seen.get(agency, ""))
    return (agency not in decided, inverted, continuity._preference(name[0], name[1], agency))


@dataclass
class Outcome:
    plan: Plan
    changed: set[str]  # agreements whose versions changed: their state and events need recomputing


def raw_former_ids(states: Iterable[str] | None = None) -> dict[str, str]:
    """former_ids in raw terms: every id an alias's name gives -> the agency a fresh import gives it."""
    qs = _aliases_of(states)
    return {agency_id(s, k): raw_agency(s, k) for s, k in qs.values_list("state", "key")}


def raw_plan(
    states: Iterable[str] | None = None,
) -> tuple[Plan, list[Version], list[Version]]:
    """(plan, stored versions, the same in raw terms) for these states (all when None): continuity as a
    fresh import of every file would plan it. Pairs never cross a state, so a state's plan depends on
    that state's versions alone."""
    stored = store.load_versions(states=states)
    raw = to_raw(stored)
    days = dict(Snapshot.objects.values_list("order_key", "date"))
    result = plan(raw, days, _agency_names(raw), raw_former_ids(states))
    return result, stored, raw


def reconcile(states: Iterable[str] | None = None, actor: str | None = None) -> Outcome:
    """Re-plans continuity from the raw history of these states (all when None) and makes the registry
    match: merges the agencies that are one, undoes a merge later lists disprove. The caller recomputes
    the agreements in Outcome.changed."""
    states = None if states is None else sorted(set(states))
    result, stored, raw = raw_plan(states)
    moves, merges = result.moves, result.merges

    def rekey(agreement: str) -> str:
        agency, model = moves.get(agreement, agreement).split("#")
        return f"{merges.get(agency, agency)}#{model}"

    target = _joined([Version(rekey(v.agreement), v.kind, v.valid_from, v.valid_to, v.values) for v in raw])

    # A version is kept when one with the same agreement, kind, stretch and values is stored.
    old = {(v.agreement, v.kind, v.valid_from): v for v in stored}
    kept: set[int] = set()
    fresh = []
    for v in target:
        found = old.get((v.agreement, v.kind, v.valid_from))
        if found is not None and found.valid_to == v.valid_to and found.values == v.values:
            kept.add(id(found))
        else:
            fresh.append(v)
    stale = [v for v in stored if id(v) not in kept]
    if not stale and not fresh:
        return Outcome(result, set())
    before = _alias_targets(states)
    old_ids = {v.agreement for v in stored}
    new_ids = {v.agreement for v in target}
    # Where each stored agreement goes (other apps' rows follow it), from its versions.
    goes_to = {s.agreement: rekey(r.agreement) for s, r in zip(stored, raw, strict=True)}
    gone = sorted(old_ids - new_ids)
    old_agencies = {agency_of(a) for a in old_ids}
    new_agencies = {agency_of(a) for a in new_ids}
    folded = sorted(old_agencies - new_agencies)
    store.ensure_agency_rows(new_agencies)
    _repoint_aliases(states, merges)
    pks = [v.pk for v in stale if v.pk is not None]
    for start in range(0, len(pks), 500):
        AgreementVersion.objects.filter(pk__in=pks[start : start + 500]).delete()
    store.ensure_agreements(new_ids)
    store.insert_versions(fresh)
    _repoint_agreements({a: goes_to[a] for a in gone if goes_to.get(a, a) != a})
    if folded and _referenced(folded):
        for fold in folded:
            keep = merges.get(fold)
            if keep:
                repoint_references(fold, keep, automatic=True)
    for start in range(0, len(gone), 500):
        Agreement.objects.filter(pk__in=gone[start : start + 500]).delete()
    Agency.objects.filter(pk__in=folded).delete()
    _audit(result, before, old_ids, actor)
    changed = {v.agreement for v in fresh} | ({v.agreement for v in stale} & new_ids)
    return Outcome(result, changed)


def _joined(versions: list[Version]) -> list[Version]:
    """Versions of one agreement that follow each other with the same values are one stretch, now
    that their rows are one agreement."""
    by_agreement: dict[tuple[str, str], list[Version]] = defaultdict(list)
    for v in versions:
        by_agreement[(v.agreement, v.kind)].append(v)
    out: list[Version] = []
    for (agreement, kind), group in sorted(by_agreement.items()):
        group.sort(key=lambda v: v.valid_from)
        previous: Version | None = None
        for v in group:
            if previous is not None and previous.valid_to == v.valid_from and previous.values == v.values:
                previous.valid_to = v.valid_to
                continue
            previous = Version(agreement, kind, v.valid_from, v.valid_to, v.values)
            out.append(previous)
    return out


def _aliases_of(states: Iterable[str] | None) -> QuerySet[AgencyAlias]:
    """The names of these states' agencies: those given in these states, and those ICE put under another
    state for one of them (aliases.json `agency_state`)."""
    if states is None:
        return AgencyAlias.objects.all()
    wanted = set(states)
    wanted |= {source for (source, _), target in curated_states().items() if target in wanted}
    return AgencyAlias.objects.filter(state__in=wanted)


def _planned(agency: str, states: Iterable[str] | None) -> bool:
    return states is None or agency[:2] in states


def _alias_targets(states: list[str] | None) -> dict[str, str]:
    """Each raw agency -> the agency its names point to now."""
    rows = _aliases_of(states).values_list("state", "key", "agency_id")
    return {raw: a for s, k, a in rows if _planned(raw := raw_agency(s, k), states)}


def _repoint_aliases(states: list[str] | None, merges: dict[str, str]) -> None:
    """Each name points to its raw agency's kept agency: `continuity` when that is another one."""
    rows = []
    for pk, state, key, agency in _aliases_of(states).values_list("pk", "state", "key", "agency_id"):
        raw = raw_agency(state, key)
        if not _planned(raw, states):
            continue  # a name ICE put under this state for another state's agency: that state's plan
        want = merges.get(raw, raw)
        if want != agency:
            rows.append((pk, want, "name" if want == raw else SOURCE))
    update_by_pk(AgencyAlias, ["agency", "source"], rows)


def _audit(result: Plan, before: dict[str, str], old_ids: set[str], actor: str | None) -> None:
    """The merges and moves this pass made (not those made before), with their evidence, and the merges
    it undid."""
    entries: list[tuple[str, str, str, Any, Any]] = []
    for pair in result.pairs:
        fold, keep = pair.agencies
        kept = result.merges.get(keep, keep)
        if before.get(fold, fold) == result.merges.get(fold, fold):
            continue  # merged by an earlier pass
        entries.append(
            (
                "registry.agency.continuity",
                "registry.Agency",
                kept,
                {"agencies": [fold, keep]},
                {"rule": pair.rule, "list": pair.key, **pair.evidence},
            )
        )
    for raw, was in sorted(before.items()):
        now = result.merges.get(raw, raw)
        if was != raw and now != was:  # a join later lists disprove, undone: the agency stands apart again
            entries.append(
                (
                    "registry.agency.continuity_undone",
                    "registry.Agency",
                    raw,
                    {"part_of": was},
                    {"part_of": None if now == raw else now},
                )
            )
    for source, target in sorted(result.moves.items()):
        if source not in old_ids:
            continue
        entries.append(
            (
                "registry.agreement.continuity",
                "registry.Agreement",
                target,
                {"agreements": [source, target]},
                {"rule": "decided", "decision": "move"},
            )
        )
    audit.record_many(entries, actor=actor)


def _agency_names(versions: Iterable[Version]) -> dict[str, tuple[str, str]]:
    """Each agency's latest name (a participating one first), read from its versions."""
    best: dict[str, tuple[tuple[str, str], str]] = {}
    for v in versions:
        agency = agency_of(v.agreement)
        rank = (v.valid_to or "~", "1" if v.kind == "participating" else "0")
        if agency not in best or rank > best[agency][0]:
            best[agency] = (rank, v.values.name)
    return {a: (a[:2], name) for a, (_, name) in best.items()}


def _repoint_agreements(moves: dict[str, str]) -> None:
    """Other apps' rows (oversight meetings, notices) follow a moved agreement; then it goes."""
    if not moves:
        return
    for relation in Agreement._meta.related_objects:
        if relation.related_model in (AgreementVersion, Event):
            continue
        manager = relation.related_model._base_manager
        for source, target in sorted(moves.items()):
            manager.filter(**{relation.field.name: source}).update(**{relation.field.name: target})
    Agreement.objects.filter(pk__in=list(moves)).delete()


def _referenced(agencies: list[str]) -> bool:
    """Whether another app's rows (officers, claims, FBI links...) point at any of these agencies."""
    for relation in Agency._meta.related_objects:
        if relation.related_model in (Agreement, AgencyAlias):
            continue
        if relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": agencies}).exists():
            return True
    return False
