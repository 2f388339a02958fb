"""The county maps and the coverage figures in Chromium against the live server (whose registry was
matched by `g287 agencies match`), with no console errors."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_server, pytest.mark.xdist_group("browser")]


def number(text: str) -> int:
    return int(re.sub(r"[^0-9]", "", text) or 0)


def test_dashboard_shows_coverage_and_the_county_map(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert number(page.locator("#reach-population").inner_text()) > 10_000_000
    assert number(page.locator("#reach-counties").inner_text()) > 100
    assert page.locator("#reach-share").inner_text().endswith("%")
    # The county map is not in the page: it arrives when scrolled into view.
    assert page.locator("svg.g287-map-counties").count() == 0
    page.locator("#county-map").scroll_into_view_if_needed()
    page.wait_for_selector("svg.g287-map-counties path[data-fips]", timeout=20_000)
    counties = page.locator("svg.g287-map-counties path[data-fips]")
    assert counties.count() > 3000
    shaded = counties.evaluate_all("els => els.filter(e => Number(e.dataset.value) > 0).length")
    assert shaded > 100
    assert page.errors == []


def test_state_page_shows_its_counties_and_an_agency_its_ori(page: Any, base_url: str) -> None:
    page.goto(base_url + "/states/TX/")
    assert number(page.locator("#reach-population").inner_text()) > 1_000_000
    page.locator("#county-map").scroll_into_view_if_needed()
    page.wait_for_selector("svg.g287-map-state-counties path[data-fips]", timeout=20_000)
    assert page.locator("svg.g287-map-state-counties path[data-fips]").count() == 254
    page.locator("a", has_text="Collin County Sheriff").first.click()
    page.wait_for_url(re.compile(r"/agencies/TX-collin-county-sheriffs-office/$"))
    assert page.locator("#agency-ori").inner_text().startswith("TX0430000")
    assert "Collin County" in page.locator("#agency-counties").inner_text()
    assert page.errors == []


def test_county_map_link_works_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        link = page.locator("#county-map a")
        href = link.get_attribute("href")
        # The map opens as a page in the site's frame (with a way back), drawn on the server.
        assert href and href.startswith("/maps/counties/")
        response = page.goto(base_url + href)
        assert response.status == 200 and response.headers["content-type"].startswith("text/html")
        assert page.locator("#county-map svg").count() == 1
        assert page.locator(".crumbs a").count() == 1
    finally:
        context.close()
