"""Turns one ICE workbook into a parsed snapshot: its kind, date, and one normalized row per agreement."""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, NamedTuple, TypeVar

from g287.core.states import state_code
from g287.registry.ice import values
from g287.registry.ice.filenames import parse_file_name
from g287.registry.ice.workbook import WorkbookError, read_modified, read_sheet
from g287.registry.identity import name_key

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

# The registry's column sizes (registry.models; a test keeps them equal): a longer value is an error
# naming its cell, never cut short, and never stored whole by SQLite where PostgreSQL would refuse it.
MAX_LENGTHS = {"agency": 300, "county": 200, "moa": 500, "addendum": 500, "file name": 200}


class ParseError(Exception):
    """A file that cannot be imported. The message names the file and, where it applies, row and column."""


class Row(NamedTuple):
    state: str
    key: str  # normalized agency name
    model: str
    name: str  # as written
    type: str
    county: str
    signed: date | None
    moa: str
    moa_url: str
    addendum: str
    addendum_url: str


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


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


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


def _too_long(what: str, length: int, limit: int) -> str:
    return f"{what} is {length:,} characters long, more than the {limit} the registry holds"


def _summarize(problems: dict[str, list[int]]) -> list[str]:
    out = []
    for message, lines in problems.items():
        shown = ", ".join(str(n) for n in lines[:8]) + (
            f" and {len(lines) - 8} more" if len(lines) > 8 else ""
        )
        out.append(f"{message} (row{'s' if len(lines) > 1 else ''} {shown})")
    return out


_T = TypeVar("_T")


def _columns(body: list[list[Any]], width: int) -> Sequence[Sequence[Any]]:
    """The first `width` columns of the rows, each as one sequence (calamine's rows are all as wide as
    the sheet; shorter ones are padded)."""
    if not body:
        return [()] * width
    if min(len(row) for row in body) < width:
        body = [[*row, *[None] * (width - len(row))] for row in body]
    return list(zip(*body, strict=False))[:width]


def _per_value(column: Sequence[Any], normalize: Callable[[Any], _T]) -> list[_T]:
    """normalize applied to each cell of a column, computed once per distinct value."""
    distinct = set(column)
    if any(type(v) is bool for v in distinct):
        # True == 1 and False == 0 would share one result: normalize these columns cell by cell.
        return [normalize(v) for v in column]
    done = {v: normalize(v) for v in distinct}
    return [done[v] for v in column]


def _outcome(normalize: Callable[[Any], _T]) -> Callable[[Any], _T | ValueError]:
    """normalize, returning its ValueError rather than raising it, so that the row loop reports the
    first bad row as it meets it."""

    def safe(value: Any) -> _T | ValueError:
        try:
            return normalize(value)
        except ValueError as exc:
            return exc

    return safe


def _links(
    hyperlinks: dict[tuple[int, int], str], first: int, column: int, texts: list[str]
) -> list[tuple[str, str]]:
    """(state, url) of every MOA or ADDENDUM cell in a column, the data's first row at `first`."""
    posted: list[str | None] = [None] * len(texts)
    for (r, c), url in hyperlinks.items():
        if c == column and first <= r < first + len(texts):
            posted[r - first] = url
    unlinked = {t: values.link(t, None) for t in set(texts)}
    return [
        ("posted", values.clean_url(url)) if url else unlinked[t]
        for t, url in zip(texts, posted, strict=True)
    ]


