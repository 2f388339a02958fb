"""ORI and county FIPS in the API and downloads, and /api/measures with known answers (see
tests/portal/geo_fixture.py for the figures)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from g287.portal import schemas
from tests.portal.geo_fixture import DALLAS, FHP, GUAM, HARRIS, HOUSTON, geo_links

pytestmark = pytest.mark.usefixtures("registry", "geo_links")
__all__ = ["geo_links"]


def get(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


def test_links_are_as_expected(geo_links: dict[str, Any]) -> None:
    got = {agency: (link.status, link.ori_id, link.county_fips) for agency, link in geo_links.items()}
    assert got[HARRIS] == ("matched", "TX1010000", ["48201"])
    assert got[HOUSTON] == ("matched", "TX1010100", ["48201"])
    assert got[FHP] == ("matched", "FLFHP0000", [])  # statewide: no county
    assert got[GUAM][:2] == ("unmatched", None)
    assert got[DALLAS][0] == "unmatched" and got[DALLAS][2] == ["48113"]  # county from ICE's column


def test_agreements_carry_ori_and_county_fips(client: Client) -> None:
    data = get(client, "/api/agreements?state=TX&model=TFM&status=all")
    schemas.AgreementPage.model_validate(data)
    by_id = {a["id"]: a for a in data["results"]}
    assert by_id[f"{HARRIS}#TFM"]["ori"] == "TX1010000"
    assert by_id[f"{HARRIS}#TFM"]["county_fips"] == ["48201"]
    assert by_id[f"{DALLAS}#TFM"]["ori"] is None and by_id[f"{DALLAS}#TFM"]["county_fips"] == ["48113"]
    detail = get(client, f"/api/agreements/{HARRIS}%23JEM")
    assert (detail["ori"], detail["county_fips"]) == ("TX1010000", ["48201"])


def test_agreements_list_costs_the_same_queries_for_any_page_size(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    # count, page (with the link joined), latest list, and session-free
    with django_assert_max_num_queries(4):
        response = client.get("/api/agreements?limit=1000")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] > 1 and len(data["results"]) == data["count"]  # every agreement on one page
    assert {a["ori"] for a in data["results"]} >= {"TX1010000", None}  # the links are there, joined


def test_agencies_carry_ori_and_identity(client: Client) -> None:
    data = get(client, "/api/agencies?state=TX&status=all")
    schemas.AgencyPage.model_validate(data)
    by_id = {a["id"]: a for a in data["results"]}
    assert by_id[HOUSTON]["ori"] == "TX1010100" and by_id[HOUSTON]["county_fips"] == ["48201"]
    detail = get(client, f"/api/agencies/{HARRIS}")
    schemas.AgencyDetail.model_validate(detail)
    assert detail["ori"] == "TX1010000"
    identity = detail["identity"]
    assert (identity["status"], identity["population"], identity["officers"]) == ("matched", 2178104, 2188)
    assert identity["counties"] == ["Harris County"] and identity["county_source"] == "fbi"
    assert {a["ori"] for a in detail["agreements"]} == {"TX1010000"}
    guam = get(client, f"/api/agencies/{GUAM}")
    assert guam["ori"] is None and guam["identity"]["status"] == "unmatched"


def test_downloads_carry_ori_and_county_fips(client: Client) -> None:
    response = client.get("/agreements/?state=TX&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    harris = next(r for r in rows if r["id"] == f"{HARRIS}#JEM")
    assert (harris["ori"], harris["county_fips"]) == ("TX1010000", "48201")
    response = client.get("/states/TX/?status=all&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["id"]: r["ori"] for r in rows}[HOUSTON] == "TX1010100"


def test_measures_on_the_newest_list(client: Client) -> None:
    data = get(client, "/api/measures")
    schemas.Measures.model_validate(data)
    # Harris (JEM + TFM), Florida Highway Patrol and Guam are on the 2025-08-01 list.
    assert (data["as_of"], data["agencies"], data["agencies_with_ori"]) == ("2025-08-01", 3, 2)
    assert data["population_served"] == 2178104
    assert data["officers"] == 2188 + 1800
    assert data["state_officers"] == 2188 + 5000 + 4000 + 1800
    assert data["counties"] == 1 and data["county_agreements"] == {"48201": 2}
    texas = data["states"]["TX"]
    assert texas["officer_share"] == round(2188 / 11188, 4) and texas["counties"] == 1
    assert data["states"]["FL"]["officer_share"] == 1.0 and data["states"]["FL"]["counties"] == 0
    assert data["states"]["GU"]["agencies_with_ori"] == 0 and data["states"]["GU"]["officer_share"] is None


def test_measures_as_of_an_earlier_date_and_per_state(client: Client) -> None:
    data = get(client, "/api/measures?as_of=2025-07-20&state=TX")
    # On the 2025-07-15 list: Harris (JEM) and Houston (WSO) in Harris County, and the Highway Patrol.
    assert data["as_of"] == "2025-07-20" and data["source"]["date"] == "2025-07-15"
    assert list(data["states"]) == ["TX"] and data["county_agreements"] == {"48201": 2}
    assert data["states"]["TX"]["population_served"] == 2178104 + 2300000
    before = get(client, "/api/measures?as_of=2020-01-01")
    assert before["source"] is None and before["agencies"] == 0 and before["counties"] == 0


@pytest.mark.parametrize("query", ["as_of=yesterday", "as_of=2025-02-30", "state=ZZ"])
def test_measures_bad_parameters(client: Client, query: str) -> None:
    response = client.get(f"/api/measures?{query}")
    assert response.status_code in {404, 422}, response.content
