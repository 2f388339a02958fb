"""State and territory names in the reader's language. The registry, the API and the downloads keep the
English names (g287.core.states); the public pages show these."""

from __future__ import annotations

import unicodedata

from django.utils.translation import get_language

from g287.core.states import NAME_BY_CODE

# Spanish names as Spanish-language U.S. media write them (AP Spanish, the Census Bureau's Spanish pages).
SPANISH: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "Distrito de Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawái", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana",
    "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Luisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Míchigan", "MN": "Minnesota", "MS": "Misisipi", "MO": "Misuri",
    "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "Nuevo Hampshire", "NJ": "Nueva Jersey",
    "NM": "Nuevo México", "NY": "Nueva York", "NC": "Carolina del Norte", "ND": "Dakota del Norte",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregón", "PA": "Pensilvania", "RI": "Rhode Island",
    "SC": "Carolina del Sur", "SD": "Dakota del Sur", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "Virginia Occidental",
    "WI": "Wisconsin", "WY": "Wyoming", "AS": "Samoa Americana", "GU": "Guam",
    "MP": "Islas Marianas del Norte", "PR": "Puerto Rico", "VI": "Islas Vírgenes de EE. UU.",
}  # fmt: skip

_BY_LANGUAGE: dict[str, dict[str, str]] = {"es": SPANISH}


def local_state_name(code: str, language: str | None = None) -> str:
    """The state's name in `language` (default: the active one); English when there is no other."""
    language = (language or get_language() or "en").split("-")[0]
    names = _BY_LANGUAGE.get(language, NAME_BY_CODE)
    return names.get(code) or NAME_BY_CODE.get(code, code)


def local_states_sorted(language: str | None = None) -> list[tuple[str, str]]:
    """(code, local name) pairs in the order a reader of that language expects (accents ignored)."""

    def key(pair: tuple[str, str]) -> str:
        return unicodedata.normalize("NFKD", pair[1]).encode("ascii", "ignore").decode().lower()

    return sorted(((c, local_state_name(c, language)) for c in NAME_BY_CODE), key=key)