def parse_workbook(
    content: bytes, source_name: str, date_override: date | None = None, today: date | None = None
) -> ParsedSnapshot:
    """Parses one ICE list. `today` (by default the machine's date) bounds the date read from the file:
    a list cannot be published in the future unless date_override says so."""
    if len(source_name) > MAX_LENGTHS["file name"]:
        raise ParseError(
            f"{source_name[:60]}…: the file name is {len(source_name)} characters long, more than the "
            f"{MAX_LENGTHS['file name']} the registry holds; rename the file"
        )
    try:
        sheet = read_sheet(content)
    except WorkbookError as exc:
        raise ParseError(f"{source_name}: {exc}") from exc
    header_row, columns, layout = _find_header(sheet.rows, source_name)
    warnings: list[str] = []
    noted: dict[str, list[int]] = defaultdict(list)
    named = parse_file_name(source_name)
    warnings.extend(f"{source_name}: {w}" for w in named.warnings)

    kind = "participating" if "signed" in columns else "pending"
    if named.kind and named.kind != kind:
        warnings.append(
            f"the file name says {named.kind} list but the content is a {kind} list "
            f"({'a' if kind == 'participating' else 'no'} SIGNED column); imported as {kind}"
        )

    rows: list[Row] = []
    lines: list[int] = []  # each row's line in the sheet, for messages
    seen: dict[tuple[str, str, str], int] = {}
    body = sheet.rows[header_row + 1 :]
    width = max(columns.values()) + 1
    # Each column is normalized once per distinct value (ICE's lists repeat their states, models,
    # types and dates on every row); the row loop below only assembles the results.
    raw = _columns(body, width)
    texts = [_per_value(column, values.text) for column in raw]
    blank = [""] * len(body)
    text_of = {name: texts[columns[name]] if name in columns else blank for name in _HEADERS.values()}
    raw_of = {name: raw[c] for name, c in columns.items()}
    states = _per_value(text_of["state"], _outcome(state_code))
    models = _per_value(text_of["model"], _outcome(values.model))
    types = _per_value(raw_of["type"], _outcome(values.agency_type)) if "type" in raw_of else blank
    signed_dates = _per_value(raw_of["signed"], _outcome(values.signed)) if "signed" in raw_of else None
    counties = _per_value(raw_of["county"], values.county) if "county" in raw_of else blank
    nothing = [("", "")] * len(body)
    moas, addenda = (
        _links(sheet.links, header_row + 1, columns[f], text_of[f]) if f in columns else nothing
        for f in ("moa", "addendum")
    )
    row_count = 0
    agency_texts, state_texts, model_texts, type_texts = (
        text_of[f] for f in ("agency", "state", "model", "type")
    )
    max_name, max_county = MAX_LENGTHS["agency"], MAX_LENGTHS["county"]
    max_url = min(MAX_LENGTHS["moa"], MAX_LENGTHS["addendum"])

    def fail(name: str, message: str, line: int) -> ParseError:
        return ParseError(f"{source_name}, row {line}, column {_column_letter(columns[name])}: {message}")

    for i, filled in enumerate(zip(*texts, strict=True)):
        if not any(filled):
            continue
        line = header_row + 2 + i
        row_count += 1
        name = agency_texts[i]
        if not name:
            noted["no agency name; row skipped"].append(line)
            continue
        if len(name) > max_name:
            raise fail("agency", _too_long("the agency name", len(name), max_name), line)
        state_outcome = states[i]
        if isinstance(state_outcome, ValueError):
            raise fail("state", str(state_outcome), line) from None
        state, exact = state_outcome
        if not exact:
            noted[f"STATE {state_texts[i]!r} read as {state}"].append(line)
        if not model_texts[i]:
            noted["no SUPPORT TYPE; row skipped"].append(line)
            continue
        model = models[i]
        if isinstance(model, ValueError):
            raise fail("model", str(model), line) from None
        agency_type = types[i]
        if isinstance(agency_type, ValueError):
            noted[f"TYPE {type_texts[i]!r} not understood; left blank"].append(line)
            agency_type = ""
        signed = signed_dates[i] if signed_dates is not None else None
        if isinstance(signed, values.GluedYear):
            noted[f"SIGNED {signed.raw!r} read as {signed.day}"].append(line)
            signed = signed.day
        elif isinstance(signed, ValueError):
            raise fail("signed", str(signed), line) from None
        key = name_key(name)
        if len(key) > max_name:
            raise fail(
                "agency", _too_long("the agency name, abbreviations spelled out,", len(key), max_name), line
            )
        if len(counties[i]) > max_county or len(moas[i][1]) > max_url or len(addenda[i][1]) > max_url:
            for column_name, value in (
                ("county", counties[i]),
                ("moa", moas[i][1]),
                ("addendum", addenda[i][1]),
            ):
                if len(value) > MAX_LENGTHS[column_name]:
                    limit = MAX_LENGTHS[column_name]
                    raise fail(
                        column_name, _too_long(f"the {column_name.upper()} value", len(value), limit), line
                    )
        ident = (state, key, model)
        if ident in seen:
            noted[f"repeats an agreement listed earlier in the file (row {seen[ident]}); kept once"].append(
                line
            )
            continue
        seen[ident] = line
        lines.append(line)
        rows.append(Row(state, key, model, name, agency_type, counties[i], signed, *moas[i], *addenda[i]))
    warnings.extend(_summarize(noted))
    if not rows and kind == "participating":
        raise ParseError(
            f"{source_name}: the participating list has a header but no agreement rows; importing it "
            "would end every agreement"
        )
    if not rows:
        warnings.append("the pending list is empty")

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
        rows,
        lines,
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
    return ParsedSnapshot(
        source_name=source_name,
        sha256=hashlib.sha256(content).hexdigest(),
        kind=kind,
        published_at=published,
        layout=layout,
        row_count=row_count,
        rows=rows,
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
