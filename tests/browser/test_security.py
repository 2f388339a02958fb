"""In Chromium, under the Content-Security-Policy: charts, maps and the API docs work, with no policy
violation in the console (issue 17.6), and /api/docs needs nothing but the server (issue 17.7)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_server, pytest.mark.xdist_group("browser")]

PAGES = ["/", "/states/TX/", "/funding/", "/measures/", "/complaints/new/", "/complaints/status/",
         "/office/login/", "/api/docs"]  # fmt: skip


def test_every_page_runs_under_the_policy_without_violations(page: Any, base_url: str) -> None:
    for path in PAGES:
        response = page.goto(base_url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        assert page.errors == [], (path, page.errors)


def test_charts_and_maps_draw_under_the_policy(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_function("() => window.Chart && Chart.getChart('growth-chart')")
    assert page.locator("svg.g287-map-states path[data-state]").count() > 50
    # The styles moved from the SVG into portal.css still apply.
    assert page.locator("svg.g287-map-states").evaluate("e => getComputedStyle(e).display") == "block"
    page.locator("#county-map").scroll_into_view_if_needed()
    page.wait_for_selector("svg.g287-map-counties path[data-fips]", timeout=20_000)
    page.goto(base_url + "/funding/")
    page.wait_for_load_state("load")
    assert page.errors == []


def test_api_docs_work_offline(page: Any, base_url: str) -> None:
    elsewhere: list[str] = []

    def only_the_server(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_server)
    page.goto(base_url + "/api/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "g287 API" in page.locator(".swagger-ui .info .title").inner_text()
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert elsewhere == []
    assert page.errors == []
