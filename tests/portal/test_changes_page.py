"""The changes page lists a long range's changes in part, with the whole range's totals and a link to
every row."""

from __future__ import annotations

import pytest
from django.test import Client

from g287.portal import views

pytestmark = pytest.mark.usefixtures("registry", "db")

# 2 added (Harris TFM, Guam), 1 removed (Houston), 1 changed (the Florida Highway Patrol's MOA posted)
URL = "/changes/?from=2025-07-16&to=2025-08-01"


def test_a_long_list_shows_its_first_rows_and_links_to_all(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "CHANGES_SHOWN", 1)
    body = client.get(URL).content.decode()
    assert "<strong>2</strong> added" in body  # the totals are the whole range's
    assert "The first 1 of 2." in body
    assert body.count('href="/agencies/') == 3  # one row in each list
    assert 'href="/changes/?from=2025-07-16&amp;to=2025-08-01&amp;all=1#added"' in body
    everything = client.get(URL + "&all=1").content.decode()
    assert "The first" not in everything
    assert "Guam Police Department" in everything and "Harris County Sheriff" in everything


def test_a_short_list_is_shown_whole(client: Client) -> None:
    body = client.get(URL).content.decode()
    assert "The first" not in body and "Guam Police Department" in body
