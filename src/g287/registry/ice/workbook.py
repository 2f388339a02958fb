"""Reads the first sheet of an .xlsx file: cell values through calamine, hyperlinks from the zip parts.

Calamine does not expose hyperlinks, and openpyxl is an order of magnitude slower, so the hyperlinks are
taken from the sheet's <hyperlink> elements and its relationship part directly.

Calamine also materialises the whole rectangle from A1 to the farthest cell that holds a value: one cell
at XFD1048576 asks for 512 GiB and aborts the process. So, before calamine sees a file, the sheet's XML
is streamed once, in bounded chunks, to find how far its data reaches (the sheet's own <dimension> is
not trusted: calamine ignores it too), to collect the hyperlinks and to find formulas that carry no
computed value. A sheet beyond MAX_ROWS x MAX_COLUMNS, or a part that inflates beyond MAX_PART_BYTES, is
refused with its size before anything large is allocated.
"""

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from python_calamine import CalamineWorkbook

# Far above ICE's lists (about 2,100 rows of at most 8 columns), low enough that calamine's rectangle
# (and the Python rows made from it) stays within a few hundred megabytes.
MAX_ROWS = 100_000
MAX_COLUMNS = 50
MAX_FILE_BYTES = 64 * 2**20  # ICE's files are under 300 KB
# The uncompressed sheet or shared strings. This also bounds the cells that carry no reference (and are
# placed one after another): the shortest, <c><v>1</v></c>, takes 15 bytes.
MAX_PART_BYTES = 64 * 2**20
# Deflate inflates at most about 1,032 times: a part compressed smaller than this cannot exceed the limit.
_SAFE_COMPRESSED = MAX_PART_BYTES // 1032
_CHUNK = 2**20

_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", re.S)
_SHEET_RID_RE = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\b(?:\w+:)?id=\"([^\"]+)\"", re.S)
_REL_RE = re.compile(rb"<Relationship\b([^>]*)/?>", re.S)
_ID_RE = re.compile(rb"\bId=\"([^\"]*)\"")
_TARGET_RE = re.compile(rb"\bTarget=\"([^\"]*)\"")
_REF_RE = re.compile(rb"\bref=\"([^\"]*)\"")
_RID_RE = re.compile(rb"\b\w+:id=\"([^\"]*)\"")
_HYPERLINK_RE = re.compile(rb"<(?:\w+:)?hyperlink\s([^>]*)>")
# As ICE's files (and most writers) order the attributes; the general patterns handle any other order.
_HYPERLINK_FAST_RE = re.compile(rb"<(?:\w+:)?hyperlink ref=\"([^\"]*)\" \w+:id=\"([^\"]*)\"")
_REL_FAST_RE = re.compile(rb"<Relationship Id=\"([^\"]*)\" Type=\"[^\"]*\" Target=\"([^\"]*)\"")
# A cell reference beyond column Z or row 99,999: the only ones that can break the limits. Row elements
# carry digits only, so this matches cells (r="AB12"), whatever the element's prefix or attribute order.
_FAR_REF_RE = re.compile(rb' r="([A-Z]{2,3}[0-9]+|[A-Z][0-9]{6,})"')
_CELL_ELEMENT_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_CELL_REF_RE = re.compile(rb"\br=\"([A-Z]+[0-9]+)\"")
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE_RE = re.compile(rb"<(?:\w+:)?(?:v|is)[\s>/]")
_CELL_RE = re.compile(rb"^([A-Z]{1,3})([0-9]+)$")
_MODIFIED_RE = re.compile(rb"<dcterms:modified\b[^>]*>\s*([^<]+?)\s*</dcterms:modified>")


class WorkbookError(Exception):
    """The file is not a readable .xlsx workbook, or not one g287 should read."""


@dataclass
class Sheet:
    rows: list[list[Any]]
    # (row, column), both 0-based, to the hyperlink target of that cell.
    links: dict[tuple[int, int], str]
    sheet_count: int
    # Whether any cell is a boolean (True == 1 in Python: a memo of cell values must tell them apart).
    booleans: bool = True


