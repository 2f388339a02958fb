"""Builds workbooks shaped like ICE's lists, hyperlinks included, for tests that must not need ../shared."""

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook

PARTICIPATING = [
    "STATE",
    "LAW ENFORCEMENT AGENCY",
    "TYPE",
    "COUNTY",
    "SUPPORT TYPE",
    "SIGNED",
    "MOA",
    "ADDENDUM",
]
HTML_ERA = ["STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE", "SIGNED", "MOA"]
PENDING = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE"]
MOA_BASE = "https://www.ice.gov/doclib/287gMOA/"
SHEET = "xl/worksheets/sheet1.xml"


@dataclass
class Agreement:
    state: str = "TEXAS"
    agency: str = "Harris County Sheriff's Office"
    type: str = "County"
    county: str = "Harris County"
    model: str = "Task Force Model"
    signed: date | str | None = date(2025, 3, 1)
    moa: str | None = "HarrisCoTX_TFM_MOA.pdf"  # a file name under MOA_BASE, "pending", or None
    addendum: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def cell(self, header: str) -> object:
        values: dict[str, object] = {
            "STATE": self.state,
            "LAW ENFORCEMENT AGENCY": self.agency,
            "TYPE": self.type,
            "COUNTY": self.county,
            "SUPPORT TYPE": self.model,
            "SIGNED": self.signed,
        }
        return self.extra.get(header, values.get(" ".join(header.upper().split()), ""))


def workbook(rows: list[Agreement], headers: list[str] | None = None) -> bytes:
    headers = headers or PARTICIPATING
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for r, agreement in enumerate(rows, start=2):
        for c, header in enumerate(headers, start=1):
            key = " ".join(header.upper().split())
            cell = sheet.cell(row=r, column=c)
            if key in {"MOA", "ADDENDUM"}:
                target = agreement.moa if key == "MOA" else agreement.addendum
                if target == "pending":
                    cell.value = "link pending"
                elif target:
                    cell.value = "link"
                    cell.hyperlink = target if target.startswith("http") else MOA_BASE + target
            else:
                cell.value = agreement.cell(header)  # type: ignore[assignment]
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def write(folder: Path, name: str, rows: list[Agreement], headers: list[str] | None = None) -> Path:
    path = folder / name
    path.write_bytes(workbook(rows, headers))
    return path


def rewrite(content: bytes, part: str, change: Callable[[bytes], bytes | None]) -> bytes:
    """The workbook with one zip part rewritten (None drops the part), for files no writer would make."""
    source = zipfile.ZipFile(BytesIO(content))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data: bytes | None = source.read(info.filename)
            if info.filename == part:
                data = change(data or b"")
            if data is not None:
                target.writestr(info.filename, data)
    return out.getvalue()


def add_cells(content: bytes, xml: str) -> bytes:
    """The workbook with raw XML (rows and cells) added at the end of its sheet's data."""
    return rewrite(content, SHEET, lambda data: data.replace(b"</sheetData>", xml.encode() + b"</sheetData>"))
