"""The rows of an ICE list, each normalized into a Row (or a note, or an error) once per process.

Consecutive lists repeat almost every row, cell for cell, and a parse worker reads a run of them: so a
row's outcome is kept, keyed by its cells (with their types: True == 1 in Python) and its links, and
the next list's identical row costs one lookup instead of a dozen normalizations."""

from collections import defaultdict
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from g287.core.states import state_code
from g287.registry.ice import values
from g287.registry.identity import name_key

# The registry's column sizes (registry.models; a test keeps them equal): a longer value is an error
# naming its cell, never cut short, and never stored whole by SQLite where PostgreSQL would refuse it.
MAX_LENGTHS = {"agency": 300, "county": 200, "moa": 500, "addendum": 500, "file name": 200}
_MAX_URL = min(MAX_LENGTHS["moa"], MAX_LENGTHS["addendum"])
# Outcomes kept per process; past this the memo starts again (a worker reads a dozen lists).
_MEMO_LIMIT = 200_000


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


class RowError(Exception):
    """A row that makes the file unreadable: `field` names the column, `line` the sheet's row."""

    def __init__(self, field: str, message: str, line: int) -> None:
        super().__init__(message)
        self.field, self.message, self.line = field, message, line


class _Outcome(NamedTuple):
    kind: str  # blank | skipped | error | row
    row: Row | None = None
    notes: tuple[str, ...] = ()  # noted against the row's line, in this order
    problem: tuple[str, str] = ("", "")  # (field, message) of an error


_BLANK = _Outcome("blank")


class Rows(NamedTuple):
    rows: list[Row]
    lines: list[int]  # each row's line in the sheet, for messages
    filled: int  # rows that hold anything
    noted: dict[str, list[int]]  # a note -> the lines it concerns


_memo: dict[tuple[Any, ...], dict[tuple[Any, ...], _Outcome]] = {}


def read_rows(
    body: list[list[Any]],
    columns: dict[str, int],
    links: dict[tuple[int, int], str],
    first: int,
    booleans: bool = True,
) -> Rows:
    """The agreements of a list's body (the rows under its header, the first at sheet row `first`,
    0-based). Raises RowError for a row that cannot be read. `booleans`: whether any cell may be a
    boolean (then each cell's type is part of the memo's key)."""
    width = max(columns.values()) + 1
    layout = (tuple(sorted(columns.items())), width)
    memo = _memo.setdefault((*layout, booleans), {})
    if sum(len(m) for m in _memo.values()) > _MEMO_LIMIT:
        memo.clear()
    cells = itemgetter(*range(width)) if width > 1 else (lambda row: (row[0],))
    urls = _urls(links, columns, first, len(body))
    seen: dict[tuple[str, str, str], int] = {}
    out = Rows([], [], 0, defaultdict(list))
    count = 0
    for i, raw in enumerate(body):
        row_cells = cells(raw) if len(raw) >= width else (*raw, *[None] * (width - len(raw)))
        key = (row_cells, tuple(map(type, row_cells)), *urls[i]) if booleans else (row_cells, *urls[i])
        outcome = memo.get(key)
        if outcome is None:
            outcome = memo[key] = _outcome(row_cells, columns, *urls[i])
        if outcome.kind == "blank":
            continue
        line = first + 1 + i
        for note in outcome.notes:
            out.noted[note].append(line)
        if outcome.kind == "error":
            raise RowError(*outcome.problem, line)
        count += 1
        row = outcome.row
        if row is None:
            continue
        ident = (row.state, row.key, row.model)
        if ident in seen:
            out.noted[
                f"repeats an agreement listed earlier in the file (row {seen[ident]}); kept once"
            ].append(line)
            continue
        seen[ident] = line
        out.lines.append(line)
        out.rows.append(row)
    return out._replace(filled=count)


def _urls(
    links: dict[tuple[int, int], str], columns: dict[str, int], first: int, count: int
) -> list[tuple[str | None, str | None]]:
    """Each body row's MOA and ADDENDUM hyperlink targets (None where the cell has none)."""
    moa: list[str | None] = [None] * count
    addendum: list[str | None] = [None] * count
    targets: list[tuple[int, list[str | None]]] = [
        (columns[f], column) for f, column in (("moa", moa), ("addendum", addendum)) if f in columns
    ]
    for (r, c), url in links.items():
        for col, column in targets:
            if c == col and first <= r < first + count:
                column[r - first] = url
    return list(zip(moa, addendum, strict=True))


def _outcome(
    cells: tuple[Any, ...], columns: dict[str, int], moa_url: str | None, addendum_url: str | None
) -> _Outcome:
    """What one row is: blank, skipped with a note, an error, or a Row with its notes."""
    texts = [values.text(c) for c in cells]
    if not any(texts):
        return _BLANK

    def text(field: str) -> str:
        return texts[columns[field]] if field in columns else ""

    def raw(field: str) -> Any:
        return cells[columns[field]] if field in columns else None

    name = text("agency")
    if not name:
        return _Outcome("skipped", notes=("no agency name; row skipped",))
    limit = MAX_LENGTHS["agency"]
    if len(name) > limit:
        return _error("agency", too_long("the agency name", len(name), limit))
    try:
        state, exact = state_code(text("state"))
    except ValueError as exc:
        return _error("state", str(exc))
    notes = [] if exact else [f"STATE {text('state')!r} read as {state}"]
    if not text("model"):
        return _Outcome("skipped", notes=(*notes, "no SUPPORT TYPE; row skipped"))
    try:
        model = values.model(text("model"))
    except ValueError as exc:
        return _error("model", str(exc), notes)
    agency_type = _agency_type(raw("type"), text("type"), notes) if "type" in columns else ""
    try:
        signed = _signed(raw("signed"), notes) if "signed" in columns else None
    except ValueError as exc:
        return _error("signed", str(exc), notes)
    key = name_key(name)
    if len(key) > limit:
        return _error(
            "agency", too_long("the agency name, abbreviations spelled out,", len(key), limit), notes
        )
    county = values.county(raw("county")) if "county" in columns else ""
    moa = _link(text("moa"), moa_url) if "moa" in columns else ("", "")
    addendum = _link(text("addendum"), addendum_url) if "addendum" in columns else ("", "")
    for field, value, limit in (
        ("county", county, MAX_LENGTHS["county"]),
        ("moa", moa[1], _MAX_URL),
        ("addendum", addendum[1], _MAX_URL),
    ):
        if len(value) > limit:
            return _error(
                field, too_long(f"the {field.upper()} value", len(value), MAX_LENGTHS[field]), notes
            )
    row = Row(state, key, model, name, agency_type, county, signed, *moa, *addendum)
    return _Outcome("row", row, tuple(notes))


def _error(field: str, message: str, notes: list[str] | None = None) -> _Outcome:
    return _Outcome("error", notes=tuple(notes or ()), problem=(field, message))


def _agency_type(cell: Any, text: str, notes: list[str]) -> str:
    try:
        return values.agency_type(cell)
    except ValueError:
        notes.append(f"TYPE {text!r} not understood; left blank")
        return ""


def _signed(cell: Any, notes: list[str]) -> date | None:
    try:
        return values.signed(cell)
    except values.GluedYear as typo:
        notes.append(f"SIGNED {typo.raw!r} read as {typo.day}")
        return typo.day


def _link(text: str, url: str | None) -> tuple[str, str]:
    return ("posted", values.clean_url(url)) if url else values.link(text, None)


def too_long(what: str, length: int, limit: int) -> str:
    return f"{what} is {length:,} characters long, more than the {limit} the registry holds"
