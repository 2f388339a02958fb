"""The portal's fixes seen in Chromium: stat cards that hold any 9-digit figure at every width, the
Spanish headings and state names, plain words for FBI matches and for changes, priority columns on
narrow screens, the county map inside the site, the agreements list opening on the dashboard's figure,
download names, and the searchable agency list of the complaint form."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_server, pytest.mark.xdist_group("browser")]

WIDTHS = (320, 375, 800, 1024, 1400)
GARRETT = "/agencies/MD-garrett-county-sheriffs-office/"

# Every card's figure replaced by the widest 9-digit figure in the page's format, then measured: the
# text must not be wider than its box, and the box must stay inside its card.
OVERFLOWING_CARDS = """(figure) => {
  const bad = [];
  for (const strong of document.querySelectorAll('.card strong')) {
    strong.textContent = figure;
    const card = strong.closest('.card').getBoundingClientRect();
    const box = strong.getBoundingClientRect();
    if (strong.scrollWidth > strong.clientWidth + 1 || box.right > card.right + 0.5 || box.left < card.left - 0.5) {
      bad.push(`${strong.scrollWidth}>${strong.clientWidth} in a ${Math.round(card.width)} px card`);
    }
  }
  return {count: document.querySelectorAll('.card strong').length, bad};
}"""


def spanish(page: Any, base_url: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": base_url}])


@pytest.mark.parametrize("language", ["en", "es"])
def test_cards_fit_any_nine_digit_figure_from_320_to_1400_px(page: Any, base_url: str, language: str) -> None:
    if language == "es":
        spanish(page, base_url)
    figure = "999,999,999" if language == "en" else "999\u00a0999\u00a0999"
    for path in ("/", "/states/TX/"):
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base_url + path)
            # The real figures first (48,743,151 was cut to "48,743,15"), then the widest possible.
            real = page.evaluate(
                "() => [...document.querySelectorAll('.card strong')]"
                ".filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.textContent)"
            )
            assert real == [], (path, width, real)
            result = page.evaluate(OVERFLOWING_CARDS, figure)
            assert result["count"] >= 5 and result["bad"] == [], (path, width, result)
    assert page.errors == []


def test_spanish_headings_state_names_and_numbers(page: Any, base_url: str) -> None:
    spanish(page, base_url)
    page.goto(base_url + "/agreements/")
    facets = page.locator(".facet h2").all_inner_texts()
    columns = [t.strip() for t in page.locator("#agreements-table thead th").all_inner_texts()]
    # "Estado" is the state only; the status is "Situación" in the filters, the facets and the table.
    assert [f.upper() for f in facets].count("ESTADO") == 1 and "SITUACIÓN" in [f.upper() for f in facets]
    assert columns.count("Estado") == 1 and "Situación" in columns
    assert page.inner_text("label[for=f-status]") == "Situación"
    states = page.locator("#f-state option").all_inner_texts()
    assert {"Nueva York", "Carolina del Norte", "Pensilvania"} <= set(states)
    assert "New York" not in states and "North Carolina" not in states
    page.goto(base_url + "/")
    top = page.locator("#top-h + table tbody td:first-child").all_inner_texts()
    assert "Texas" in top and "Florida" in top
    # One number format on the page: grouped with a space and a decimal comma ("17,5 %").
    share = page.inner_text("#reach-share")
    assert re.fullmatch(r"\d{1,3},\d\u00a0%", share), share
    population = page.inner_text("#reach-population")
    assert re.fullmatch(r"\d{1,3}(\u00a0\d{3})+", population), population
    page.goto(base_url + "/states/NC/")
    assert page.inner_text("h1") == "Carolina del Norte"
    assert page.errors == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "under the same name in the same county. We take it to be this agency."),
        ("es", "con el mismo nombre en el mismo condado. La consideramos la misma agencia."),
    ],
)
def test_fbi_match_is_explained_in_words(page: Any, base_url: str, language: str, expected: str) -> None:
    if language == "es":
        spanish(page, base_url)
    page.goto(base_url + GARRETT)
    text = page.inner_text("#match-explanation")
    assert expected in text and "->" not in text and "FBI type" not in text
    # The title names the state: 11 agencies are called "Washington County Sheriff's Office".
    state = "Maryland"
    assert page.title().startswith(f"Garrett County Sheriff's Office, {state}")
    assert state in page.inner_text("h1")


@pytest.mark.parametrize(
    ("language", "posted", "signing"),
    [
        ("en", "MOA posted", "signing date corrected: "),
        ("es", "MOA publicado", "corrección de fecha de firma: "),
    ],
)
def test_changes_say_what_changed_in_words(
    page: Any, base_url: str, language: str, posted: str, signing: str
) -> None:
    if language == "es":
        spanish(page, base_url)
    page.goto(base_url + "/changes/?from=2025-06-01&to=2025-09-01")
    items = page.locator("#changed ~ .scroll ul.phrases li").all_inner_texts()
    assert f"{posted} (PDF)" in items
    assert any(i.startswith(signing) and re.search(r"\d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d$", i) for i in items)
    text = page.inner_text("main")
    assert "moa_url" not in text and "moa: pending" not in text
    link = page.locator("ul.phrases li", has_text=posted).first.locator("a")
    assert link.inner_text() == "PDF" and link.get_attribute("href").startswith("https://www.ice.gov/")


def test_agreements_open_on_the_dashboards_figure_with_a_switch(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    dashboard = int(page.locator(".cards .card strong").first.inner_text().replace(",", ""))
    page.goto(base_url + "/agreements/")
    active = int(page.locator("#result-count").get_attribute("data-count"))
    assert active == dashboard
    assert set(page.locator("#agreements-table td:nth-child(6)").all_inner_texts()) == {"Active"}
    page.click("#scope-switch")
    page.wait_for_url(re.compile(r"status=all"))
    everything = int(page.locator("#result-count").get_attribute("data-count"))
    assert everything > active
    assert page.inner_text("#scope-switch") == "Show only active agreements"
    page.click("#scope-switch")
    page.wait_for_url(re.compile(r"/agreements/\?status=active$|/agreements/$"))
    assert int(page.locator("#result-count").get_attribute("data-count")) == active
    assert page.errors == []


def test_download_is_named_for_its_filters_and_list(page: Any, base_url: str) -> None:
    page.goto(base_url + "/agreements/?state=TX&model=TFM")
    source_date = page.locator(".source a").first.inner_text().rsplit(" ", 1)[-1]
    with page.expect_download() as info:
        page.locator(".downloads a", has_text="CSV").click()
    assert info.value.suggested_filename == f"g287-agreements-TX-TFM-{source_date}.csv"


def test_priority_columns_on_a_phone_and_every_measure_on_a_desktop(page: Any, base_url: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base_url + "/agreements/?state=TX")
    visible = [t.strip() for t in page.locator("#agreements-table thead th:visible").all_inner_texts()]
    assert visible == ["Agency", "Status", "Signed"]
    # The hidden state and model are under the agency's name; nothing is wider than the screen.
    assert "Texas" in page.locator("#agreements-table tbody tr").first.inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    page.goto(base_url + "/measures/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(base_url + "/measures/")
    scroll = page.locator(".measures-scroll")
    assert scroll.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert page.locator("#measures thead th").count() == 7
    assert page.errors == []


def test_county_map_opens_inside_the_site(page: Any, base_url: str) -> None:
    page.goto(base_url + "/states/TX/")
    # htmx swaps the map into #county-map when it is revealed: a click during the swap finds its link
    # detached, so the test clicks once the page has stopped loading.
    page.wait_for_load_state("networkidle")
    page.locator("#county-map a", has_text="Open the map of agreements by county").click()
    page.wait_for_url(re.compile(r"/maps/counties/\?"))
    assert page.inner_text("h1") == "Agreements by county, Texas"
    assert page.locator("header.site nav.site-nav").is_visible()
    assert page.locator("#county-map svg path[data-fips]").count() > 200
    page.locator(".crumbs a", has_text="Texas").click()
    page.wait_for_url(re.compile(r"/states/TX/$"))
    assert page.errors == []


def test_complaint_form_finds_the_agency_as_you_type(page: Any, base_url: str) -> None:
    page.goto(base_url + "/complaints/new/")
    assert page.inner_text("label[for=id_model]") == "Were the officers in a jail or out in the community?"
    total = page.locator("#id_agency option:not([value=''])").count()
    assert total > 1000
    page.fill("#agency-search", "harrison county sheriff tx")
    page.wait_for_function("() => document.querySelector('#agency-search-count').textContent !== ''")
    assert page.input_value("#id_agency") == "TX-harrison-county-sheriffs-office"
    assert "1 agency matches" in page.inner_text("#agency-search-count")
    page.fill("#agency-search", "sheriff")
    page.wait_for_function(
        "() => /agencies match/.test(document.querySelector('#agency-search-count').textContent)"
    )
    shown = page.evaluate(
        "() => [...document.querySelectorAll('#id_agency option')].filter(o => o.value && !o.hidden).length"
    )
    assert 100 < shown < total
    assert page.errors == []
