"""New portal features in Chromium: the search box answering as you type (both languages), the compare
box with two dates, and the growth chart's pending line and milestones."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_server, pytest.mark.xdist_group("browser")]


def spanish(page: Any, base_url: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": base_url}])


@pytest.mark.parametrize(("language", "heading"), [("en", "Counties"), ("es", "Condados")])
def test_search_box_answers_as_you_type(page: Any, base_url: str, language: str, heading: str) -> None:
    if language == "es":
        spanish(page, base_url)
    page.goto(base_url + "/")
    page.locator("#find-q").press_sequentially("harrison county sher", delay=30)
    page.locator("#find-agencies li", has_text="Harrison County Sheriff").first.wait_for()
    assert page.url == base_url + "/"  # answered in place, no page load
    page.locator("#find-q").fill("harris")
    texas = page.locator("#find-counties li", has_text="Harris County, Texas")
    texas.wait_for()
    assert texas.count() == 1 and heading in page.locator("#find-results h3").all_text_contents()
    texas.locator("a[href^='/agencies/']").first.click()
    page.wait_for_url(re.compile(r"/agencies/TX-"))
    assert page.errors == []


def test_compare_any_two_dates_and_the_chart_marks(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#since", "2025-01-20")
    page.fill("#until", "2025-09-18")
    page.click("#compare-form button[type=submit]")
    page.wait_for_url(re.compile(r"since=2025-01-20&until=2025-09-18"))
    assert page.inner_text("#growth-percent") == "+640.7%"
    assert "135 agreements on 2025-01-20 → 1,000 on 2025-09-18" in page.inner_text("#growth-figures")
    page.wait_for_function("() => window.Chart && Chart.getChart('growth-chart')")
    labels = page.evaluate("() => Chart.getChart('growth-chart').data.datasets.map(d => d.label)")
    assert "Pending requests" in labels
    plugins = page.evaluate("() => Chart.getChart('growth-chart').config.plugins.map(p => p.id)")
    assert "g287Milestones" in plugins
    assert "pending list of" in page.inner_text("#pending-card")
    assert page.errors == []


def test_embed_frames_on_another_site_and_nothing_else_does(page: Any, base_url: str) -> None:
    # A page of another origin (about:blank) framing the state embed and, for contrast, the state page.
    page.set_content(
        f'<iframe id="embed" src="{base_url}/embed/states/TX/" width="600" height="380"></iframe>'
        f'<iframe id="page" src="{base_url}/states/TX/" width="600" height="380"></iframe>'
    )
    embed = page.frame_locator("#embed")
    assert int(embed.locator("#embed-agreements").inner_text().replace(",", "")) > 100
    assert "ICE list of" in embed.locator(".embed-source").inner_text()
    # The state page itself refuses to be framed: Chromium shows its error page in that frame.
    refused = page.locator("#page").element_handle().content_frame()
    refused.wait_for_load_state()
    assert refused.url.startswith("chrome-error://") and refused.locator("h1", has_text="Texas").count() == 0


def test_copy_embed_code(page: Any, base_url: str) -> None:
    page.goto(base_url + "/states/TX/")
    page.click("#embed-code summary")
    code = page.input_value("#embed-snippet")
    assert code.startswith(f'<iframe src="{base_url}/embed/states/TX/"')
    page.click("#embed-copy")
    # The clipboard answers asynchronously: wait for the words rather than read them at once.
    page.wait_for_function("() => document.querySelector('#embed-copied').textContent === 'Copied'")
    assert page.evaluate("() => document.activeElement.id") == "embed-snippet"
    assert page.errors == []
