"""Every public page renders from the hand-made registry, says where its figures come from, and answers
bad parameters with a 4xx."""

from __future__ import annotations

import pytest
from django.test import Client

from g287.registry.models import Snapshot
from tests.portal.workbooks import LATEST

pytestmark = pytest.mark.usefixtures("registry", "db")

LATEST_KEY_PREFIX = LATEST.strftime("%Y%m%d")


def text(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_dashboard_totals_map_chart_and_source(client: Client) -> None:
    html = text(client, "/")
    assert 'class="g287-map g287-map-states"' in html
    assert html.count('data-state="') >= 50  # a shape per state, DC and territory
    assert 'href="/states/TX/"' in html and 'href="/states/GU/"' in html
    assert 'id="growth-chart"' in html and 'id="series-data"' in html
    assert f"As of {LATEST.isoformat()}, source:" in html
    assert f'href="/snapshots/{LATEST_KEY_PREFIX}' in html
    assert ">4</strong>" in html  # agreements
    assert "Guam Police Department" in html  # latest changes


def test_dashboard_growth_against_a_chosen_baseline(client: Client) -> None:
    html = text(client, "/?since=2025-07-16")
    assert "<strong>3</strong> agreements on 2025-07-16" in html
    assert "+33.3%" in html
    early = text(client, "/?since=2020-01-01")
    assert "No list had been published by 2020-01-01" in early


def test_dashboard_bad_baseline_is_400(client: Client) -> None:
    assert "is not a date" in text(client, "/?since=yesterday", 400)


def test_agreements_filters_facets_and_sorting(client: Client) -> None:
    html = text(client, "/agreements/?state=TX&status=all")
    assert 'data-count="4"' in html  # Harris JEM and TFM, Houston (ended), Dallas (pending)
    # The page opens on the active agreements, the dashboard's figure, and says how to see the rest.
    html = text(client, "/agreements/?state=TX")
    assert 'data-count="2"' in html and "Include agreements that ended or left the pending list" in html
    assert "?state=TX&amp;status=all" in html
    assert "Show only active agreements" in text(client, "/agreements/?state=TX&status=all")
    html = text(client, "/agreements/?state=TX&status=active&model=TFM")
    assert 'data-count="1"' in html and "Harris County Sheriff" in html
    # Facets count each value with the other filters kept.
    html = text(client, "/agreements/?model=TFM")
    assert "?model=TFM&amp;status=active&amp;state=TX" in html
    html = text(client, "/agreements/?sort=-signed&status=all")
    assert html.index("Guam Police") < html.index("Harris County Sheriff") < html.index("Houston Police")
    html = text(client, "/agreements/?q=guam")
    assert 'data-count="1"' in html
    html = text(client, "/agreements/?signed_from=2025-01-01&signed_to=2025-07-25")
    assert 'data-count="2"' in html  # Florida (February), Harris TFM (July 22)


def test_agreements_pagination(client: Client) -> None:
    html = text(client, "/agreements/?per_page=2&status=all")
    assert "Page 1 of 3" in html and "page=2" in html
    assert "Page 3 of 3" in text(client, "/agreements/?per_page=2&page=3&status=all")
    text(client, "/agreements/?per_page=2&page=4&status=all", 404)


@pytest.mark.parametrize(
    "query",
    ["state=ZZ", "model=XYZ", "type=planet", "status=maybe", "signed_from=2025-13-01", "sort=color",
     "page=0", "page=-3", "page=99999999999999999999999", "per_page=0", "per_page=100000", "format=pdf",
     "signed_from=2025-05-01&signed_to=2025-01-01", "q=" + "x" * 300],
)  # fmt: skip
def test_agreements_bad_parameters_are_400(client: Client, query: str) -> None:
    text(client, f"/agreements/?{query}", 400)


def test_agency_page_agreements_timeline_and_moa(client: Client) -> None:
    html = text(client, "/agencies/TX-harris-county-sheriffs-office/")
    assert "Harris County Sheriff" in html
    assert "https://www.ice.gov/doclib/287gMOA/287gHarrisTFM.pdf" in html
    assert 'class="timeline"' in html and 'href="/snapshots/' in html
    assert "Signed" in html and "Listed" in html
    text(client, "/agencies/no-such-agency/", 404)


def test_state_page(client: Client) -> None:
    html = text(client, "/states/TX/")
    assert "<h1>Texas</h1>" in html
    # The table opens on the agencies with an active agreement, the figure above it, and says how to
    # see the others: Dallas's request is pending, Houston's agreement ended.
    assert 'id="agency-count" data-count="1"' in html and "Harris County Sheriff" in html
    assert "Dallas County Sheriff" not in html and "Houston Police Department" not in html
    assert 'id="agencies-listed" data-count="3"' in html and "Show every agency ever listed (3)" in html
    assert "/api/agencies?state=TX&amp;status=active" in html
    html = text(client, "/states/TX/?status=all")
    assert "Dallas County Sheriff" in html and "Houston Police Department" in html
    assert (
        'id="agency-count" data-count="3"' in html and "Show only agencies with an active agreement" in html
    )
    assert "/api/agencies?state=TX&amp;status=all" in html
    assert 'id="agency-count" data-count="1"' in text(client, "/states/TX/?status=pending")
    text(client, "/states/TX/?status=maybe", 400)
    assert 'id="series-data"' in html
    assert "<h1>Wyoming</h1>" in text(client, "/states/wy/")
    text(client, "/states/ZZ/", 404)


def test_states_page(client: Client) -> None:
    html = text(client, "/states/")
    assert 'href="/states/GU/"' in html and "Guam" in html


def test_changes_default_to_the_last_week(client: Client) -> None:
    html = text(client, "/changes/")
    # A week before 2025-08-01 the list of 2025-07-15 was in force.
    assert 'value="2025-07-25"' in html and 'value="2025-08-01"' in html
    assert "<strong>2</strong> added" in html and "<strong>1</strong> removed" in html
    assert "<strong>1</strong> changed" in html and "MOA posted (<a href=" in html


@pytest.mark.parametrize("query", ["from=soon", "to=2025-02-30", "from=2025-08-01&to=2025-07-01"])
def test_changes_bad_dates_are_400(client: Client, query: str) -> None:
    text(client, f"/changes/?{query}", 400)


def test_snapshots_and_a_snapshot(client: Client) -> None:
    html = text(client, "/snapshots/")
    assert "participatingAgencies08012025am.xlsx" in html and "pendingAgencies07202025am.xlsx" in html
    assert "pendingAgencies" not in text(client, "/snapshots/?kind=participating")
    text(client, "/snapshots/?kind=other", 400)
    key = Snapshot.objects.get(date=LATEST).order_key
    page = text(client, f"/snapshots/{key}/")
    assert "SHA-256" in page and "Guam Police Department" in page
    text(client, "/snapshots/nope/", 404)


def test_pages_are_read_only(client: Client) -> None:
    assert client.post("/agreements/").status_code == 405


def test_dashboard_banner_follows_demo_data_after_the_page_was_cached(client: Client) -> None:
    """The dashboard's HTML is cached per imported lists; demo data added later (no new list) must still
    put the banner on it, and the first render must not carry one."""
    from g287.registry.models import Agency
    from tests.funding.conftest import make_officer

    assert 'id="demo-banner"' not in text(client, "/")
    make_officer(Agency.objects.first(), "DEMO-1")
    html = text(client, "/")
    assert 'id="demo-banner"' in html and "Demo data" in html