@dataclass
class _Scan:
    """What one streaming pass over the sheet's XML found."""

    links: list[tuple[bytes, bytes]] = field(default_factory=list)  # (cell ref, relationship id)
    uncached_formulas: list[str] = field(default_factory=list)
    booleans: bool = False


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


@lru_cache(maxsize=65536)
def _cell_index(ref: bytes) -> tuple[int, int] | None:
    match = _CELL_RE.match(ref.split(b":")[0].replace(b"$", b""))
    if not match:
        return None
    letters, digits = match.groups()
    col = 0
    for ch in letters:
        col = col * 26 + (ch - 64)
    return int(digits) - 1, col - 1


def _relationships(zf: zipfile.ZipFile, part: str) -> dict[bytes, bytes]:
    """The part's relationships: id to target, both as written (targets still XML-escaped)."""
    rels_part = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    try:
        blob = zf.read(rels_part)
    except KeyError:
        return {}
    fast = _REL_FAST_RE.findall(blob)
    if len(fast) == blob.count(b"<Relationship "):
        return dict(fast)
    out = {}
    for attr_blob in _REL_RE.findall(blob):
        rid, target = _ID_RE.search(attr_blob), _TARGET_RE.search(attr_blob)
        if rid and target:
            out[rid.group(1)] = target.group(1)
    return out


