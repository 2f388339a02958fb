"""Growth between any two dates, on the shipped registry: the API, the dashboard's compare box with both
dates, the pending card with its list's date, and the chart's pending line and milestones."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from g287.portal import schemas

pytestmark = pytest.mark.django_db


def test_api_growth_between_two_dates() -> None:
    response = Client().get("/api/growth?from=2025-01-20&to=2025-09-18")
    assert response.status_code == 200
    data = response.json()
    schemas.Growth.model_validate(data)
    assert data["from"]["agreements"] == 135 and data["to"]["agreements"] == 1000
    assert data["change"] == 865 and data["percent"] == 640.7
    # Each figure names its list: the one in force on that date.
    assert data["from"]["snapshot"]["date"] <= "2025-01-20" and data["to"]["snapshot"]["date"] == "2025-09-18"
    # Before the first list the count is unknown, not zero: no change and no rate either.
    before = Client().get("/api/growth?from=2019-01-01&to=2025-09-18").json()
    assert before["from"] == {"date": "2019-01-01", "agreements": None, "snapshot": None}
    assert (before["change"], before["percent"]) == (None, None)


def test_stats_before_any_list_are_unknown_not_zero() -> None:
    """No participating list by 2020-06-01 and no pending list by 2021-02-01: those figures are null in
    the API and left out by `g287 stats`, never 0."""
    early = Client().get("/api/stats?as_of=2020-06-01").json()
    assert early["snapshot"] is None
    assert [early[k] for k in ("agreements", "agencies", "states", "by_model", "pending")] == [None] * 5
    later = Client().get("/api/stats?as_of=2021-02-01").json()
    assert later["agreements"] > 0 and later["pending_snapshot"] is None and later["pending"] is None
    out = StringIO()
    call_command("stats", "--as-of", "2021-02-01", stdout=out)
    assert "no pending list yet" in out.getvalue() and "0 pending" not in out.getvalue()
    out = StringIO()
    call_command("stats", "--as-of", "2020-06-01", stdout=out)
    assert "no list published yet" in out.getvalue() and "0 agreements" not in out.getvalue()
    dashboard = Client().get("/api/dashboard?since=2020-06-01").json()
    assert dashboard["baseline"]["agreements"] is None and dashboard["growth_percent"] is None
    assert Client().get("/api/dashboard").json()["growth_percent"] == 1265.2  # as the page: one decimal


@pytest.mark.parametrize("query", ["from=2025-09-18&to=2025-01-20", "from=yesterday", "to=2025-13-01"])
def test_api_growth_bad_dates_are_422(query: str) -> None:
    assert Client().get(f"/api/growth?{query}").status_code == 422


def test_openapi_lists_growth() -> None:
    assert "/api/growth" in Client().get("/api/openapi.json").json()["paths"]


def test_dashboard_compares_any_two_dates() -> None:
    html = Client().get("/?since=2025-01-20&until=2025-09-18").content.decode()
    figures = re.search(r'id="growth-figures">(.*?)</p>', html, re.S)
    assert figures is not None
    text = " ".join(figures.group(1).split())
    assert "<strong>135</strong> agreements on 2025-01-20 → <strong>1,000</strong> on 2025-09-18" in text
    assert '<span class="pct" id="growth-percent">+640.7%</span>' in text
    assert 'value="2025-01-20"' in html and 'id="until" name="until" value="2025-09-18"' in html
    assert Client().get("/?since=2025-09-18&until=2025-01-20").status_code == 400


def test_dashboard_compare_in_spanish() -> None:
    client = Client()
    client.cookies["django_language"] = "es"
    html = client.get("/?since=2025-01-20&until=2025-09-18").content.decode()
    assert "<strong>135</strong> acuerdos el 2025-01-20" in html and "+640,7\u00a0%" in html


def test_dashboard_pending_card_and_chart_data() -> None:
    html = Client().get("/").content.decode()
    card = re.search(r'<div class="card card-pending" id="pending-card">(.*?)</div>', html, re.S)
    assert card is not None and "pending requests, on the" in card.group(1)
    assert re.search(
        r'href="/snapshots/\d{14}-[0-9a-f]+/">pending list of \d{4}-\d\d-\d\d</a>', card.group(1)
    )
    pending = json.loads(
        re.search(r'<script id="pending-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert len(pending) > 100 and all({"date", "pending"} == set(p) for p in pending)
    milestones = json.loads(
        re.search(r'<script id="milestones-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert [m["date"] for m in milestones] == ["2025-01-20", "2025-10-01"]
