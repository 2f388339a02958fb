"""County names to Census FIPS codes, from the county list shipped in the `addfips` package (2020 vintage).

Names are compared in a compact form (no case, accents, punctuation or spaces, "St." as "saint"), so
"ST CLAIR", "St. Clair County" and "Saint Clair" meet, as do "DE KALB" and "DeKalb". A bare name prefers
the county over an independent city of the same name (Virginia's "FAIRFAX" is Fairfax County, 51059;
"FAIRFAX CITY" is 51600).
"""

import csv
import difflib
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

from g287.core.states import FIPS_BY_CODE

_VINTAGE_FILE = "data/counties_2020.csv"
# Longest first, so "city and borough" is removed before "borough".
_SUFFIXES = (
    "city and borough",
    "census area",
    "municipality",
    "municipio",
    "borough",
    "parish",
    "county",
    "district",
    "city",
)
# Lower rank wins a bare name that two areas share.
_RANK = {"county": 0, "parish": 0, "borough": 1, "city and borough": 1, "census area": 1, "city": 3}
_NOT_A_COUNTY = {"", "NOT SPECIFIED", "UNMAPPED COUNTY", "NULL", "NONE", "UNKNOWN"}


def compact(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"\bste?\b\.?", lambda m: "sainte" if m.group().startswith("ste") else "saint", text)
    return re.sub(r"[^a-z0-9]", "", text)


def _split_suffix(lower_name: str) -> tuple[str, str]:
    for suffix in _SUFFIXES:
        if lower_name.endswith(" " + suffix):
            return lower_name[: -len(suffix) - 1], suffix
    return lower_name, ""


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, str]]:
    """state FIPS -> compact name -> five-digit county FIPS."""
    by_state: dict[str, dict[str, tuple[int, str]]] = {}
    text = (files("addfips") / _VINTAGE_FILE).read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        fips = row["statefp"] + row["countyfp"]
        names = by_state.setdefault(row["statefp"], {})
        bare, suffix = _split_suffix(row["name"].lower())
        rank = _RANK.get(suffix, 2)
        for key, key_rank in ((compact(row["name"]), -1), (compact(bare), rank)):
            if key and (key not in names or key_rank < names[key][0]):
                names[key] = (key_rank, fips)
    return {state: {key: fips for key, (_, fips) in names.items()} for state, names in by_state.items()}


def county_fips(state: str, name: str, fuzzy: bool = False) -> str | None:
    """The FIPS code of a county named in `state` (postal code), or None. With `fuzzy`, a close
    misspelling ("St. Luice County", "Guadalupe Conty") is accepted when only one county is that close."""
    names = _index().get(FIPS_BY_CODE.get(state, ""), {})
    key = compact(name)
    if not key:
        return None
    if key in names:
        return names[key]
    bare, _ = _split_suffix(" ".join(name.lower().replace(".", " ").split()))
    for variant in (compact(bare), compact(re.sub(r"\bcon?ty$", "", bare))):
        if variant in names:
            return names[variant]
    if not fuzzy:
        return None
    close = difflib.get_close_matches(compact(bare), sorted(names), n=2, cutoff=0.85)
    if len(close) == 1 or (len(close) == 2 and names[close[0]] == names[close[1]]):
        return names[close[0]]
    return None


def split_counties(text: str) -> list[str]:
    """The FBI's county column: upper case, possibly several counties ("JEFFERSON, SHELBY")."""
    parts = [" ".join(part.split()) for part in (text or "").split(",")]
    return [p for p in parts if p.upper() not in _NOT_A_COUNTY]


def county_fips_list(state: str, names: tuple[str, ...] | list[str]) -> list[str]:
    found = (county_fips(state, name) for name in names)
    return sorted({fips for fips in found if fips})


_COUNTY_IN_NAME = re.compile(r"^(?:the )?(.+?) (?:county|parish|borough)\b", re.IGNORECASE)


def county_from_name(state: str, name: str) -> str | None:
    """ "Polk County Constable District 4" -> Polk County's FIPS code."""
    found = _COUNTY_IN_NAME.match(" ".join(name.split()))
    return county_fips(state, found.group(1)) if found else None


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    text = (files("addfips") / _VINTAGE_FILE).read_text(encoding="utf-8")
    return {row["statefp"] + row["countyfp"]: row["name"] for row in csv.DictReader(text.splitlines())}


def county_name(fips: str) -> str:
    """The Census name of a county FIPS code ("Harris County", "Richmond city"), or the code itself."""
    return _names().get(fips, fips)


def all_counties() -> dict[str, str]:
    """Every county and county equivalent: {FIPS code: Census name}."""
    return dict(_names())
