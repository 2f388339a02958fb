"""Publication dates and list kinds from ICE's two file-naming schemes.

ICE's own files: `participatingAgencies<MMDDYYYY>[am|mid|pm][variant].xlsx`; web-archive captures:
`participatingAgencies-<YYYYMMDDhhmmss>.xlsx` (and `ParticipatingEntities-…`, `pendingAgencies-…`),
where the timestamp is the capture time.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

_ICE_RE = re.compile(
    r"^(?P<prefix>participatingAgencies|pendingAgencies)(?P<digits>\d{8,9})(?P<slot>am|mid|pm)?"
    r"(?P<variant>[^.]*)\.xlsx$",
    re.I,
)
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
        return NamedDate(None, None, "other")
    warnings = []
    digits = match["digits"]
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
