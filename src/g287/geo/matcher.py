"""Matches a registry agency to at most one FBI ORI. Pure and deterministic: the same agency and roster
always give the same status, ORI, score, reason and candidate list, in the same order.

A candidate must be in the same state and of a kind that fits (a sheriff's office is an FBI County
entry, a police department a City entry, ...). Its score is name x kind x county:
- name: 1.0 when the places are the same words, 0.95 for a looser spelling ("Lake City"/"Lake"),
  otherwise a string similarity, which can only ever lead to review;
- kind: 1.0 for the usual FBI type of that kind of agency, less for a possible one;
- county: 1.0 when ICE's county (from its COUNTY column or the agency's name) is among the FBI entry's,
  0.97 when either side gives none, 0.6 when they differ (enough to show, never to decide).
A match is automatic only when the best candidate has the same or nearly the same name, scores at least
0.9, is ahead of the next by a clear margin, and is not an FBI sub-unit whose name was cut off.
"""

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from g287.geo.counties import county_fips, county_from_name
from g287.geo.names import Kind, Profile, fbi_profile, ice_profile
from g287.geo.roster import RosterEntry

MATCHED, REVIEW, UNMATCHED = "matched", "review", "unmatched"
CONFIDENT = 0.9
MARGIN = 0.03
REVIEW_FLOOR = 0.55
KEEP = 5  # candidates kept for a person to choose from

# ICE kind -> FBI kinds it may be, with the weight of each.
_FITS: dict[str, dict[str, float]] = {
    Kind.SHERIFF: {Kind.SHERIFF: 1.0},
    Kind.POLICE: {Kind.POLICE: 1.0, Kind.OTHER: 0.85, Kind.COUNTY_POLICE: 0.85, Kind.UNIVERSITY: 0.85},
    Kind.COUNTY_POLICE: {Kind.COUNTY_POLICE: 1.0, Kind.SHERIFF: 0.6},
    Kind.MARSHAL: {Kind.POLICE: 1.0, Kind.MARSHAL: 1.0},
    Kind.CONSTABLE: {Kind.CONSTABLE: 1.0},
    Kind.UNIVERSITY: {Kind.UNIVERSITY: 1.0, Kind.OTHER: 0.85},
    Kind.AIRPORT: {Kind.AIRPORT: 1.0, Kind.OTHER: 0.85},
    Kind.PORT: {Kind.PORT: 1.0, Kind.AIRPORT: 0.85, Kind.OTHER: 0.85},
    Kind.SCHOOL: {Kind.SCHOOL: 1.0},
    Kind.ATTORNEY: {Kind.ATTORNEY: 1.0, Kind.STATE: 0.85},
    Kind.CORRECTIONS: {Kind.CORRECTIONS: 1.0, Kind.STATE: 0.85, Kind.OTHER: 0.85},
    Kind.STATE: {Kind.STATE: 1.0, Kind.OTHER: 0.85},
    Kind.OTHER: {Kind.OTHER: 1.0, Kind.STATE: 0.9, Kind.POLICE: 0.8},
}
# Bodies whose FBI county is only where they sit: a different county says nothing against them.
_COUNTY_BLIND = {Kind.STATE, Kind.UNIVERSITY, Kind.AIRPORT, Kind.PORT, Kind.CORRECTIONS, Kind.OTHER}
_EXCLUDED_TYPES = {"Federal", "Tribal"}  # ICE's lists hold no federal or tribal agencies


@dataclass(frozen=True)
class AgencyInput:
    id: str
    state: str
    name: str
    type: str = ""  # county | municipality | state | ""
    county: str = ""  # ICE's COUNTY column, free text


@dataclass(frozen=True)
class Candidate:
    ori: str
    name: str
    type: str
    counties: str
    score: float
    why: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class MatchResult:
    status: str
    ori: str | None
    score: float
    reason: str
    candidates: list[Candidate] = field(default_factory=list)
    kind: str = ""
    county_fips: list[str] = field(default_factory=list)  # ICE's county, from its column or the name


# Kinds named as bodies ("Oklahoma Bureau of Investigation" is the FBI's "State Bureau of Investigation").
_BODIES = {Kind.STATE, Kind.ATTORNEY, Kind.CORRECTIONS, Kind.OTHER}
_FILLER = {"state", "of", "the", "office", "department", "division", "headquarters", "and"}


def _core_words(place: str) -> frozenset[str]:
    return frozenset(w.removesuffix("s") for w in place.split() if w not in _FILLER)


