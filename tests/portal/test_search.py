"""Find my county or agency, on the shipped registry linked to the FBI roster: counties answer with the
agencies that serve them, agencies by any words of their name (a state narrows), ORIs, states; htmx gets
the results alone, a plain request the whole page."""

from __future__ import annotations

import pytest
from django.test import Client

from g287.portal.search import search

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("linked")
def test_a_county_answers_with_the_agencies_that_serve_it() -> None:
    results = search("harris county tx")
    assert [c.name for c in results.counties] == ["Harris County"]
    serving = {a.id for a in results.counties[0].agencies}
    assert "TX-southside-place-police-department" in serving and all(
        a.active for a in results.counties[0].agencies
    )
    # Harris County, Georgia is found too without the state; a county with no agreement says so.
    assert {(c.name, c.state) for c in search("harris").counties} >= {
        ("Harris County", "GA"),
        ("Harris County", "TX"),
    }
    dona = search("Doña Ana")
    assert dona.counties[0].fips == "35013" and dona.counties[0].agencies == []


@pytest.mark.usefixtures("linked")
def test_agencies_by_name_state_and_ori() -> None:
    nassau = search("nassau county sheriff")
    assert {a.id for a in nassau.agencies} >= {
        "FL-nassau-county-sheriffs-office",
        "NY-nassau-county-sheriffs-office",
    }
    assert {a.state for a in search("nassau county sheriff florida").agencies} == {"FL"}
    assert [a.id for a in search("TX1020000").agencies] == ["TX-harrison-county-sheriffs-office"]
    assert search("Nueva York").states == ["NY"] and search("texas").states == ["TX"]
    assert search("x").empty and search("qqqqzzzz").empty


@pytest.mark.usefixtures("linked")
def test_htmx_gets_the_results_and_a_plain_request_the_page() -> None:
    client = Client()
    partial = client.get("/find/?q=harrison+county+sheriff+tx", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and 'href="/agencies/TX-harrison-county-sheriffs-office/"' in partial
    page = client.get("/find/?q=harrison+county+sheriff+tx").content.decode()
    assert (
        "<html" in page and 'id="find-q"' in page and "/agencies/TX-harrison-county-sheriffs-office/" in page
    )
    assert 'id="find-q"' in client.get("/").content.decode()  # the box is on the home page
    client.cookies["django_language"] = "es"
    spanish = client.get("/find/?q=harris", HTTP_HX_REQUEST="true").content.decode()
    assert "Condados" in spanish and "Harris County, Texas" in spanish
    assert "Nada coincide" in client.get("/find/?q=qqqqzzzz", HTTP_HX_REQUEST="true").content.decode()
