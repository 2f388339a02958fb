"""The downloads' XLSX writer: what a spreadsheet reader gets back from it."""

import io
from datetime import date, datetime

from openpyxl import load_workbook

from g287.core.xlsx import workbook


def test_values_come_back_as_written() -> None:
    rows = [
        ["Harris County", 3, 12.5, date(2025, 7, 22), datetime(2025, 7, 22, 9, 30), True, ""],
        ["  spaced  ", -4, 0, None, "'=1+1", False, "a < b & c"],
    ]
    data = workbook(["name", "n", "x", "day", "at", "flag", "note"], rows, "g287-agreements-TX")
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None and sheet.title == "g287-agreements-TX"
    got = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert got[0] == ["name", "n", "x", "day", "at", "flag", "note"]
    assert got[1] == [
        "Harris County",
        3,
        12.5,
        datetime(2025, 7, 22),
        datetime(2025, 7, 22, 9, 30),
        True,
        None,
    ]
    assert got[2] == ["  spaced  ", -4, 0, None, "'=1+1", False, "a < b & c"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_characters_xml_cannot_carry_are_dropped_and_long_names_cut() -> None:
    data = workbook(["name"], [["bell\x07 and nul\x00 here"]], "x" * 40 + "[a]")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet.title == "x" * 31
    assert sheet["A2"].value == "bell and nul here"