@dataclass(frozen=True)
class _Indexed:
    entry: RosterEntry
    profile: Profile
    bare_county: bool = False  # type County, named by the county alone ("Nassau"): sheriff or county police


# Below this similarity a name scores under 0.5 even after rounding, and the candidate is dropped.
_DROPPED_BELOW = 0.52


def _similarity(ice_names: list[str], fbi_names: list[str]) -> float:
    """The best difflib ratio over the pairs, or 0.0 when none can reach _DROPPED_BELOW. The cheap upper
    bounds (real_quick_ratio, quick_ratio) skip most pairs of a state's roster without changing the
    answer: a pair is skipped only when it can neither beat the best so far nor keep the candidate."""
    best = 0.0
    for a in ice_names:
        for b in fbi_names:
            floor = max(best, _DROPPED_BELOW)
            total = len(a) + len(b)
            if not total or 2 * min(len(a), len(b)) / total < floor:
                continue  # difflib's real_quick_ratio, without building a matcher
            if 2 * sum((_letters(a) & _letters(b)).values()) / total < floor:
                continue  # difflib's quick_ratio
            best = max(best, difflib.SequenceMatcher(None, a, b).ratio())
    return best


@lru_cache(maxsize=65536)
def _letters(text: str) -> Counter[str]:
    return Counter(text)


def _name_score(ice: Profile, fbi: Profile) -> tuple[float, str]:
    if not ice.place or not fbi.place:
        return 0.0, "no name to compare"
    if ice.place.replace(" ", "") == fbi.place.replace(" ", ""):
        return 1.0, "same name"  # also "LaSalle" and "La Salle"
    ice_names = {ice.place, *ice.variants}
    fbi_names = {fbi.place, *fbi.variants}
    if ice_names & fbi_names:
        return 0.95, f"same name once {', '.join(sorted(ice_names & fbi_names))!r} is compared"
    if sorted(ice.place.split()) == sorted(fbi.place.split()):
        return 0.95, "same words in another order"
    if ice.kind in _BODIES and _core_words(ice.place) == _core_words(fbi.place):
        return 0.95, "same name but for words like 'state' or 'department'"
    ratio = _similarity(sorted(ice_names), sorted(fbi_names))
    # Similar spellings are worth showing a person, never enough to decide alone.
    return round(min(ratio, 0.89) * 0.95, 3), f"similar name ({ratio:.0%})"


def _misspelt(
    ice: Profile, item: "_Indexed", place_fips: str | None, score: float, why: str
) -> tuple[float, str]:
    """ICE misspells names ("Lyons County Sheriff", "Barndall Police Department"). In the same county, a
    sheriff's name that reads as that county, or a town's name differing by a letter or two, is the
    same agency; the county agreeing is what makes this safe."""
    if ice.kind == Kind.SHERIFF and item.profile.kind == Kind.SHERIFF:
        if place_fips and item.entry.county_fips == (place_fips,):
            return 0.93, f"name read as the county ({why})"
        return score, why
    ratio = difflib.SequenceMatcher(None, ice.place, item.profile.place).ratio()
    if ratio >= 0.92 and len(ice.place.split()) == len(item.profile.place.split()):
        return 0.92, f"misspelt name ({ratio:.0%} alike) in the same county"
    return score, why


def _near_identical(ice: Profile, fbi: Profile, score: float, why: str) -> tuple[float, str]:
    """Where ICE gives no county, a town whose name is spelt all but identically is the same police
    ("Indiatlantic"/"Indialantic", "Pittsburgh"/"Pittsburg"): names at least 0.95 alike as written,
    their places at least 0.9 (so "Lee" and "Lea" stay apart)."""
    place = difflib.SequenceMatcher(None, ice.place, fbi.place).ratio()
    full = difflib.SequenceMatcher(None, f"{ice.place} police", f"{fbi.place} police").ratio()
    if place >= 0.9 and full >= 0.95:
        return 0.95, f"near-identical name ({full:.0%} alike)"
    return score, why


