"""Embeds: /embed/program/ and /embed/states/<code>/ may be framed by any site and cite their list;
every other page stays X-Frame-Options: DENY; state pages and the dashboard offer the embed code."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/embed/program/", "/embed/states/TX/", "/embed/states/tx/"])
def test_embeds_can_be_framed_and_cite_their_list(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200 and "X-Frame-Options" not in response
    html = response.content.decode()
    assert 'id="embed-agreements"' in html and "ICE list of 2026-05-18" in html
    assert 'href="http://testserver/methodology/"' in html and 'target="_blank"' in html
    assert 'id="series-data"' in html and "<nav" not in html  # a chart, without the site's navigation


@pytest.mark.parametrize("path", ["/", "/states/TX/", "/agreements/", "/methodology/", "/embed/states/ZZ/"])
def test_everything_else_denies_framing(path: str) -> None:
    assert Client().get(path)["X-Frame-Options"] == "DENY"


def test_state_embed_figures_and_the_copy_box() -> None:
    html = Client().get("/embed/states/TX/").content.decode()
    assert "287(g) agreements in Texas" in html and '<strong id="embed-agreements">387</strong>' in html
    page = Client().get("/states/TX/").content.decode()
    assert '&lt;iframe src="http://testserver/embed/states/TX/"' in page and 'id="embed-copy"' in page
    assert '&lt;iframe src="http://testserver/embed/program/"' in Client().get("/").content.decode()
    client = Client()
    client.cookies["django_language"] = "es"
    assert "Acuerdos 287(g) en Texas" in client.get("/embed/states/TX/").content.decode()
