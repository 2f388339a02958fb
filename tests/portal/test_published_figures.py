"""Figures as ICE published them, on the shipped registry of every real list: the pending count is the
count of the pending list (never g287's inference), a comparison with no list counts nothing (null, not
0), and a comparison from before the first list says the record starts there."""

from __future__ import annotations

import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from g287.portal import schemas

pytestmark = pytest.mark.usefixtures("history_db")


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- 1. the pending count is the published list's ------------------------------------------------------


def test_the_pending_card_shows_the_published_list_count_and_says_both_were_signed_since() -> None:
    # pendingAgencies02272026am.xlsx lists Franklin County SO (AR), TFM and WSO; both are on the
    # participating list from 2026-03-02. ICE never published 0 pending requests.
    html = Client().get("/").content.decode()
    card = re.search(r'<div class="card card-pending" id="pending-card">(.*?)</div>', html, re.S)
    assert card is not None
    assert "<strong>2</strong>" in card.group(1) and "<strong>0</strong>" not in card.group(1)
    note = re.search(r'<p class="source pending-source">(.*?)</p>', html, re.S)
    assert note is not None
    assert "2 on the list; both since signed" in _text(note.group(1))


def test_the_pending_card_in_spanish() -> None:
    client = Client()
    client.cookies["django_language"] = "es"
    html = client.get("/").content.decode()
    note = re.search(r'<p class="source pending-source">(.*?)</p>', html, re.S)
    assert note is not None and "2 en la lista; las dos firmadas después" in _text(note.group(1))


@pytest.mark.parametrize("url", ["/api/stats", "/api/stats?as_of=2026-04-01", "/api/stats?as_of=2026-05-18"])
def test_api_stats_pending_is_the_published_count_with_the_signed_ones_apart(url: str) -> None:
    data = Client().get(url).json()
    schemas.Stats.model_validate(data)
    assert data["pending_snapshot"]["file"] == "pendingAgencies02272026am.xlsx"
    assert (data["pending"], data["pending_signed"]) == (2, 2)


def test_api_dashboard_pending_is_the_published_count() -> None:
    data = Client().get("/api/dashboard").json()
    assert (data["pending"], data["pending_signed"]) == (2, 2)


def test_a_fresh_pending_list_counts_all_its_rows() -> None:
    data = Client().get("/api/stats?as_of=2025-09-18").json()
    assert data["pending_stale"] is False and data["pending"] == 35


def test_the_growth_series_pending_line_ends_on_the_published_count() -> None:
    html = Client().get("/").content.decode()
    series = json.loads(
        re.search(r'<script id="pending-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert series[-1] == {"date": "2026-02-27", "pending": 2}
    stats = Client().get("/api/stats?as_of=2025-09-18").json()
    by_day = {p["date"]: p["pending"] for p in series}
    assert by_day[stats["pending_snapshot"]["date"]] == stats["pending"]


def test_cli_stats_says_the_published_count_and_the_signed_ones() -> None:
    out = StringIO()
    call_command("stats", "--as-of", "2026-04-01", stdout=out)
    text = out.getvalue()
    assert "2 pending requests" in text and "0 pending requests" not in text
    assert "2 on the list; both since signed" in text


# --- 2. no list at the end date: no counts -------------------------------------------------------------


def test_changes_before_any_list_show_no_counts() -> None:
    client = Client()
    html = client.get("/changes/?from=2020-01-01&to=2020-06-01").content.decode()
    assert "No list had been published by these dates." in html
    assert "added ·" not in _text(html) and "<strong>0</strong>" not in html
    data = client.get("/api/changes?from=2020-01-01&to=2020-06-01").json()
    schemas.Changes.model_validate(data)
    assert data["counts"] is None and data["from_snapshot"] is None and data["to_snapshot"] is None
    # No file: a header-only CSV would read as "no changes".
    for fmt in ("csv", "xlsx", "json"):
        response = client.get(f"/changes/?from=2020-01-01&to=2020-06-01&format={fmt}")
        assert response.status_code == 404
        assert "No list had been published by 2020-06-01" in response.content.decode()
    assert 'class="downloads"' not in html


# --- 3. from before the first list: the record begins there --------------------------------------------


def test_changes_from_before_the_first_list_count_from_it() -> None:
    client = Client()
    data = client.get("/api/changes?from=2020-01-01&to=2021-01-13").json()
    schemas.Changes.model_validate(data)
    assert data["from_snapshot"] is None and data["before_first_list"] is True
    first = data["first_list"]
    assert first["file"] == "ParticipatingEntities-20210113002027.xlsx" and first["agreements"] == 150
    assert data["baseline_snapshot"]["file"] == first["file"]
    # The 150 are the record's start, not agreements added between the two dates.
    assert data["counts"] == {"added": 0, "removed": 0, "changed": 0} and data["added"] == []
    html = client.get("/changes/?from=2020-01-01&to=2021-01-13").content.decode()
    text = _text(html)
    assert "g287's record begins with the ICE list of 2021-01-13 (150 agreements)" in text
    assert "counted from it" in text and "150 added" not in text
    ordinary = client.get("/api/changes?from=2025-07-16&to=2025-08-01").json()
    assert ordinary["before_first_list"] is False and ordinary["first_list"] is None
    assert ordinary["baseline_snapshot"] == ordinary["from_snapshot"]


def test_cli_changes_from_before_the_first_list() -> None:
    out = StringIO()
    call_command("changes", "--from", "2020-01-01", "--to", "2021-01-13", stdout=out)
    assert "record begins with the ICE list of 2021-01-13 (150 agreements)" in out.getvalue()
    none = StringIO()
    call_command("changes", "--from", "2020-01-01", "--to", "2020-06-01", stdout=none)
    assert "0 added" not in none.getvalue() and "No list had been published" in none.getvalue()


# --- 5. the changes sheet keeps both dates ---------------------------------------------------------------


def test_changes_xlsx_sheet_title_keeps_both_dates() -> None:
    response = Client().get("/changes/?from=2025-09-08&to=2025-09-15&format=xlsx")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    (title,) = book.sheetnames
    assert "2025-09-08" in title and "2025-09-15" in title and len(title) <= 31
