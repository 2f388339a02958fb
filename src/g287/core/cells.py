"""Cells of CSV and XLSX downloads: text a spreadsheet would run as a formula is neutralised."""

import re
from typing import Any

# A spreadsheet runs a cell starting with one of these as a formula (or a DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number (a negative amount) is no formula and stays a number.
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def safe_text(text: str) -> str:
    """`text`, with a leading apostrophe when it would start a formula (OWASP's CSV injection advice):
    an agency named `=HYPERLINK(…)` shows as that text and never runs."""
    if text[:1] in FORMULA_STARTS and not _NUMBER.fullmatch(text):
        return f"'{text}"
    return text


def safe_cell(value: Any) -> Any:
    """A download cell: text made safe; numbers, dates and the rest as they are."""
    return safe_text(value) if isinstance(value, str) else value


def safe_row(values: list[Any]) -> list[Any]:
    return [safe_cell(value) for value in values]


def column_letter(index: int) -> str:
    """A spreadsheet's name for the 0-based column `index`: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