def _first_sheet_part(zf: zipfile.ZipFile) -> str:
    workbook = zf.read("xl/workbook.xml")
    match = _SHEET_RE.search(workbook) or _SHEET_RID_RE.search(workbook)
    if not match:
        raise WorkbookError("the workbook lists no sheet")
    found = _relationships(zf, "xl/workbook.xml").get(match.group(1))
    if not found:
        raise WorkbookError("the workbook's first sheet has no part")
    target = _unescape(found.decode("utf-8", "replace"))
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def _chunks(zf: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's uncompressed bytes in chunks, refusing it once it inflates beyond MAX_PART_BYTES."""
    total = 0
    with zf.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > MAX_PART_BYTES:
                raise WorkbookError(
                    f"the part {part} inflates to more than {_megabytes(MAX_PART_BYTES)}; not read"
                )
            yield chunk


def _row_end(buffer: bytes) -> int:
    """The offset just after the last complete row (</row> or </x:row>) in buffer, else after its
    last tag; -1 when it holds no complete tag."""
    at = buffer.rfind(b"row>")
    while at > 0 and buffer[at - 1 : at] not in (b"/", b":"):
        at = buffer.rfind(b"row>", 0, at)
    if at > 0:
        return at + 4
    at = buffer.rfind(b">")
    return at + 1 if at >= 0 else -1


def _check_far_cells(block: bytes) -> None:
    for match in _FAR_REF_RE.finditer(block):
        tag_end = block.find(b">", match.end())
        if block[tag_end - 1 : tag_end] == b"/" or block.startswith(b"</", tag_end + 1):
            continue  # <c r="..." s="1"/>: a formatted cell without a value, which calamine skips
        ref = match.group(1)
        row, col = _cell_index(ref) or (0, 0)
        if row >= MAX_ROWS or col >= MAX_COLUMNS:
            raise WorkbookError(
                f"the sheet holds data as far as cell {ref.decode()} ({row + 1:,} rows x {col + 1:,} columns), "
                f"more than the {MAX_ROWS:,} rows x {MAX_COLUMNS} columns g287 reads; not imported"
            )


def _scan_block(block: bytes, scan: _Scan) -> None:
    _check_far_cells(block)
    if b't="b"' in block or b"t='b'" in block:
        scan.booleans = True
    if b"<f" in block or b":f" in block:
        for match in _CELL_ELEMENT_RE.finditer(block):
            body = match.group(2)
            if body and _FORMULA_RE.search(body) and not _VALUE_RE.search(body):
                ref = _CELL_REF_RE.search(match.group(1))
                scan.uncached_formulas.append(ref.group(1).decode() if ref else "?")
    first = block.find(b"hyperlink")
    if first >= 0:
        # The <hyperlinks> element follows the cells: search from there only.
        first = max(block.rfind(b"<", 0, first), 0)
        fast = _HYPERLINK_FAST_RE.findall(block, first)
        if len(fast) == block.count(b"hyperlink ", first):
            scan.links += fast
            return
        for attr_blob in _HYPERLINK_RE.findall(block, first):
            ref, rid = _REF_RE.search(attr_blob), _RID_RE.search(attr_blob)
            if ref and rid:
                scan.links.append((ref.group(1), rid.group(1)))


def _scan_sheet(zf: zipfile.ZipFile, part: str) -> _Scan:
    scan = _Scan()
    pending = b""
    for chunk in _chunks(zf, part):
        buffer = pending + chunk if pending else chunk
        cut = _row_end(buffer)
        if cut < 0:
            pending = buffer
            continue
        _scan_block(buffer[:cut], scan)
        pending = buffer[cut:]
    if pending:
        _scan_block(pending, scan)
    return scan


def _check_parts(zf: zipfile.ZipFile, sheet_part: str) -> None:
    """Every other part calamine loads whole (shared strings, styles) must inflate within the limit."""
    for info in zf.infolist():
        if info.filename != sheet_part and info.compress_size > _SAFE_COMPRESSED:
            for _ in _chunks(zf, info.filename):
                pass


@lru_cache(maxsize=65536)
def _target(written: bytes) -> str:
    # Consecutive lists link the same MOAs: each address is decoded once per worker.
    return _unescape(written.decode("utf-8", "replace"))


def _links(scan: _Scan, rels: dict[bytes, bytes]) -> dict[tuple[int, int], str]:
    get = rels.get
    pairs = [(_cell_index(ref), get(rid)) for ref, rid in scan.links]
    return {cell: _target(target) for cell, target in pairs if cell and target}


def read_modified(content: bytes) -> datetime | None:
    """The workbook's own last-modified time (docProps/core.xml), in UTC without a zone; None when it
    has none or it cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > 2**20:
                return None
            match = _MODIFIED_RE.search(zf.read(info))
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, EOFError):
        return None
    if not match:
        return None
    try:
        stamp = datetime.fromisoformat(match.group(1).decode("ascii", "replace").replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp


def read_sheet(content: bytes) -> Sheet:
    """Reads the first sheet of the workbook in `content`. Raises WorkbookError for anything unreadable,
    too large, or holding formulas without values."""
    if len(content) > MAX_FILE_BYTES:
        raise WorkbookError(f"the file is {_megabytes(len(content))}, more than {_megabytes(MAX_FILE_BYTES)}")
    try:
        zf = zipfile.ZipFile(io.BytesIO(content))
        part = _first_sheet_part(zf)
        _check_parts(zf, part)
        scan = _scan_sheet(zf, part)
        links = _links(scan, _relationships(zf, part)) if scan.links else {}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, KeyError, ValueError, EOFError) as exc:
        raise WorkbookError(f"not an .xlsx workbook ({exc})") from exc
    if scan.uncached_formulas:
        cells = scan.uncached_formulas
        shown = ", ".join(cells[:10]) + (f" and {len(cells) - 10} more" if len(cells) > 10 else "")
        raise WorkbookError(
            f"formula cells without a computed value ({shown}): open the file in a spreadsheet program "
            "and save it, so that the values are stored, then import it again"
        )
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        sheet_count = len(workbook.sheet_names)
    except Exception as exc:  # calamine raises its own error types for damaged parts
        raise WorkbookError(f"the workbook cannot be read ({exc})") from exc
    return Sheet(rows=rows, links=links, sheet_count=sheet_count, booleans=scan.booleans)
