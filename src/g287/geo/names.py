"""What an agency name says: the kind of agency (sheriff, city police, constable, ...) and the place or
body it names, for ICE's names and the FBI's alike, so the two can be compared like for like.

ICE writes "Harris County Sheriff's Office" where the FBI writes "Harris" (type County), and "Wheaton
Police Department" where the FBI writes "Wheaton" (type City): the kind carries the role words, the
place is what is left.
"""

import re
from dataclasses import dataclass

from g287.core.states import NAME_BY_CODE
from g287.registry.identity import name_key


class Kind:
    SHERIFF = "sheriff"
    POLICE = "police"  # a municipality's police, public safety department or city marshal
    COUNTY_POLICE = "county_police"
    MARSHAL = "marshal"
    CONSTABLE = "constable"
    UNIVERSITY = "university"
    AIRPORT = "airport"
    PORT = "port"
    SCHOOL = "school"
    ATTORNEY = "attorney"
    CORRECTIONS = "corrections"
    STATE = "state"
    OTHER = "other"


@dataclass(frozen=True)
class Profile:
    kind: str
    place: str  # normalized words naming the place or body
    variants: tuple[str, ...] = ()  # looser spellings of the place, compared after the exact one
    number: str = ""  # precinct or district number ("Constable Precinct 3")


_STATE_WORDS = sorted((name_key(name) for name in NAME_BY_CODE.values()), key=len, reverse=True)
_MUNICIPAL_PREFIX = re.compile(r"^(?:city|town|village|borough|township) of ")
_MUNICIPAL_SUFFIX = re.compile(r" (?:city|town|village|borough)$")
_NUMBER = re.compile(r"\b(?:precinct|pct|district|ward|dist)\s*(?:no\s*)?(\d+)\b")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _strip_state(place: str, state: str) -> str:
    """State bodies are named with or without the state ("Nebraska State Patrol", "Highway Patrol")."""
    state_word = name_key(NAME_BY_CODE.get(state, ""))
    for word in ([state_word] if state_word else []) + ["state of", "commonwealth of"]:
        if place.startswith(word + " "):
            place = place[len(word) + 1 :]
    return _clean(re.sub(r"^(?:the|of) ", "", place))


def _municipal_variants(place: str) -> tuple[str, ...]:
    """ "lake city" may be written "lake"; "city of lake" is "lake"; a "borough" is usually omitted."""
    out = []
    for variant in (_MUNICIPAL_PREFIX.sub("", place), _MUNICIPAL_SUFFIX.sub("", place)):
        if variant != place and variant and variant not in out:
            out.append(variant)
    return tuple(out)


def _county_place(text: str) -> str:
    text = re.sub(r"^(?:city and county|county|parish) of ", "", text)
    return _clean(re.sub(r" (?:county|parish)\b", " ", text))


