"""The state of matching: counts per status and per state, the unmatched and review lists, and the
quality figure (the share of a date's active agencies with a confident match)."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from g287.geo.models import AgencyLink, Decision, MatchStatus
from g287.registry.models import Agency

TARGET = 0.95  # share of active agencies that should get a confident automatic match


@dataclass
class Listed:
    agency: str
    name: str
    state: str
    status: str
    reason: str
    best: str  # best candidate "ORI name (score)", or ""


@dataclass
class Quality:
    agencies: int
    matched: int  # confident: automatic, confirmed or set by a person
    automatic: int  # confident and found automatically (a person may have confirmed it since)

    @property
    def share(self) -> float:
        return round(self.automatic / self.agencies, 4) if self.agencies else 0.0


@dataclass
class Report:
    agencies: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    decisions: dict[str, int] = field(default_factory=dict)  # automatic, confirmed, manual
    by_state: dict[str, dict[str, int]] = field(default_factory=dict)
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    unmatched: list[Listed] = field(default_factory=list)
    review: list[Listed] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # links whose agency is no longer in the registry
    quality: Quality | None = None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.quality is not None:
            out["quality"] = {**asdict(self.quality), "share": self.quality.share, "target": TARGET}
        return out


def _listed(link: AgencyLink, agency: Agency) -> Listed:
    best = link.candidates[0] if link.candidates else None
    shown = f"{best['ori']} {best['name']} ({best['score']})" if best else ""
    return Listed(agency.id, agency.name, agency.state, link.status, link.reason, shown)


def report(active: Iterable[str] | None = None) -> Report:
    """Counts over every agency in the registry (an agency never matched counts as unmatched), and,
    given the ids of the agencies active on a date, the quality figure for them."""
    links = {link.agency_id: link for link in AgencyLink.objects.order_by("agency_id")}
    out = Report()
    statuses: Counter[str] = Counter({s.value: 0 for s in MatchStatus})
    decisions: Counter[str] = Counter()
    by_state: dict[str, Counter[str]] = defaultdict(Counter)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    agencies = {a.id: a for a in Agency.objects.order_by("id")}
    for agency in agencies.values():
        out.agencies += 1
        link = links.get(agency.id)
        status = link.status if link else MatchStatus.UNMATCHED
        statuses[status] += 1
        by_state[agency.state][status] += 1
        by_kind[link.kind if link and link.kind else "unknown"][status] += 1
        decisions[(link.decision or "automatic") if link else "automatic"] += 1
        if link is None:
            out.unmatched.append(Listed(agency.id, agency.name, agency.state, status, "not matched yet", ""))
        elif status == MatchStatus.UNMATCHED:
            out.unmatched.append(_listed(link, agency))
        elif status == MatchStatus.REVIEW:
            out.review.append(_listed(link, agency))
    out.statuses = dict(statuses)
    out.decisions = dict(sorted(decisions.items()))
    out.by_state = {s: dict(sorted(c.items())) for s, c in sorted(by_state.items())}
    out.by_kind = {k: dict(sorted(c.items())) for k, c in sorted(by_kind.items())}
    out.orphans = sorted(set(links) - set(agencies))
    if active is not None:
        ids = sorted(set(active) & set(agencies))
        confident = [links[i] for i in ids if i in links and links[i].status == MatchStatus.MATCHED]
        out.quality = Quality(
            len(ids), len(confident), sum(1 for link in confident if link.decision != Decision.MANUAL)
        )
    return out
