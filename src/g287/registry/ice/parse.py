"""Turns one ICE workbook into a parsed snapshot: its kind, date, and one normalized row per agreement."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from g287.core.cells import column_letter
from g287.registry.ice.filenames import NamedDate, parse_file_name
from g287.registry.ice.rows import MAX_LENGTHS, Row, RowError, Rows, read_rows
from g287.registry.ice.workbook import Sheet, WorkbookError, read_modified, read_sheet

__all__ = ["MAX_LENGTHS", "ParseError", "ParsedSnapshot", "Row", "parse_workbook"]

# Header names as ICE writes them (and close variants), to the field they hold.
_HEADERS = {
    "STATE": "state",
    "LAW ENFORCEMENT AGENCY": "agency",
    "AGENCY": "agency",
    "TYPE": "type",
    "AGENCY TYPE": "type",
    "COUNTY": "county",
    "SUPPORT TYPE": "model",
    "MODEL": "model",
    "SIGNED": "signed",
    "DATE SIGNED": "signed",
    "MOA": "moa",
    "ADDENDUM": "addendum",
    "ADDENDA": "addendum",
}
_REQUIRED = ("state", "agency", "model")
# ICE added the TYPE column on 2025-02-21 and COUNTY on 2025-03-17; a file that has them is not older.
_COLUMN_SINCE = {"type": date(2025, 2, 21), "county": date(2025, 3, 17)}


# How many rows signed after a list's date prove the date wrong (fewer are typos in those rows), and how
# long after its latest signature ICE can plausibly have published a list.
_LATE_ROWS = 3
_MAX_LAG_DAYS = 60


class ParseError(Exception):
    """A file that cannot be imported. The message names the file and, where it applies, row and column."""


@dataclass
class ParsedSnapshot:
    source_name: str
    sha256: str
    kind: str
    published_at: datetime
    layout: list[str]
    row_count: int
    rows: list[Row]
    warnings: list[str] = field(default_factory=list)

    @property
    def date(self) -> date:
        return self.published_at.date()

    @property
    def order_key(self) -> str:
        return f"{self.published_at:%Y%m%d%H%M%S}-{self.sha256[:12]}"


def _find_header(rows: list[list[Any]], source: str) -> tuple[int, dict[str, int], list[str]]:
    for r, row in enumerate(rows[:15]):
        columns: dict[str, int] = {}
        names: list[str] = []
        for c, cell in enumerate(row):
            label = " ".join(str(cell).upper().split()) if cell is not None else ""
            if label in _HEADERS and _HEADERS[label] not in columns:
                columns[_HEADERS[label]] = c
                names.append(label)
        if all(f in columns for f in _REQUIRED):
            return r, columns, names
    raise ParseError(
        f"{source}: not an ICE 287(g) list: no header row with the columns STATE, "
        "LAW ENFORCEMENT AGENCY and SUPPORT TYPE in the first 15 rows"
    )


def _summarize(problems: dict[str, list[int]]) -> list[str]:
    out = []
    for message, lines in problems.items():
        shown = ", ".join(str(n) for n in lines[:8]) + (
            f" and {len(lines) - 8} more" if len(lines) > 8 else ""
        )
        out.append(f"{message} (row{'s' if len(lines) > 1 else ''} {shown})")
    return out


def _check_name(source_name: str) -> None:
    limit = MAX_LENGTHS["file name"]
    if len(source_name) > limit:
        raise ParseError(
            f"{source_name[:60]}…: the file name is {len(source_name)} characters long, more than the "
            f"{limit} the registry holds; rename the file"
        )


def _read(content: bytes, source_name: str) -> Sheet:
    try:
        return read_sheet(content)
    except WorkbookError as exc:
        raise ParseError(f"{source_name}: {exc}") from exc


def _kind(columns: dict[str, int], named: str | None, warnings: list[str]) -> str:
    """A list with a SIGNED column is a participating list, whatever its file name says."""
    kind = "participating" if "signed" in columns else "pending"
    if named and named != kind:
        warnings.append(
            f"the file name says {named} list but the content is a {kind} list "
            f"({'a' if kind == 'participating' else 'no'} SIGNED column); imported as {kind}"
        )
    return kind


def _agreements(sheet: Sheet, header_row: int, columns: dict[str, int], source_name: str) -> Rows:
    try:
        found = read_rows(sheet.rows[header_row + 1 :], columns, sheet.links, header_row + 1, sheet.booleans)
    except RowError as exc:
        raise ParseError(
            f"{source_name}, row {exc.line}, column {column_letter(columns[exc.field])}: {exc.message}"
        ) from None
    if not found.rows and "signed" in columns:
        raise ParseError(
            f"{source_name}: the participating list has a header but no agreement rows; importing it "
            "would end every agreement"
        )
    return found


def _dated(
    content: bytes,
    source_name: str,
    named: NamedDate,
    found: Rows,
    columns: dict[str, int],
    date_override: date | None,
    today: date | None,
    warnings: list[str],
) -> datetime:
    """When the list was published: its file name's date (or the workbook's own modified time),
    checked against its content; never after `today` unless date_override says so."""
    named_at = named.published_at
    if named_at is None and date_override is None:
        named_at = read_modified(content)
        if named_at is not None:
            warnings.append(
                f"the file name carries no date: dated by the workbook's own modified time, "
                f"{named_at:%Y-%m-%d %H:%M} UTC; pass --date to override"
            )
    published = _publication_time(
        named_at,
        date_override,
        found.rows,
        found.lines,
        columns,
        source_name,
        warnings,
        correctable=named.scheme == "ice",
    )
    today = today or date.today()
    if date_override is None and published.date() > today:
        raise ParseError(
            f"{source_name}: the file is dated {published.date()}, after today ({today}); "
            "pass --date if that is right"
        )
    return published


def parse_workbook(
    content: bytes, source_name: str, date_override: date | None = None, today: date | None = None
) -> ParsedSnapshot:
    """Parses one ICE list. `today` (by default the machine's date) bounds the date read from the file:
    a list cannot be published in the future unless date_override says so."""
    _check_name(source_name)
    sheet = _read(content, source_name)
    header_row, columns, layout = _find_header(sheet.rows, source_name)
    named = parse_file_name(source_name)
    warnings = [f"{source_name}: {w}" for w in named.warnings]
    kind = _kind(columns, named.kind, warnings)
    found = _agreements(sheet, header_row, columns, source_name)
    warnings.extend(_summarize(found.noted))
    if not found.rows:
        warnings.append("the pending list is empty")
    published = _dated(content, source_name, named, found, columns, date_override, today, warnings)
    return ParsedSnapshot(
        source_name=source_name,
        sha256=hashlib.sha256(content).hexdigest(),
        kind=kind,
        published_at=published,
        layout=layout,
        row_count=found.filled,
        rows=found.rows,
        warnings=warnings,
    )


def _publication_time(
    named: datetime | None,
    override: date | None,
    rows: list[Row],
    lines: list[int],
    columns: dict[str, int],
    source_name: str,
    warnings: list[str],
    correctable: bool = True,
) -> datetime:
    if isinstance(override, datetime):  # a fetched list, dated to the second by the server
        return override
    if override is not None:
        return datetime.combine(override, named.time() if named else time(12, 0))
    if named is None:
        raise ParseError(
            f"{source_name}: the publication date cannot be read from the file name; pass --date"
        )
    signed = sorted(r.signed for r in rows if r.signed)

    def contradictions(day: date) -> list[str]:
        later = [d for d in signed if d > day]
        found = []
        # One or two late dates are typos in a row; many mean the file's own date is wrong.
        if len(later) >= _LATE_ROWS:
            found.append(f"{len(later)} agreements are signed after it (the latest on {later[-1]})")
        found += [
            f"it has the {col.upper()} column, which ICE added on {since}"
            for col, since in _COLUMN_SINCE.items()
            if col in columns and day < since
        ]
        return found

    problems = contradictions(named.date())
    if not problems:
        warnings.extend(_late_signatures(rows, lines, named.date()))
        return named
    if not correctable:
        # A web-archive capture's timestamp was written by a machine: trust it, but say what looks off.
        warnings.append(f"captured on {named.date()}, but {' and '.join(problems)}")
        return named
    # The name's year or month was mistyped: take the candidate (another year or month, same day)
    # that fits the content and lies closest after the agreements it lists were signed.
    anchor = signed[-_LATE_ROWS] if len(signed) >= _LATE_ROWS else date.min
    candidates = []
    for year, month in [(named.year + 1, named.month), (named.year - 1, named.month)] + [
        (named.year, m) for m in range(1, 13) if m != named.month
    ]:
        try:
            candidate = named.replace(year=year, month=month)
        except ValueError:
            continue
        if not contradictions(candidate.date()) and candidate.date() >= anchor:
            candidates.append(candidate)
    if anchor == date.min:
        # Nothing to measure against: the common slip is keeping last year's number in January.
        best = candidates[0] if candidates and candidates[0].year == named.year + 1 else None
    else:
        # A year slip is the known defect; another month only when no other year fits.
        plausible = [c for c in candidates if (c.date() - anchor).days <= _MAX_LAG_DAYS]
        best = min(plausible, key=lambda c: (c.month != named.month, (c.date() - anchor).days), default=None)
    if best and (anchor == date.min or (best.date() - anchor).days <= _MAX_LAG_DAYS):
        warnings.append(
            f"the file name gives {named.date()}, but {' and '.join(problems)}: read as {best.date()} "
            f"(a typo in the name's {'year' if best.month == named.month else 'month'}); pass --date to override"
        )
        return best
    warnings.append(f"the file name gives {named.date()}, but {' and '.join(problems)}; date kept")
    return named


def _late_signatures(rows: list[Row], lines: list[int], day: date) -> list[str]:
    return [
        f"row {line}: signed on {r.signed}, after the list's date {day}"
        for r, line in zip(rows, lines, strict=True)
        if r.signed and r.signed > day
    ]