def ice_profile(name: str, state: str, agency_type: str = "") -> Profile:
    """The kind and place of an agency as ICE names it. `agency_type` (county, municipality, state) is a
    hint only: ICE's TYPE column has errors ("Bradley County Constable District 7" typed county)."""
    key = name_key(name)
    number_found = _NUMBER.search(key)
    number = number_found.group(1) if number_found else ""
    if re.search(r"\bsheriffs?\b", key):
        place = re.sub(r"\b(?:office of the )?sheriffs?\b.*$", "", key)
        place = _county_place(re.sub(r"^(?:metropolitan|metro|consolidated|unified) ", "", place))
        return Profile(Kind.SHERIFF, place, _municipal_variants(place))
    if re.search(r"\bconstables?\b", key):
        place = re.sub(r"\bconstables?\b.*$", "", key)
        place = re.sub(r"\b(?:pennsylvania state|pa state)\b", "", place)
        place = _county_place(place) or _county_place(re.sub(r"^.*\bconstables?\b( office)?", "", key))
        return Profile(Kind.CONSTABLE, _clean(re.sub(_NUMBER, "", place)), (), number)
    if re.search(r"\b(?:university|college)\b", key):
        place = re.sub(r"\b(?:district )?board of trustees( of)?\b|\bpolice\b.*$", "", key)
        return Profile(Kind.UNIVERSITY, _strip_state(_clean(place), ""))
    if re.search(r"\b(?:airport|aviation)\b", key):
        return Profile(Kind.AIRPORT, _clean(re.sub(r"\bpolice\b.*$", "", key)))
    if re.search(r"\bport authority\b|\bport of\b", key):
        return Profile(Kind.PORT, _clean(re.sub(r"\bpolice\b.*$", "", key)))
    state_body = agency_type == "state" or (
        agency_type != "municipality"
        and any(key.startswith(w + " ") and not key.startswith(w + " city") for w in _STATE_WORDS)
    )
    if state_body or re.search(r"\b(?:state|highway) patrol\b|\bstate police\b", key):
        place = re.sub(r"\bpolice department$", "police", key)
        return Profile(Kind.STATE, _strip_state(place, state))
    if re.search(r"\b(?:attorneys?|prosecutors?|prosecuting)\b", key):
        return Profile(Kind.ATTORNEY, _strip_state(key, state), (), number)
    if re.search(r"\b(?:corrections?|correctional|jail|detention|prison|rehabilitation)\b", key):
        return Profile(Kind.CORRECTIONS, _strip_state(key, state))
    if re.search(r"\bschools?\b|\bisd\b", key):
        return Profile(Kind.SCHOOL, key)
    if re.search(r"\bmarshals?\b", key) and "fire marshal" not in key:
        place = re.sub(r"\b(?:city )?marshals?\b.*$", "", key)
        place = _MUNICIPAL_SUFFIX.sub("", _MUNICIPAL_PREFIX.sub("", _clean(place)))
        return Profile(Kind.MARSHAL, place, (), number)
    if re.search(r"\bcounty police\b|\bcounty public safety\b", key):
        return Profile(Kind.COUNTY_POLICE, _county_place(re.sub(r"\b(?:police|public safety)\b.*$", "", key)))
    police = re.search(r"\b(?:police|public safety|department of public safety|police cooperative)\b", key)
    if police:
        place = _clean(re.sub(r"\b(?:department of )?(?:police|public safety)\b.*$", "", key))
        place = _MUNICIPAL_PREFIX.sub("", place)  # "City of Melbourne" is Melbourne, not Melbourne Village
        return Profile(Kind.POLICE, place, _municipal_variants(place))
    return Profile(Kind.OTHER, _strip_state(key, state))


def fbi_profile(name: str, agency_type: str, state: str, counties: tuple[str, ...]) -> Profile:
    """The kind and place of an FBI roster entry. A bare name of type County is the sheriff (or the
    county's police where it has no sheriff); type City is the municipality's police."""
    head = name.rstrip(":").split(",")[0]  # "Lakeview, Harrison County": the county is in `counties`
    key = name_key(head)
    if agency_type == "County":
        if re.search(r"\b(?:police|public safety)\b", key):
            return Profile(
                Kind.COUNTY_POLICE, _county_place(re.sub(r"\b(?:police|public safety)\b.*$", "", key))
            )
        place = _county_place(re.sub(r"\bsheriffs?\b.*$", "", key))
        # Consolidated governments ("Augusta-Richmond", "Hartsville/Trousdale") are also their county.
        variants = tuple(v for v in (name_key(c) for c in counties[:1]) if v and v != place)
        return Profile(Kind.SHERIFF, place, variants)
    if agency_type == "City":
        place = _clean(re.sub(r"\b(?:department of )?(?:police|public safety)\b.*$", "", key)) or key
        return Profile(Kind.POLICE, place, _municipal_variants(place))
    if agency_type == "University or College":
        return Profile(Kind.UNIVERSITY, _clean(re.sub(r"\bpolice\b.*$", "", key)))
    if agency_type in ("State Police", "Other State Agency"):
        return Profile(Kind.STATE, _strip_state(key, state))
    # Type Other holds county constables, marshals, airports, ports, schools, prosecutors, ...
    other = ice_profile(head, state)
    if other.kind in (Kind.POLICE, Kind.STATE):
        return Profile(Kind.OTHER, _strip_state(key, state))
    return other
