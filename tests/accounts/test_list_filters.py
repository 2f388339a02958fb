"""The staff lists read their filters with the same classes as the API: a bad value is a 400 on the page
naming the parameter (never a list silently unfiltered) and a 422 in the API; a good value filters both
the same way."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.fixtures import World

PAGES = [
    ("/office/officers/", "status=bogus", "status"),
    ("/office/officers/", "model=XYZ", "model"),
    ("/office/officers/", "q=" + "x" * 201, "q"),
    ("/office/funding/", "status=bogus", "status"),
    ("/office/funding/", "quarter=2026Q9", "quarter"),
    ("/office/oversight/complaints/", "status=bogus", "status"),
    ("/office/oversight/complaints/", "category=weather", "category"),
    ("/office/oversight/notices/", "kind=bogus", "kind"),
    ("/office/audit/", "since=yesterday", "since"),
    ("/office/audit/", "since=2026-05-01&until=2026-01-01", "until"),
]


def admin(world: World) -> Client:
    client = Client()
    client.force_login(world.users["program_admin"])
    return client


@pytest.mark.parametrize(("url", "query", "name"), PAGES)
def test_staff_lists_answer_400_naming_the_bad_filter(world: World, url: str, query: str, name: str) -> None:
    client = admin(world)
    assert client.get(url).status_code == 200
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert f"<code>{name}</code>" in response.content.decode()


def test_public_notices_page_answers_400_to_a_bad_filter(client: Client, db: None) -> None:
    assert client.get("/notices/", {"kind": "termination"}).status_code == 200
    response = client.get("/notices/", {"kind": "bogus"})
    assert response.status_code == 400 and "kind" in response.content.decode()


def test_officers_page_and_api_filter_alike(world: World) -> None:
    client = admin(world)
    for query, expected in (
        ({"q": "Inscope"}, ["Inscope"]),
        ({"q": "A-111"}, ["Inscope"]),
        ({"status": "separated"}, []),
        ({"status": "approved", "agency": world.a.pk}, ["Inscope"]),
        ({"agency": world.b.pk}, [world.officer_b.family_name]),
        ({"model": "TFM", "q": "nobody"}, []),
    ):
        page = client.get("/office/officers/", query)
        assert page.status_code == 200
        on_page = sorted(o.family_name for o, _status in page.context["rows"])
        api = client.get("/api/officers/", query).json()["results"]
        assert sorted(o["family_name"] for o in api) == on_page, query
        if expected:
            assert on_page == expected, query
    assert client.get("/api/officers/", {"status": "bogus"}).status_code == 422
    assert client.get("/office/officers/", {"status": "bogus"}).status_code == 400
