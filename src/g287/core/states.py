"""States and territories as ICE writes them, with their postal codes and Census FIPS codes."""

import difflib
import unicodedata
from functools import lru_cache

# (postal code, name, FIPS)
STATES: list[tuple[str, str, str]] = [
    ("AL", "Alabama", "01"),
    ("AK", "Alaska", "02"),
    ("AZ", "Arizona", "04"),
    ("AR", "Arkansas", "05"),
    ("CA", "California", "06"),
    ("CO", "Colorado", "08"),
    ("CT", "Connecticut", "09"),
    ("DE", "Delaware", "10"),
    ("DC", "District of Columbia", "11"),
    ("FL", "Florida", "12"),
    ("GA", "Georgia", "13"),
    ("HI", "Hawaii", "15"),
    ("ID", "Idaho", "16"),
    ("IL", "Illinois", "17"),
    ("IN", "Indiana", "18"),
    ("IA", "Iowa", "19"),
    ("KS", "Kansas", "20"),
    ("KY", "Kentucky", "21"),
    ("LA", "Louisiana", "22"),
    ("ME", "Maine", "23"),
    ("MD", "Maryland", "24"),
    ("MA", "Massachusetts", "25"),
    ("MI", "Michigan", "26"),
    ("MN", "Minnesota", "27"),
    ("MS", "Mississippi", "28"),
    ("MO", "Missouri", "29"),
    ("MT", "Montana", "30"),
    ("NE", "Nebraska", "31"),
    ("NV", "Nevada", "32"),
    ("NH", "New Hampshire", "33"),
    ("NJ", "New Jersey", "34"),
    ("NM", "New Mexico", "35"),
    ("NY", "New York", "36"),
    ("NC", "North Carolina", "37"),
    ("ND", "North Dakota", "38"),
    ("OH", "Ohio", "39"),
    ("OK", "Oklahoma", "40"),
    ("OR", "Oregon", "41"),
    ("PA", "Pennsylvania", "42"),
    ("RI", "Rhode Island", "44"),
    ("SC", "South Carolina", "45"),
    ("SD", "South Dakota", "46"),
    ("TN", "Tennessee", "47"),
    ("TX", "Texas", "48"),
    ("UT", "Utah", "49"),
    ("VT", "Vermont", "50"),
    ("VA", "Virginia", "51"),
    ("WA", "Washington", "53"),
    ("WV", "West Virginia", "54"),
    ("WI", "Wisconsin", "55"),
    ("WY", "Wyoming", "56"),
    ("AS", "American Samoa", "60"),
    ("GU", "Guam", "66"),
    ("MP", "Northern Mariana Islands", "69"),
    ("PR", "Puerto Rico", "72"),
    ("VI", "U.S. Virgin Islands", "78"),
]

NAME_BY_CODE: dict[str, str] = {code: name for code, name, _ in STATES}
FIPS_BY_CODE: dict[str, str] = {code: fips for code, _, fips in STATES}
CODE_BY_FIPS: dict[str, str] = {fips: code for code, _, fips in STATES}
_CODE_BY_KEY: dict[str, str] = {name.upper(): code for code, name, _ in STATES}
_CODE_BY_KEY.update({"VIRGIN ISLANDS": "VI", "US VIRGIN ISLANDS": "VI", "WASHINGTON DC": "DC"})


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).upper().replace(".", " ")
    return " ".join(text.split())


@lru_cache(maxsize=1024)
def state_code(text: str) -> tuple[str, bool]:
    """Returns (code, exact). A close misspelling ("PENNSLYVANIA") is accepted with exact=False;
    an unknown name raises ValueError."""
    key = _key(text)
    if key in _CODE_BY_KEY:
        return _CODE_BY_KEY[key], True
    if key in NAME_BY_CODE:
        return key, True
    close = difflib.get_close_matches(key, list(_CODE_BY_KEY), n=2, cutoff=0.8)
    if len(close) == 1 or (len(close) == 2 and _ratio(key, close[0]) > _ratio(key, close[1])):
        return _CODE_BY_KEY[close[0]], False
    raise ValueError(f"unknown state {text!r}")


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()
