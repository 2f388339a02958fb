"""The public portal in Chromium against a live gunicorn: chart, map, state links, filters in the URL,
downloads that match the count on the page, and no console errors."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_server, pytest.mark.xdist_group("browser")]


def count_on(page: Any) -> int:
    return int(page.locator("#result-count").get_attribute("data-count"))


def test_dashboard_has_a_chart_and_a_map(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_function("() => window.Chart && Chart.getChart('growth-chart')")
    points = page.evaluate(
        "() => Chart.getChart('growth-chart').data.datasets"
        ".reduce((n, d) => n + d.data.filter(p => p.y > 0).length, 0)"
    )
    assert points > 0
    box = page.locator("#growth-chart").bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    shapes = page.locator("svg.g287-map-states path[data-state]")
    codes = set(shapes.evaluate_all("els => els.map(e => e.dataset.state)"))
    assert {"TX", "CA", "FL", "NY", "GU", "MP", "AK", "HI"} <= codes and len(codes) >= 51
    assert page.errors == []


def test_clicking_a_state_opens_its_page(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.locator('svg.g287-map-states a[href="/states/TX/"]').click()
    page.wait_for_url(re.compile(r"/states/TX/$"))
    assert page.locator("h1").inner_text() == "Texas"
    page.wait_for_function("() => window.Chart && Chart.getChart('growth-chart')")
    assert page.errors == []


def test_filters_change_the_table_and_the_url(page: Any, base_url: str) -> None:
    page.goto(base_url + "/agreements/")
    everything = count_on(page)
    page.select_option("#f-state", "TX")
    page.wait_for_url(re.compile(r"state=TX"))
    page.wait_for_function(f"() => document.querySelector('#result-count').dataset.count != '{everything}'")
    texas = count_on(page)
    assert 0 < texas < everything
    page.select_option("#f-model", "TFM")
    page.wait_for_url(re.compile(r"state=TX.*model=TFM|model=TFM.*state=TX"))
    page.wait_for_function(f"() => document.querySelector('#result-count').dataset.count != '{texas}'")
    rows = page.locator("#agreements-table tbody tr")
    assert rows.count() == min(count_on(page), 50)
    assert set(rows.locator("td:nth-child(2)").all_inner_texts()) == {"TX"}
    assert set(rows.locator("td:nth-child(3)").all_inner_texts()) == {"TFM"}
    # The URL is the view: opening it afresh shows the same filtered table.
    page.goto(page.url)
    assert page.locator("#f-state").input_value() == "TX" and page.locator("#f-model").input_value() == "TFM"
    assert page.errors == []


def test_csv_download_has_the_filtered_count(page: Any, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/agreements/?state=TX&status=active")
    expected = count_on(page)
    with page.expect_download() as info:
        page.locator(".downloads a", has_text="CSV").click()
    target = tmp_path / "agreements.csv"
    info.value.save_as(target)
    with target.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == expected > 0
    assert {r["state"] for r in rows} == {"TX"} and {r["status"] for r in rows} == {"active"}


def test_no_console_errors_on_any_page(page: Any, base_url: str) -> None:
    page.goto(base_url + "/agreements/?state=TX")
    agency = page.locator("#agreements-table tbody a").first.get_attribute("href")
    page.goto(base_url + "/snapshots/")
    snapshot = page.locator("table a").first.get_attribute("href")
    for path in ["/", "/?since=2025-07-01", "/agreements/", "/agreements/?model=WSO&sort=-signed", agency,
                 "/states/", "/states/TX/", "/states/WY/", "/changes/", "/snapshots/", snapshot]:  # fmt: skip
        response = page.goto(base_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        assert page.errors == [], (path, page.errors)
