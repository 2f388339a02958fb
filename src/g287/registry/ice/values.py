"""Normalizing the values in ICE's cells."""

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs, urlsplit

_EMPTY = {"", "#N/A", "#NA", "N/A", "NA", "NONE", "-"}
_ARCHIVE_RE = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(?P<url>.+)$", re.I)
_EXCEL_EPOCH = date(1899, 12, 30)


class ValueProblem(ValueError):
    """A cell whose value cannot be understood."""


class GluedYear(ValueError):
    """A date typed without the slash before the year ("7/72025"); carries the date it must mean."""

    def __init__(self, day: date, raw: str) -> None:
        super().__init__(raw)
        self.day = day
        self.raw = raw


_GLUED_YEAR_RE = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})(?P<y>20\d\d)$")


def text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _text(str(value))


@lru_cache(maxsize=65536)
def _text(value: str) -> str:
    cleaned = " ".join(value.replace("\u00a0", " ").split())
    return "" if cleaned.upper() in _EMPTY else cleaned


def model(value: Any) -> str:
    key = text(value).lower()
    if key in {"jem", "tfm", "wso"}:
        return key.upper()
    if "jail" in key:
        return "JEM"
    if "task" in key or "force" in key:
        return "TFM"
    if "warrant" in key:
        return "WSO"
    raise ValueProblem(f"unknown SUPPORT TYPE {text(value)!r}")


def agency_type(value: Any) -> str:
    key = text(value).lower()
    if not key:
        return ""
    if key.startswith("count"):
        return "county"
    if key.startswith(("muni", "munc", "city", "town")):
        return "municipality"
    if key.startswith("state"):
        return "state"
    raise ValueProblem(f"unknown TYPE {text(value)!r}")


def county(value: Any) -> str:
    cleaned = text(value)
    if cleaned.islower() or cleaned.isupper():
        cleaned = cleaned.title()
    return cleaned


def signed(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and 20000 < value < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))
    raw = text(value)
    if not raw:
        return None
    typo = _GLUED_YEAR_RE.match(raw)
    if typo:
        raise GluedYear(date(int(typo["y"]), int(typo["m"]), int(typo["d"])), raw)
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d %H:%M:%S", "%B %d, %Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueProblem(f"SIGNED {raw!r} is not a date")


@lru_cache(maxsize=65536)
def clean_url(url: str) -> str:
    """Unwraps e-mail safelinks and web-archive prefixes, which ICE's files carry around some links."""
    url = url.strip()
    lowered = url.lower()
    if (
        "safelinks" not in lowered
        and "archive.org" not in lowered
        and url.startswith(("http://", "https://"))
    ):
        return url  # nothing to unwrap: most of ICE's links
    for _ in range(4):
        before = url
        parts = urlsplit(url)
        if parts.netloc.endswith("safelinks.protection.outlook.com"):
            inner = parse_qs(parts.query).get("url")
            if inner:
                url = inner[0].strip()
        match = _ARCHIVE_RE.match(url)
        if match:
            url = match["url"]
        if url.startswith("http:/") and not url.startswith("http://"):
            url = "http://" + url[len("http:/") :]
        if url.startswith("https:/") and not url.startswith("https://"):
            url = "https://" + url[len("https:/") :]
        if url == before:
            break
    return url


def link(cell_text: Any, hyperlink: str | None) -> tuple[str, str]:
    """(state, url) for an MOA or ADDENDUM cell: posted with its address, pending, or nothing."""
    raw = text(cell_text)
    if hyperlink:
        return "posted", clean_url(hyperlink)
    if raw.lower().startswith(("http://", "https://")):
        return "posted", clean_url(raw)
    if "pending" in raw.lower():
        return "pending", ""
    return "", ""
