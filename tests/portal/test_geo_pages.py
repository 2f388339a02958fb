"""What the public pages show of the agencies' FBI identity and coverage, and the county map URLs."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from g287.portal.countymap import path_bounds, state_county_map_svg
from tests.portal.geo_fixture import GUAM, HARRIS, geo_links

__all__ = ["geo_links"]


def test_path_bounds_follows_relative_moves() -> None:
    assert path_bounds("M10 20l5-5 .5 10h-20v3z") == (-4.5, 15.0, 15.5, 28.0)
    assert path_bounds("M1 1L4 5ZM-2 0l1 1") == (-2.0, 0.0, 4.0, 5.0)


def test_state_county_map_holds_only_that_state() -> None:
    svg = str(state_county_map_svg("DE", {"10001": 2}, "Delaware"))
    assert svg.count("data-fips=") == 3 and 'data-fips="10001" data-value="2"' in svg
    assert str(state_county_map_svg("ZZ", {}, "nowhere")) == ""


@pytest.mark.usefixtures("registry", "geo_links")
class TestPages:
    def test_agency_page_shows_identity(self, client: Client) -> None:
        page = client.get(f"/agencies/{HARRIS}/").content.decode()
        for text in ("TX1010000", "2,178,104", "2,188", "Harris County", "48201", "same name"):
            assert text in page, text
        # The match is explained in words, not in the matcher's notation.
        assert "under the same name in the same county. We take it to be this agency." in page
        assert "FBI type" not in page and "-&gt;" not in page
        page = client.get(f"/agencies/{GUAM}/").content.decode()
        assert "no FBI identifier found" in page
        assert "population and officers are unknown" in page

    def test_dashboard_and_state_show_coverage_and_load_the_county_map_lazily(self, client: Client) -> None:
        for url, expected in (("/", "2,178,104"), ("/states/TX/", "19.6%")):
            page = client.get(url).content.decode()
            assert expected in page and 'hx-trigger="revealed"' in page
            assert (
                'hx-get="/maps/counties.svg?' in page and "<svg" not in page.split('id="county-map"')[1][:400]
            )
        page = client.get("/?as_of=2025-07-20").content.decode()
        assert "4,478,104" in page  # Harris and Houston on the 2025-07-15 list

    def test_county_map_urls(self, client: Client) -> None:
        response = client.get("/maps/counties.svg")
        assert response["Content-Type"].startswith("image/svg+xml") and "max-age" in response["Cache-Control"]
        assert b'data-fips="48201" data-value="2"' in response.content
        texas = client.get("/maps/counties.svg?state=TX&as_of=2025-07-20").content
        assert texas.count(b"data-fips=") == 254 and b'data-fips="48201" data-value="2"' in texas
        for query in ("state=ZZ", "as_of=soon"):
            assert client.get(f"/maps/counties.svg?{query}").status_code == 400

    def test_link_changes_show_at_once(self, client: Client, geo_links: dict[str, Any]) -> None:
        from g287.geo import services

        assert "2,178,104" in client.get("/").content.decode()
        services.unlink(HARRIS, actor="test")
        page = client.get("/").content.decode()
        assert "2,178,104" not in page  # the cached dashboard is keyed by the newest audit entry
