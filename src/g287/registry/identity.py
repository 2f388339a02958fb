"""Agency identity: which spellings name the same agency, and the readable IDs built from them."""

import re
import unicodedata
from functools import lru_cache

# Whole-word abbreviations and variants that ICE uses interchangeably.
_WORDS = {
    "co": "county",
    "cnty": "county",
    "dept": "department",
    "dep": "department",
    "departmnet": "department",
    "pd": "police department",
    "so": "sheriffs office",
    "sheriff": "sheriffs",
    "sherrifs": "sheriffs",
    "sherriffs": "sheriffs",
    "ofc": "office",
    "off": "office",
    "twp": "township",
    "dist": "district",
    "div": "division",
    "corr": "corrections",
    "svcs": "services",
    "svc": "service",
    "mt": "mount",
    "ft": "fort",
    "st": "saint",
    "univ": "university",
    "hwy": "highway",
    "and": "and",
    "&": "and",
}
_APOSTROPHES = "'\u2018\u2019\u02bc`\u00b4"
_NON_WORD = re.compile(r"[^a-z0-9&]+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Folds case, spacing, punctuation, apostrophes and common abbreviations, so that the spellings
    ICE uses for one agency give one key."""
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    for ch in _APOSTROPHES:
        text = text.replace(ch + "s ", "s ").replace(ch, "")
    words = [w for w in _NON_WORD.sub(" ", text.replace("&", " & ")).split() if w]
    out: list[str] = []
    for word in words:
        out.extend(_WORDS.get(word, word).split())
    if out and out[0] == "the":
        out = out[1:]
    return " ".join(out)


def slug(text: str, limit: int = 150) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].rstrip("-")


def agency_id(state: str, key: str) -> str:
    return f"{state}-{slug(key)}"


def agreement_id(agency: str, model: str) -> str:
    return f"{agency}#{model}"
