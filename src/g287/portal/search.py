"""Find my county or agency: one query over counties, agencies, FBI identifiers (ORI) and states, for
the search box on the home page. A county answers with the agencies that serve it and hold an agreement,
which is what a resident asking "does this apply where I live?" needs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Q

from g287.core.states import CODE_BY_FIPS, NAME_BY_CODE
from g287.geo.counties import all_counties
from g287.geo.models import AgencyLink
from g287.portal.statenames import local_state_name
from g287.registry.models import Agency, Status

LIMIT = 8
MIN_LENGTH = 2
MAX_LENGTH = 100
_ORI = re.compile(r"^[A-Z]{2}(?=[A-Z0-9]*\d)[A-Z0-9]{3,7}$")  # two letters, then at least one digit


def fold(text: str) -> str:
    """Lower case without accents or punctuation: "Doña Ana" and "dona ana" are the same query."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


@dataclass
class AgencyHit:
    id: str
    name: str
    state: str
    active: bool
    ori: str = ""


@dataclass
class CountyHit:
    fips: str
    name: str
    state: str
    agencies: list[AgencyHit] = field(default_factory=list)


@dataclass
class Results:
    query: str
    states: list[str] = field(default_factory=list)
    counties: list[CountyHit] = field(default_factory=list)
    agencies: list[AgencyHit] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.states or self.counties or self.agencies)


@lru_cache(maxsize=1)
def _county_index() -> list[tuple[str, str, str, str]]:
    """(folded name, fips, Census name, state code) for every county and county equivalent."""
    out = []
    for fips, name in all_counties().items():
        state = CODE_BY_FIPS.get(fips[:2])
        if state:
            out.append((fold(name), fips, name, state))
    return sorted(out)


def _agency_hits(agencies: list[Agency], oris: dict[str, str]) -> list[AgencyHit]:
    return [
        AgencyHit(
            a.id,
            a.name,
            a.state,
            any(x.status == Status.ACTIVE for x in a.agreements.all()),
            oris.get(a.id, ""),
        )
        for a in agencies
    ]


def _state_filter(words: list[str]) -> tuple[list[str], str | None]:
    """A word that is a state's code ("tx") or a state's name ("texas", "nueva york") narrows the search
    to that state instead of being looked for in names."""
    folded = " ".join(words)
    for code in NAME_BY_CODE:
        for name in {fold(NAME_BY_CODE[code]), fold(local_state_name(code, "es"))}:
            if len(name.split()) > 1 and name in folded and folded != name:
                rest = folded.replace(name, " ").split()
                return rest, code
    for i, word in enumerate(words):
        if len(words) > 1 and word.upper() in NAME_BY_CODE and len(word) == 2:
            return words[:i] + words[i + 1 :], word.upper()
        if len(words) > 1 and any(word == fold(NAME_BY_CODE[c]) for c in NAME_BY_CODE):
            code = next(c for c in NAME_BY_CODE if word == fold(NAME_BY_CODE[c]))
            return words[:i] + words[i + 1 :], code
    return words, None


def search(query: str) -> Results:
    query = " ".join(query.split())[:MAX_LENGTH]
    results = Results(query)
    words = fold(query).split()
    if len("".join(words)) < MIN_LENGTH:
        return results
    folded = " ".join(words)
    # States whose name (in either language) starts with the query.
    results.states = [
        code for code in sorted(NAME_BY_CODE, key=local_state_name)
        if any(fold(local_state_name(code, lang)).startswith(folded) for lang in ("en", "es"))
        or folded == code.lower()
    ][:3]  # fmt: skip
    words, state = _state_filter(words)
    # An FBI identifier: the agency linked to it.
    upper = query.replace(" ", "").upper()
    if _ORI.match(upper):
        links = AgencyLink.objects.filter(ori__pk__startswith=upper).select_related("agency")[:LIMIT]
        agencies = [link.agency for link in links]
        oris = {link.agency_id: link.ori_id or "" for link in links}
        results.agencies = _agency_hits(
            list(Agency.objects.filter(id__in=[a.id for a in agencies]).prefetch_related("agreements")), oris
        )
    if not words:
        return results
    # Agencies: every word in the name.
    qs = Agency.objects.all()
    if state:
        qs = qs.filter(state=state)
    cond = Q()
    for word in words:
        cond &= Q(name__icontains=word)
    found = list(qs.filter(cond).prefetch_related("agreements").order_by("name", "state")[: LIMIT * 3])
    # Agencies holding an active agreement first: they are what a reader is most likely after.
    hits = _agency_hits(found, {})
    hits.sort(key=lambda h: (not h.active, h.name, h.state))
    seen = {h.id for h in results.agencies}
    results.agencies += [h for h in hits if h.id not in seen][: LIMIT - len(results.agencies)]
    # Counties: the name starts with the words ("harris" finds Harris County, TX and Harris County, GA).
    name = " ".join(words)
    counties = [
        (fips, census, st) for key, fips, census, st in _county_index()
        if key.startswith(name) and (state is None or st == state)
    ][:LIMIT]  # fmt: skip
    if counties:
        results.counties = _with_agencies(counties)
    return results


def _with_agencies(counties: list[tuple[str, str, str]]) -> list[CountyHit]:
    """Each county with the agencies that serve it and hold an agreement today (from the FBI links)."""
    states = {st for _, _, st in counties}
    wanted = {fips for fips, _, _ in counties}
    serving: dict[str, list[str]] = {}
    links = AgencyLink.objects.filter(agency__state__in=states, agency__agreements__status=Status.ACTIVE)
    for agency_id, fips_list in links.values_list("agency_id", "county_fips").distinct():
        for fips in fips_list or []:
            if fips in wanted:
                serving.setdefault(fips, []).append(agency_id)
    ids = {a for ids in serving.values() for a in ids}
    agencies = {a.id: a for a in Agency.objects.filter(id__in=ids).prefetch_related("agreements")}
    out = []
    for fips, census, st in counties:
        members = sorted(
            (agencies[a] for a in set(serving.get(fips, [])) if a in agencies), key=lambda a: a.name
        )
        out.append(CountyHit(fips, census, st, _agency_hits(members, {})))
    return out
