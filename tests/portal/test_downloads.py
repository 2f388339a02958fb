"""Every list downloads as CSV, XLSX and JSON with the page's filters, one row per record."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from g287.registry.models import Snapshot
from tests.portal.workbooks import LATEST

pytestmark = pytest.mark.usefixtures("registry", "db")


def csv_rows(client: Client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_agreements_csv_keeps_the_filters_and_ignores_the_page(client: Client) -> None:
    rows = csv_rows(client, "/agreements/?state=TX&status=active&per_page=1&page=2&format=csv")
    assert sorted(r["id"] for r in rows) == [
        "TX-harris-county-sheriffs-office#JEM",
        "TX-harris-county-sheriffs-office#TFM",
    ]
    assert rows[0]["signed"] and rows[0]["moa_url"].startswith("https://www.ice.gov/")


def test_agreements_xlsx(client: Client) -> None:
    response = client.get("/agreements/?model=TFM&status=all&format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "agency_id", "state")
    assert len(rows) - 1 == 4  # FL, GU, Harris TFM, Dallas (pending)
    assert response["Content-Disposition"] == (
        f'attachment; filename="g287-agreements-TFM-all-statuses-{LATEST.isoformat()}.xlsx"'
    )


def test_download_names_say_the_filters_and_the_list_date(client: Client) -> None:
    day = LATEST.isoformat()
    names = {
        "/agreements/?state=TX&model=TFM&format=csv": f"g287-agreements-TX-TFM-{day}.csv",
        "/agreements/?format=csv": f"g287-agreements-{day}.csv",
        "/agreements/?status=ended&q=Harris+County&format=csv": f"g287-agreements-ended-harris-county-{day}.csv",
        "/states/?format=csv": f"g287-states-{day}.csv",
        "/states/TX/?format=csv": f"g287-TX-agencies-{day}.csv",
        "/states/TX/?status=all&format=csv": f"g287-TX-agencies-all-statuses-{day}.csv",
        "/states/TX/?status=ended&format=csv": f"g287-TX-agencies-ended-{day}.csv",
    }
    for url, name in names.items():
        assert client.get(url)["Content-Disposition"] == f'attachment; filename="{name}"', url


def test_agreements_json_has_source_filters_and_results(client: Client) -> None:
    data = json.loads(client.get("/agreements/?state=GU&format=json").content)
    assert data["count"] == 1 and data["filters"] == {"state": "GU", "status": "active"}
    assert data["source"]["date"] == LATEST.isoformat()
    assert data["results"][0]["id"] == "GU-guam-police-department#TFM"


@pytest.mark.parametrize(
    ("url", "count"),
    [
        ("/changes/?from=2025-07-25&to=2025-08-01", 4),  # 2 added, 1 removed, 1 changed
        ("/agencies/TX-harris-county-sheriffs-office/", None),
        ("/states/TX/", 1),  # Harris (active), as the page opens
        ("/states/TX/?status=all", 3),  # Harris, Houston (ended), Dallas (pending)
        ("/states/", 3),
        ("/snapshots/", 3),
        ("/", 3),
    ],
)
def test_every_list_downloads_in_three_formats(client: Client, url: str, count: int | None) -> None:
    sep = "&" if "?" in url else "?"
    rows = csv_rows(client, f"{url}{sep}format=csv")
    if count is not None:
        assert len(rows) == count
    book = client.get(f"{url}{sep}format=xlsx")
    assert book.status_code == 200 and book.content[:2] == b"PK"
    data = json.loads(client.get(f"{url}{sep}format=json").content)
    assert data["count"] == len(rows) == len(data["results"])


def test_snapshot_rows_download(client: Client) -> None:
    key = Snapshot.objects.get(date=LATEST).order_key
    rows = csv_rows(client, f"/snapshots/{key}/?format=csv")
    assert len(rows) == 4 and {r["state"] for r in rows} == {"TX", "FL", "GU"}


def test_unknown_format_is_400(client: Client) -> None:
    assert client.get("/agreements/?format=docx").status_code == 400
