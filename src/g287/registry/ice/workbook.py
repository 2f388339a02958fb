"""Reads the first sheet of an .xlsx file: cell values through calamine, hyperlinks from the zip parts.

Calamine does not expose hyperlinks, and openpyxl is an order of magnitude slower, so the hyperlinks are
taken from the sheet's <hyperlinks> element and its relationship part directly.
"""

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from python_calamine import CalamineWorkbook

_SHEET_RE = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", re.S)
_SHEET_RID_RE = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\b(?:\w+:)?id=\"([^\"]+)\"", re.S)
_REL_RE = re.compile(rb"<Relationship\b([^>]*)/?>", re.S)
_ID_RE = re.compile(rb"\bId=\"([^\"]*)\"")
_TARGET_RE = re.compile(rb"\bTarget=\"([^\"]*)\"")
_REF_RE = re.compile(rb"\bref=\"([^\"]*)\"")
_RID_RE = re.compile(rb"\b\w+:id=\"([^\"]*)\"")
_HYPERLINKS_RE = re.compile(rb"<(?:\w+:)?hyperlinks>(.*?)</(?:\w+:)?hyperlinks>", re.S)
_HYPERLINK_RE = re.compile(rb"<(?:\w+:)?hyperlink\b([^>]*)/?>", re.S)
# ICE's files write ref before r:id; the general pattern above handles any other order.
_HYPERLINK_FAST_RE = re.compile(rb"<(?:\w+:)?hyperlink ref=\"([A-Z]+[0-9]+)\" \w+:id=\"([^\"]+)\"")
_CELL_RE = re.compile(r"^([A-Z]{1,3})(\d+)$")


class WorkbookError(Exception):
    """The file is not a readable .xlsx workbook."""


@dataclass
class Sheet:
    rows: list[list[Any]]
    # (row, column), both 0-based, to the hyperlink target of that cell.
    links: dict[tuple[int, int], str]
    sheet_count: int


def _attr(pattern: re.Pattern[bytes], blob: bytes) -> str | None:
    match = pattern.search(blob)
    return _unescape(match.group(1).decode("utf-8", "replace")) if match else None


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


def _cell_index(ref: str) -> tuple[int, int] | None:
    match = _CELL_RE.match(ref.split(":")[0].replace("$", ""))
    if not match:
        return None
    letters, digits = match.groups()
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return int(digits) - 1, col - 1


def _relationships(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    rels_part = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    try:
        blob = zf.read(rels_part)
    except KeyError:
        return {}
    out = {}
    for attr_blob in _REL_RE.findall(blob):
        rid, target = _attr(_ID_RE, attr_blob), _attr(_TARGET_RE, attr_blob)
        if rid and target:
            out[rid] = target
    return out


def _first_sheet_part(zf: zipfile.ZipFile) -> str:
    workbook = zf.read("xl/workbook.xml")
    match = _SHEET_RE.search(workbook) or _SHEET_RID_RE.search(workbook)
    if not match:
        raise WorkbookError("the workbook lists no sheet")
    target = _relationships(zf, "xl/workbook.xml").get(match.group(1).decode())
    if not target:
        raise WorkbookError("the workbook's first sheet has no part")
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def read_hyperlinks(zf: zipfile.ZipFile) -> dict[tuple[int, int], str]:
    part = _first_sheet_part(zf)
    xml = zf.read(part)
    block = _HYPERLINKS_RE.search(xml)
    if not block:
        return {}
    rels = _relationships(zf, part)
    links: dict[tuple[int, int], str] = {}
    body = block.group(1)
    fast = _HYPERLINK_FAST_RE.findall(body)
    if len(fast) == body.count(b"<hyperlink ") + body.count(b":hyperlink "):
        for ref, rid in fast:
            target = rels.get(rid.decode())
            cell = _cell_index(ref.decode())
            if target and cell:
                links[cell] = target
        return links
    for attr_blob in _HYPERLINK_RE.findall(body):
        target = rels.get(_attr(_RID_RE, attr_blob) or "")
        cell = _cell_index(_attr(_REF_RE, attr_blob) or "")
        if target and cell:
            links[cell] = target
    return links


def read_sheet(content: bytes) -> Sheet:
    """Reads the first sheet of the workbook in `content`. Raises WorkbookError for anything unreadable."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(content))
        links = read_hyperlinks(zf)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WorkbookError(f"not an .xlsx workbook ({exc})") from exc
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        sheet_count = len(workbook.sheet_names)
    except Exception as exc:  # calamine raises its own error types for damaged parts
        raise WorkbookError(f"the workbook cannot be read ({exc})") from exc
    return Sheet(rows=rows, links=links, sheet_count=sheet_count)