class Matcher:
    def __init__(self, roster: Iterable[RosterEntry], county_police: Iterable[tuple[str, str]] = ()) -> None:
        """`county_police`: (state, county place) of the county police departments among ICE's agencies.
        In those counties the FBI's bare county entry is the county police (Nassau County NY: NY0290000),
        never the sheriff, who has no FBI entry of its own there."""
        self._by_state: dict[str, list[_Indexed]] = defaultdict(list)
        self._county_police = frozenset(county_police)
        for entry in sorted(roster, key=lambda e: e.ori):
            if entry.agency_type in _EXCLUDED_TYPES:
                continue
            profile = fbi_profile(entry.name, entry.agency_type, entry.state, entry.county_names)
            bare = (
                entry.agency_type == "County"
                and profile.kind == Kind.SHERIFF
                and "sheriff" not in entry.name.lower()
            )
            self._by_state[entry.state].append(_Indexed(entry, profile, bare))

    def _profile(self, item: _Indexed) -> Profile:
        if item.bare_county and (item.entry.state, item.profile.place) in self._county_police:
            return Profile(Kind.COUNTY_POLICE, item.profile.place, item.profile.variants)
        return item.profile

    def ice_counties(self, agency: AgencyInput) -> list[str]:
        found = county_fips(agency.state, agency.county, fuzzy=True) if agency.county else None
        found = found or county_from_name(agency.state, agency.name)
        return [found] if found else []

    def match(self, agency: AgencyInput) -> MatchResult:
        profile = ice_profile(agency.name, agency.state, agency.type)
        counties = self.ice_counties(agency)
        fits = _FITS[profile.kind]
        place_fips = (
            county_fips(agency.state, profile.place, fuzzy=True) if profile.kind == Kind.SHERIFF else None
        )
        scored: list[Candidate] = []
        for item in self._by_state.get(agency.state, []):
            fbi = self._profile(item)
            weight = fits.get(fbi.kind)
            if weight is None:
                continue
            name_score, name_why = _name_score(profile, fbi)
            if name_score < 0.5:
                continue
            county_factor, county_why = self._county(profile, counties, item.entry)
            if name_score < 0.9 and county_factor == 1.0 and profile.kind not in _COUNTY_BLIND:
                name_score, name_why = _misspelt(profile, item, place_fips, name_score, name_why)
            elif name_score < 0.9 and not counties and profile.kind == Kind.POLICE == fbi.kind:
                name_score, name_why = _near_identical(profile, fbi, name_score, name_why)
            score = round(name_score * weight * county_factor, 3)
            why = f"{name_why}; FBI type {item.entry.agency_type}; {county_why}"
            if item.entry.truncated:
                score = min(score, 0.85)
                why += "; the FBI name is cut off and stands for several sub-units"
            if profile.number and item.profile.number and profile.number != item.profile.number:
                score = round(score * 0.5, 3)
                why += f"; number {item.profile.number} is not {profile.number}"
            scored.append(
                Candidate(
                    ori=item.entry.ori,
                    name=item.entry.name,
                    type=item.entry.agency_type,
                    counties=", ".join(item.entry.county_names),
                    score=score,
                    why=why,
                )
            )
        scored.sort(key=lambda c: (-c.score, c.ori))
        kept = [c for c in scored if c.score >= REVIEW_FLOOR][:KEEP]
        return self._decide(profile, kept, counties)

    def _county(self, profile: Profile, counties: list[str], entry: RosterEntry) -> tuple[float, str]:
        if profile.kind in _COUNTY_BLIND:
            return 1.0, "county not compared for this kind of agency"
        if not counties or not entry.county_fips:
            return 0.97, "no county to compare"
        if set(counties) & set(entry.county_fips):
            return 1.0, "same county"
        return 0.6, f"county differs (FBI: {', '.join(entry.county_names)})"

    def _decide(self, profile: Profile, kept: list[Candidate], counties: list[str]) -> MatchResult:
        kind = profile.kind.replace("_", " ")
        if not kept:
            return MatchResult(
                UNMATCHED,
                None,
                0.0,
                f"no FBI agency of a fitting type with a similar name ({kind})",
                [],
                profile.kind,
                counties,
            )
        best = kept[0]
        runner_up = kept[1] if len(kept) > 1 else None
        if best.score >= CONFIDENT and (runner_up is None or best.score - runner_up.score >= MARGIN):
            reason = f"{kind} -> {best.name} ({best.type}): {best.why}"
            return MatchResult(MATCHED, best.ori, best.score, reason, kept, profile.kind, counties)
        if runner_up is not None and best.score - runner_up.score < MARGIN:
            reason = f"{kind}: {len(kept)} candidates score alike; {best.name} and {runner_up.name} lead"
        else:
            reason = f"{kind}: best candidate {best.name} ({best.type}) is not certain: {best.why}"
        return MatchResult(REVIEW, None, best.score, reason, kept, profile.kind, counties)
