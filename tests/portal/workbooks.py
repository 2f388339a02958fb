"""Three hand-made ICE lists, written with openpyxl in ICE's July 2025 layout, so the portal's tests need
nothing from ../shared and know every expected figure.

    2025-07-15 participating: Harris County SO (TX, JEM), Houston PD (TX, WSO), Florida Highway Patrol (FL, TFM)
    2025-07-20 pending:       Dallas County SO (TX, TFM)
    2025-08-01 participating: Harris County SO (JEM, and a new TFM), Florida Highway Patrol (TFM, its MOA now
                              posted), Guam Police Department (GU, TFM); Houston PD is gone.

So on the newest list: 4 agreements, 3 agencies, 3 states and territories (TX, FL, GU), by model JEM 1,
TFM 3, WSO 0; statuses: 4 active, 1 ended (Houston), 1 pending (Dallas).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

HEADER = ("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA", "ADDENDUM")
PENDING_HEADER = ("STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE")
MOA = "https://www.ice.gov/doclib/287gMOA/287g{}.pdf"

HARRIS_JEM = ("TEXAS", "Harris County Sheriff's Office", "County", "Harris", "Jail Enforcement Model",
              date(2020, 1, 6), "link", MOA.format("HarrisJEM"))  # fmt: skip
HOUSTON_WSO = ("TEXAS", "Houston Police Department", "Municipality", "Harris", "Warrant Service Officer",
               date(2019, 5, 1), "link pending", None)  # fmt: skip
FHP_PENDING_LINK = ("FLORIDA", "Florida Highway Patrol", "State Agency", "#N/A", "Task Force Model",
                    date(2025, 2, 26), "link pending", None)  # fmt: skip
FHP_POSTED = (*FHP_PENDING_LINK[:6], "link", MOA.format("FloridaHighwayPatrolTFM"))
HARRIS_TFM = ("TEXAS", "Harris County Sheriff's Office", "County", "Harris", "Task Force Model",
              date(2025, 7, 22), "link", MOA.format("HarrisTFM"))  # fmt: skip
GUAM_TFM = ("GUAM", "Guam Police Department", "State Agency", "#N/A", "Task Force Model",
            date(2025, 7, 28), "link pending", None)  # fmt: skip
DALLAS_PENDING = ("TEXAS", "Dallas County Sheriff's Office", "County", "Dallas", "Task Force Model")

LATEST = date(2025, 8, 1)
FIRST = date(2025, 7, 15)


def _participating(path: Path, rows: list[tuple[object, ...]]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        *values, url = row
        sheet.append(values)
        if url:
            sheet.cell(row=sheet.max_row, column=7).hyperlink = str(url)
    book.save(path)


def _pending(path: Path, rows: list[tuple[object, ...]]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(PENDING_HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def write_workbooks(folder: Path) -> list[Path]:
    """Writes the three lists into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / "participatingAgencies07152025am.xlsx"
    pending = folder / "pendingAgencies07202025am.xlsx"
    latest = folder / "participatingAgencies08012025am.xlsx"
    _participating(first, [HARRIS_JEM, HOUSTON_WSO, FHP_PENDING_LINK])
    _pending(pending, [DALLAS_PENDING])
    _participating(latest, [HARRIS_JEM, HARRIS_TFM, FHP_POSTED, GUAM_TFM])
    return [first, pending, latest]
