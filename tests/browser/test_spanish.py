"""The language switch in Chromium: Spanish on the dashboard and on the agreements page with filters
chosen (also after htmx has changed the URL), the choice sticking for later pages, the chart's legend in
Spanish, the header on a phone, and no console errors. Screenshots go to G287_SCREENSHOTS if set."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_server, pytest.mark.xdist_group("browser")]

NAV_ES = ["Resumen", "Acuerdos", "Estados", "Cambios", "Fuentes", "Fondos", "Indicadores", "Avisos", "API",
          "Presentar una queja"]  # fmt: skip


def nav_labels(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("header.site nav.site-nav a").all_inner_texts()]


def switch_to(page: Any, code: str) -> None:
    page.click(f'#language-switch button[value="{code}"]')
    page.wait_for_selector(f'html[lang="{code}"]')


def shot(page: Any, name: str) -> None:
    folder = os.environ.get("G287_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def test_dashboard_in_spanish(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?since=2025-01-20")
    assert nav_labels(page)[0] == "Overview"
    switch_to(page, "es")
    assert page.url == base_url + "/?since=2025-01-20"  # the same page, query string kept
    assert page.inner_text("h1") == "El programa 287(g) hoy"
    assert nav_labels(page) == NAV_ES
    assert page.locator('#language-switch button[value="es"]').get_attribute("aria-pressed") == "true"
    assert "Crecimiento" in page.inner_text("#growth-h")
    page.wait_for_function("() => window.Chart && Chart.getChart('growth-chart')")
    legend = page.evaluate("() => Chart.getChart('growth-chart').data.datasets.map(d => d.label)")
    assert any("Modelo de Control de Cárceles" in label for label in legend), legend
    shot(page, "dashboard-es-1280.png")

    # The choice sticks: the next page opened is in Spanish without asking again.
    page.goto(base_url + "/states/")
    assert page.inner_text("h1") == "Estados y territorios"
    page.goto(base_url + "/funding/")
    assert "Adónde va el dinero" in page.inner_text("h1")
    switch_to(page, "en")
    assert "Where the 287(g) money goes" in page.inner_text("h1")
    assert page.errors == []


def test_agreements_filters_survive_the_switch(page: Any, base_url: str) -> None:
    page.goto(base_url + "/agreements/?state=TX&model=JEM")
    count = int(page.locator("#result-count").get_attribute("data-count"))
    switch_to(page, "es")
    assert page.url == base_url + "/agreements/?state=TX&model=JEM"
    assert page.inner_text("h1") == "Acuerdos"
    assert page.locator("#f-state").input_value() == "TX"
    assert page.locator("#f-model").input_value() == "JEM"
    assert int(page.locator("#result-count").get_attribute("data-count")) == count
    assert "coincide" in page.inner_text("#result-count")
    assert "Filtros" in page.inner_text(".filters summary")

    # A filter chosen afterwards changes the URL through htmx, without a reload; switching back to
    # English still returns to the filtered list.
    page.select_option("#f-status", "all")
    page.wait_for_url(re.compile(r"status=all"))
    filtered = page.url
    switch_to(page, "en")
    assert page.url == filtered
    assert page.locator("#f-status").input_value() == "all"
    assert page.locator("#f-state").input_value() == "TX"
    assert "match" in page.inner_text("#result-count")
    assert page.errors == []


def test_phone_header_in_spanish(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(base_url + "/")
        switch_to(page, "es")
        assert nav_labels(page) == NAV_ES
        # Everything in the header fits the screen: no sideways scrolling, every link on it.
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, width
        for link in page.locator("header.site a, #language-switch button").all():
            box = link.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, link.inner_text()
        header = page.locator("header.site").bounding_box()
        assert header["height"] < 200, header
        shot(page, "dashboard-es-390.png")
        assert errors == []
    finally:
        context.close()
