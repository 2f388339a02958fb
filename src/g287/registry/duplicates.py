"""The review queue of agencies that may be one: pairs continuity could not decide alone (competing
candidates, or two rows of one list that would fold together), and agencies confidently linked to one
FBI ORI. A person merges them (`g287 agencies merge`) or keeps them apart (`g287 agencies keep-apart`);
both are decisions, audited, and followed by every later import."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from g287.core import audit
from g287.registry.continuity import similarity
from g287.registry.models import Agency, IdentityDecision
from g287.registry.reconcile import _agency_names, former_ids, raw_plan


class DecisionError(Exception):
    pass


@dataclass
class Candidate:
    first: str
    second: str
    reasons: list[str] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"agencies": [self.first, self.second], "reasons": self.reasons, "evidence": self.evidence}


def candidates() -> list[Candidate]:
    """Open pairs, each once, with their evidence; pairs a person kept apart are left out."""
    result, stored, raw = raw_plan()
    names = _agency_names(stored)  # the agencies as they are now
    now = {r.agreement.split("#")[0]: s.agreement.split("#")[0] for s, r in zip(stored, raw, strict=True)}
    found: dict[tuple[str, str], Candidate] = {}

    def add(a: str, b: str, reason: str, evidence: dict[str, Any]) -> None:
        pair = (min(a, b), max(a, b))
        item = found.setdefault(pair, Candidate(*pair))
        item.reasons.append(reason)
        item.evidence.update(evidence)

    for pair in result.candidates:
        a, b = (now.get(x, x) for x in pair.agencies)
        if a != b and a in names and b in names:
            add(a, b, pair.rule, {**pair.evidence, "list": pair.key or None})
    for ori, agencies in _shared_oris().items():
        for i, a in enumerate(agencies):
            for b in agencies[i + 1 :]:
                if a in names and b in names:
                    score = similarity(a[:2], names[a][1], names[b][1])
                    add(
                        a,
                        b,
                        "same FBI ORI",
                        {"ori": ori, "names": [names[a][1], names[b][1]], "similarity": score},
                    )
    former = former_ids()
    apart = {
        frozenset((former.get(a, a), former.get(b, b)))
        for a, b in IdentityDecision.objects.filter(action="keep_apart").values_list("first", "second")
    }
    from g287.registry.reconcile import shipped_decisions

    apart |= {
        frozenset((former.get(a, a), former.get(b, b)))
        for act, a, b in shipped_decisions()
        if act == "keep_apart"
    }
    return [c for key, c in sorted(found.items()) if frozenset(key) not in apart]


def _shared_oris() -> dict[str, list[str]]:
    """ORIs confidently (automatically or by a person) linked to two or more agencies."""
    if not apps.is_installed("g287.geo"):
        return {}
    link_model = apps.get_model("geo", "AgencyLink")
    by_ori: dict[str, list[str]] = defaultdict(list)
    for agency, ori, reason, found in link_model.objects.values_list(
        "agency_id", "ori_id", "reason", "candidates"
    ):
        if ori is None and reason.startswith("shares its FBI agency with") and found:
            ori = found[0]["ori"]  # held for review because another agency listed alongside matched it too
        if ori is not None:
            by_ori[ori].append(agency)
    existing = set(Agency.objects.values_list("id", flat=True))
    return {o: sorted(a for a in ags if a in existing) for o, ags in by_ori.items() if len(ags) > 1}


def open_pair_count() -> int:
    """How many candidate pairs await a person's decision (for the office's work queue)."""
    return len(candidates())


@transaction.atomic
def keep_apart(first: str, second: str, actor: str | None = None, note: str = "") -> IdentityDecision:
    """Records that two agencies are different, so continuity never joins them."""
    former = former_ids()
    for ident in (first, second):
        if ident not in former:
            raise DecisionError(f"no agency {ident!r}")
    if former[first] == former[second]:
        raise DecisionError(f"{first} and {second} are already one agency")
    a, b = sorted((first, second))
    decision, _ = IdentityDecision.objects.get_or_create(
        action="keep_apart",
        first=a,
        second=b,
        defaults={"note": note[:500], "decided_by": actor or "", "decided_at": timezone.now()},
    )
    audit.record(
        "registry.agency.keep_apart",
        "registry.Agency",
        a,
        after={"agencies": [a, b], "note": note},
        actor=actor,
    )
    return decision
