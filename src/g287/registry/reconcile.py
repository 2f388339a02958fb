"""Applies g287.registry.continuity to the registry: after every import (and after a person's decision)
the agencies that are one are merged, their agreements joined, and the rest left as candidates for
review. It works from the whole history each time, so the outcome does not depend on import order."""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from g287.core import audit
from g287.registry import continuity, store
from g287.registry.continuity import Pair, agency_of
from g287.registry.history import Version
from g287.registry.identity import agency_id
from g287.registry.models import (
    Agency,
    AgencyAlias,
    Agreement,
    AgreementVersion,
    Event,
    IdentityDecision,
    Snapshot,
)

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


def plan(versions: list[Version], days: dict[str, Any], names: dict[str, tuple[str, str]]) -> Plan:
    """Which agencies to merge, from the versions and the decisions; the rest are candidates."""
    former = former_ids()
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
    sure_renames, competing_renames = continuity.renames(versions)
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


def reconcile(actor: str | None = None) -> Plan:
    """Merges what the history and the decisions say is one agency; returns the plan carried out."""
    versions = store.load_versions()
    days = dict(Snapshot.objects.values_list("order_key", "date"))
    names = _agency_names(versions)
    result = plan(versions, days, names)
    if result.merges or result.moves:
        apply_merges(result.merges, versions, result.moves)
        entries: list[tuple[str, str, str, Any, Any]] = []
        for pair in result.pairs:
            fold, keep = pair.agencies
            entries.append(
                (
                    "registry.agency.continuity",
                    "registry.Agency",
                    result.merges.get(keep, keep),
                    {"agencies": [fold, keep]},
                    {"rule": pair.rule, "list": pair.key, **pair.evidence},
                )
            )
        for source, target in sorted(result.moves.items()):
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
    return result


def _agency_names(versions: Iterable[Version]) -> dict[str, tuple[str, str]]:
    """Each agency's latest name (a participating one first), read from its versions."""
    best: dict[str, tuple[tuple[str, str], str]] = {}
    for v in versions:
        agency = agency_of(v.agreement)
        rank = (v.valid_to or "~", "1" if v.kind == "participating" else "0")
        if agency not in best or rank > best[agency][0]:
            best[agency] = (rank, v.values.name)
    return {a: (a[:2], name) for a, (_, name) in best.items()}


def apply_merges(
    merges: dict[str, str], versions: list[Version], moves: dict[str, str] | None = None
) -> None:
    """Folds each agency into its kept one (names, agreements, versions and other apps' rows), and each
    moved agreement into the one it is."""
    from g287.registry.merge import repoint_references

    moves = moves or {}

    def rekey(agreement: str) -> str:
        agency, model = moves.get(agreement, agreement).split("#")
        return f"{merges.get(agency, agency)}#{model}"

    touched_agencies = set(merges) | set(merges.values())
    touched_agreements = set(moves) | set(moves.values())
    affected = [
        v for v in versions if agency_of(v.agreement) in touched_agencies or v.agreement in touched_agreements
    ]
    by_agreement: dict[tuple[str, str], list[Version]] = defaultdict(list)
    for v in affected:
        by_agreement[(rekey(v.agreement), v.kind)].append(v)
    rebuilt: list[Version] = []
    for (agreement, kind), group in sorted(by_agreement.items()):
        group.sort(key=lambda v: v.valid_from)
        for v in group:
            previous = rebuilt[-1] if rebuilt else None
            if (
                previous is not None
                and previous.agreement == agreement
                and previous.kind == kind
                and previous.valid_to == v.valid_from
                and previous.values == v.values
            ):
                previous.valid_to = v.valid_to  # one stretch, now that both rows are one agreement
                continue
            rebuilt.append(Version(agreement, kind, v.valid_from, v.valid_to, v.values))
    folds = sorted(merges)
    by_keep: dict[str, list[str]] = defaultdict(list)
    for fold, keep in merges.items():
        by_keep[keep].append(fold)
    for keep, folded in sorted(by_keep.items()):
        AgencyAlias.objects.filter(agency_id__in=folded).update(agency_id=keep, source=SOURCE)
    old_ids = sorted({v.agreement for v in affected})
    for start in range(0, len(old_ids), 500):
        AgreementVersion.objects.filter(agreement_id__in=old_ids[start : start + 500]).delete()
    store.ensure_agreements({v.agreement for v in rebuilt})
    store.insert_versions(rebuilt)
    _repoint_agreements({source: rekey(source) for source in moves})
    if _referenced(folds):
        for fold, keep in sorted(merges.items()):
            repoint_references(fold, keep, automatic=True)
    # One delete for all: Django's cascade collector costs a round of queries per call.
    Agreement.objects.filter(agency_id__in=folds).delete()
    Agency.objects.filter(pk__in=folds).delete()
    store.recompute({v.agreement for v in rebuilt})


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
