"""Atom feeds: one entry per ICE list that changed something, for the program, a state, an agency."""

from collections.abc import Callable
from xml.etree import ElementTree

import pytest
from django.test import Client

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client: Client, url: str) -> list[ElementTree.Element]:
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(answer.content)
    assert feed.tag == f"{ATOM}feed"
    # What RFC 4287 requires of a feed and of each entry.
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    return entries


def test_the_program_feed_has_an_entry_for_the_new_list_linking_to_changes(
    client: Client, fetch_latest: Callable[[], None]
) -> None:
    fetch_latest()
    entries = _entries(client, "/feeds/changes.atom")
    newest = entries[0]
    assert "ICE's list of 2025-08-01" in (newest.findtext(f"{ATOM}title") or "")
    link = newest.find(f"{ATOM}link")
    assert link is not None and link.get("href", "").endswith("/changes/?from=2025-07-15&to=2025-08-01")
    assert "Removed from the list: Houston Police Department" in (newest.findtext(f"{ATOM}summary") or "")
    assert len(entries) == 3  # 07-15 listed, 07-20 pending, 08-01


def test_a_state_feed_carries_only_that_states_changes(
    client: Client, fetch_latest: Callable[[], None]
) -> None:
    fetch_latest()
    texas = _entries(client, "/feeds/states/TX.atom")
    assert "ICE's list of 2025-08-01" in (texas[0].findtext(f"{ATOM}title") or "")
    summary = texas[0].findtext(f"{ATOM}summary") or ""
    assert "Houston Police Department" in summary and "Guam" not in summary
    guam = _entries(client, "/feeds/states/GU.atom")
    assert len(guam) == 1 and "Guam Police Department" in (guam[0].findtext(f"{ATOM}summary") or "")
    assert client.get("/feeds/states/XX.atom").status_code == 404


@pytest.mark.usefixtures("small_registry")
def test_an_agency_feed_and_the_pages_link_their_feeds(client: Client) -> None:
    from g287.registry.models import Agency

    houston = Agency.objects.get(name__icontains="Houston")
    entries = _entries(client, f"/feeds/agencies/{houston.pk}.atom")
    assert len(entries) == 1
    page = client.get(f"/agencies/{houston.pk}/").content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" href="/feeds/agencies/{houston.pk}.atom"' in page
    )
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/changes.atom"' in page
    state_page = client.get("/states/TX/").content.decode()
    assert 'href="/feeds/states/TX.atom"' in state_page and 'href="/subscribe/?state=TX"' in state_page
    assert client.get("/feeds/agencies/nobody.atom").status_code == 404
