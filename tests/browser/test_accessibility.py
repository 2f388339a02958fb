"""WCAG 2.1 A and AA in Chromium: axe-core (bundled by axe-playwright-python) over every public page at
1400 and 320 px in English and Spanish, with zero violations; and the keyboard alone filtering the
agreements and filing a complaint that is refused, then corrected."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_server, pytest.mark.xdist_group("browser")]

PAGES = (
    "/", "/agreements/", "/agreements/?state=AK", "/states/", "/states/TX/",
    "/agencies/TX-harrison-county-sheriffs-office/", "/changes/", "/snapshots/", "/funding/", "/measures/",
    "/notices/", "/meetings/", "/complaints/new/", "/complaints/status/", "/methodology/",
    "/maps/counties/?state=TX", "/find/?q=harris",
)  # fmt: skip
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def violations(page: Any) -> list[str]:
    page.evaluate(axe_source())
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 3)"
        ".map(n => n.target.join(' ')).join(' | ')))",
        TAGS,
    )
    return list(found)


@pytest.mark.parametrize("width", [1400, 320])
@pytest.mark.parametrize("language", ["en", "es"])
def test_no_wcag_violations_on_any_public_page(page: Any, base_url: str, language: str, width: int) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for path in PAGES:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        found = violations(page)
        if found:
            problems[path] = found
    assert problems == {}


def test_keyboard_only_filtering(page: Any, base_url: str) -> None:
    page.goto(base_url + "/agreements/")
    everything = page.locator("#result-count").get_attribute("data-count")
    # From the top of the page, Tab until the state filter has focus, then choose Texas with the keys.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "f-state":
            break
    assert page.evaluate("() => document.activeElement.id") == "f-state"
    page.keyboard.type("Texas")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"state=TX"))
    page.wait_for_function(f"() => document.querySelector('#result-count').dataset.count !== '{everything}'")
    # The change is announced: the live region says how many match now.
    texas = page.locator("#result-count").get_attribute("data-count")
    assert page.locator("#results-status[role=status]").inner_text().startswith(texas)
    # A selected facet's remove link says what it removes.
    name = page.locator(".facet li.selected a").first.evaluate("a => a.innerText")
    assert name.startswith("Remove the filter") and "TX" in name
    assert page.errors == []


def test_keyboard_only_complaint_refused_then_corrected(page: Any, base_url: str) -> None:
    page.goto(base_url + "/complaints/new/")
    page.locator("#agency-search").focus()
    page.keyboard.type("harrison county sheriff tx")
    page.wait_for_function("() => document.querySelector('#agency-search-count').textContent !== ''")
    page.keyboard.press("Enter")  # goes to the list, with the one match selected
    assert page.evaluate("() => document.activeElement.id") == "id_agency"
    assert page.input_value("#id_agency") == "TX-harrison-county-sheriffs-office"
    page.keyboard.press("Tab")  # the kind of agreement: left as "I don't know"
    page.keyboard.press("Tab")  # the category
    page.keyboard.press("ArrowDown")
    # Submit without a description: refused, and focus lands on the error summary, not on <body>.
    page.locator("#complaint-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'error-summary'")
    assert page.title().startswith("Error:")
    assert "What happened" in page.inner_text("#error-summary")
    # Follow the summary's link to the field, type the description, send.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'id_description'")
    page.keyboard.type("Held after release time without any explanation.")
    page.locator("#complaint-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/complaints/received/"))
    # The refused submission is answered 400 on purpose; Chromium logs that status, nothing else.
    assert [e for e in page.errors if "status of 400" not in e] == []
