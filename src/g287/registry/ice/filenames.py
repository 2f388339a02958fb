"""Publication dates and list kinds from ICE's two file-naming schemes.

ICE's own files: `participatingAgencies<MMDDYYYY>[am|mid|pm][variant].xlsx`; web-archive captures:
`participatingAgencies-<YYYYMMDDhhmmss>.xlsx` (and `ParticipatingEntities-…`, `pendingAgencies-…`),
where the timestamp is the capture time.

Other archivers rename ICE's files: any case, the singular `participatingAgency…`, a `287g` prefix, a
two-digit year (`participatingAgencies051826pm.xlsx`), no am/pm, and a save time appended by a browser
or a copy (`participatingAgencies05182026am 12.15.07 AM.xlsx`), which says nothing about the list.
A name with the list's prefix but no date (`participatingAgencies.xlsx`, ICE's own stable name) gives
the kind only.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

_PREFIX = r"(?:287g[ _-]?)?(?P<prefix>participatingAgenc(?:ies|y)|pendingAgenc(?:ies|y))"
_ICE_RE = re.compile(
    _PREFIX + r"(?P<digits>\d{8,9}|\d{6})(?!\d)(?P<slot>am|mid|pm)?"
    r"(?P<variant>[^.]*?)(?P<saved>\s*\(?\d{1,2}[.:]\d{2}[.:]\d{2}\s*[AP]M\)?)?\.xlsx$",
    re.I,
)
_UNDATED_RE = re.compile(_PREFIX + r"[^0-9]*\.xlsx$", re.I)
_CAPTURE_RE = re.compile(
    r"^(?P<prefix>participatingAgencies|pendingAgencies|ParticipatingEntities)-(?P<stamp>\d{14})\.xlsx$", re.I
)
_SLOT_TIME = {"am": time(9, 0), "mid": time(12, 0), "pm": time(17, 0), "": time(12, 0)}


@dataclass
class NamedDate:
    kind: str | None  # what the name says: participating or pending
    published_at: datetime | None
    scheme: str  # ice | capture | other
    warnings: list[str] = field(default_factory=list)


def _kind_of(prefix: str) -> str:
    return "pending" if prefix.lower().startswith("pending") else "participating"


def parse_file_name(name: str) -> NamedDate:
    base = name.rsplit("/", 1)[-1]
    match = _CAPTURE_RE.match(base)
    if match:
        stamp = datetime.strptime(match["stamp"], "%Y%m%d%H%M%S")
        return NamedDate(_kind_of(match["prefix"]), stamp, "capture")
    match = _ICE_RE.match(base)
    if not match:
        undated = _UNDATED_RE.match(base)
        return NamedDate(_kind_of(undated["prefix"]) if undated else None, None, "other")
    warnings = []
    digits = match["digits"]
    if len(digits) == 6:  # MMDDYY
        month, day_text, year = int(digits[:2]), digits[2:4], 2000 + int(digits[4:])
    else:
        month, day_text, year = int(digits[:2]), digits[2:-4], int(digits[-4:])
    if len(digits) == 9:
        warnings.append(
            f"malformed date {digits!r} in the file name, read as month {month}, day {int(day_text)}"
        )
    try:
        day = date(year, month, int(day_text))
    except ValueError:
        return NamedDate(
            _kind_of(match["prefix"]), None, "ice", [f"no valid date in the file name ({digits})"]
        )
    slot = (match["slot"] or "").lower()
    published = datetime.combine(day, _SLOT_TIME[slot])
    variant = match["variant"].strip()
    if variant:
        # A second file in the same slot ("pm2", "amB", "_b", " copy") came after the first one.
        published += timedelta(minutes=1)
    return NamedDate(_kind_of(match["prefix"]), published, "ice", warnings)
