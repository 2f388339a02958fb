"""The public API: every endpoint answers in its documented shape, filters like the pages, paginates,
and answers bad parameters with a 4xx, never a 500."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from openpyxl import Workbook
from pydantic import BaseModel

from g287.portal import schemas
from g287.registry.importer import import_paths
from g287.registry.models import Snapshot
from tests.portal.workbooks import FHP_POSTED, HARRIS_JEM, HARRIS_TFM, HEADER, LATEST

pytestmark = pytest.mark.usefixtures("registry", "db")


def get(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def conforms(schema: type[BaseModel], data: Any) -> None:
    """The payload validates against the schema documented at /api/docs."""
    schema.model_validate(data)


def test_agreements_filters_and_shape(client: Client) -> None:
    data = get(client, "/api/agreements?state=TX&model=TFM&status=all")
    conforms(schemas.AgreementPage, data)
    assert data["count"] == 2 and data["filters"] == {"state": "TX", "model": "TFM", "status": "all"}
    assert {a["status"] for a in data["results"]} == {"active", "pending"}
    # No status is the active agreements, as on /agreements/ (Dallas's request is pending).
    default = get(client, "/api/agreements?state=TX&model=TFM")
    assert default["count"] == 1 and default["filters"] == {"state": "TX", "model": "TFM", "status": "active"}
    assert data["source"]["date"] == LATEST.isoformat()
    assert get(client, "/api/agreements?state=TX,FL&status=active")["count"] == 3
    assert get(client, "/api/agreements?state=TX&state=GU&status=active")["count"] == 3
    assert get(client, "/api/agreements?type=unknown")["count"] == 0
    assert get(client, "/api/agreements?q=highway")["results"][0]["state"] == "FL"
    assert get(client, "/api/agreements?signed_to=2019-12-31&status=all")["count"] == 1  # Houston
    assert get(client, "/api/agreements?signed_to=2019-12-31")["count"] == 0  # ended
    ids = [a["id"] for a in get(client, "/api/agreements?sort=-signed&status=all")["results"]]
    assert ids[0] == "GU-guam-police-department#TFM" and ids[-1] == "TX-dallas-county-sheriffs-office#TFM"


def test_agreements_pagination(client: Client) -> None:
    first = get(client, "/api/agreements?limit=4&state=TX,FL,GU&status=all")
    assert first["count"] == 6 and first["previous"] is None
    assert first["next"].endswith("limit=4&offset=4") and "state=TX%2CFL%2CGU" in first["next"]
    second = get(client, first["next"].removeprefix("http://testserver"))
    assert len(second["results"]) == 2 and second["next"] is None
    assert second["previous"].endswith("limit=4&offset=0")
    assert {a["id"] for a in first["results"]}.isdisjoint(a["id"] for a in second["results"])
    past_the_end = get(client, "/api/agreements?limit=4&offset=40&status=all")
    assert past_the_end["count"] == 6 and past_the_end["results"] == [] and past_the_end["next"] is None


@pytest.mark.parametrize(
    "query",
    ["state=ZZ", "model=ABC", "type=planet", "status=maybe", "sort=color", "signed_from=2025-02-30",
     "signed_from=yesterday", "signed_from=2025-05-01&signed_to=2025-01-01", "limit=-1", "limit=0",
     "limit=100000", "offset=-1", "offset=abc", "offset=9223372036854775808", "offset=99999999999999999999999",
     "limit=1.5", "page=2", "stat=TX", "signed_from=1.5", "signed_from=0", "q=" + "x" * 201],
)  # fmt: skip
def test_agreements_bad_parameters_are_422(client: Client, query: str) -> None:
    detail = get(client, f"/api/agreements?{query}", 422)["detail"]
    assert detail and detail[0]["loc"][0] == "query"


def test_agreement_detail(client: Client) -> None:
    data = get(client, "/api/agreements/" + quote("TX-harris-county-sheriffs-office#TFM"))
    conforms(schemas.AgreementDetail, data)
    assert data["model"] == "TFM" and {e["kind"] for e in data["events"]} >= {"listed", "signed"}
    get(client, "/api/agreements/" + quote("TX-nobody#TFM"), 404)


def test_agencies(client: Client) -> None:
    data = get(client, "/api/agencies?state=TX&status=all")
    conforms(schemas.AgencyPage, data)
    assert data["count"] == 3
    assert {a["id"]: a["status"] for a in data["results"]} == {
        "TX-harris-county-sheriffs-office": "active",
        "TX-houston-police-department": "ended",
        "TX-dallas-county-sheriffs-office": "pending",
    }
    # No status is the agencies with an active agreement, as on /states/TX/.
    assert get(client, "/api/agencies?state=TX")["count"] == 1
    assert get(client, "/api/agencies?state=TX&status=pending,ended")["count"] == 2
    harris = next(a for a in data["results"] if a["id"] == "TX-harris-county-sheriffs-office")
    assert sorted(x["model"] for x in harris["agreements"]) == ["JEM", "TFM"]
    assert get(client, "/api/agencies?type=state")["count"] == 2
    assert get(client, "/api/agencies?q=guam")["count"] == 1
    for query in (
        "state=ZZ",
        "type=planet",
        "status=maybe",
        "limit=-5",
        "page=10",
        "offset=9223372036854775808",
    ):
        get(client, f"/api/agencies?{query}", 422)


def test_agency_detail(client: Client) -> None:
    data = get(client, "/api/agencies/TX-houston-police-department")
    conforms(schemas.AgencyDetail, data)
    assert data["agreements"][0]["status"] == "ended"
    assert "removed" in {e["kind"] for e in data["events"]}
    get(client, "/api/agencies/nobody", 404)


def test_events(client: Client) -> None:
    data = get(client, "/api/events")
    conforms(schemas.EventPage, data)
    dates = [e["date"] for e in data["results"]]
    assert dates == sorted(dates, reverse=True)
    assert get(client, "/api/events?kind=removed")["count"] == 1
    assert get(client, "/api/events?state=GU&kind=listed,signed")["count"] == 2
    assert get(client, "/api/events?from=2025-08-01&to=2025-08-01")["count"] > 0
    assert get(client, "/api/events?agency=TX-houston-police-department&kind=removed")["count"] == 1
    for query in (
        "kind=exploded",
        "state=QQ",
        "from=2025-13-01",
        "from=2025-08-02&to=2025-08-01",
        "limit=5000",
    ):
        get(client, f"/api/events?{query}", 422)


def test_snapshots(client: Client) -> None:
    data = get(client, "/api/snapshots")
    conforms(schemas.SnapshotPage, data)
    assert data["count"] == 3 and data["results"][0]["date"] == LATEST.isoformat()
    assert get(client, "/api/snapshots?kind=pending")["count"] == 1
    get(client, "/api/snapshots?kind=secret", 422)
    key = Snapshot.objects.get(date=LATEST).order_key
    detail = get(client, f"/api/snapshots/{key}")
    conforms(schemas.SnapshotDetail, detail)
    assert len(detail["rows"]) == 4
    get(client, "/api/snapshots/nope", 404)


def test_stats_as_of(client: Client) -> None:
    now = get(client, "/api/stats")
    conforms(schemas.Stats, now)
    assert now["agreements"] == 4 and now["by_model"] == {"JEM": 1, "TFM": 3, "WSO": 0}
    then = get(client, "/api/stats?as_of=2025-07-20")
    assert then["agreements"] == 3 and then["pending"] == 1
    before = get(client, "/api/stats?as_of=2020-01-01")
    assert before["agreements"] is None and before["snapshot"] is None  # unknown, not 0
    for bad in ("2025-02-30", "soon", "20250101x"):
        get(client, f"/api/stats?as_of={bad}", 422)


def test_timeseries(client: Client) -> None:
    series = get(client, "/api/timeseries")
    for point in series:
        conforms(schemas.SeriesPoint, point)
    assert [p["total"] for p in series] == [3, 4]
    assert [p["total"] for p in get(client, "/api/timeseries?state=tx")] == [2, 2]
    get(client, "/api/timeseries?state=ZZ", 422)


def test_changes(client: Client) -> None:
    data = get(client, "/api/changes")
    conforms(schemas.Changes, data)
    assert data["from"] == "2025-07-25" and data["to"] == "2025-08-01"
    assert data["counts"] == {"added": 2, "removed": 1, "changed": 1}
    assert data["changed"][0]["fields"]["moa"] == {"from": "pending", "to": "posted"}
    empty = get(client, "/api/changes?from=2025-08-01&to=2025-08-30")
    assert empty["counts"] == {"added": 0, "removed": 0, "changed": 0}
    for query in ("from=x", "to=2025-02-30", "from=2025-08-01&to=2025-07-01"):
        get(client, f"/api/changes?{query}", 422)


def test_states(client: Client) -> None:
    listed = get(client, "/api/states")
    conforms(schemas.StatePage, listed)
    states = listed["results"]
    for item in states:
        conforms(schemas.StateSummary, item)
    assert {s["state"]: s["agreements"] for s in states} == {"FL": 1, "GU": 1, "TX": 2}
    tx = get(client, "/api/states/TX")
    conforms(schemas.StateDetail, tx)
    assert len(tx["agency_list"]) == tx["agencies"] == 1 and tx["by_model"]["JEM"] == 1
    assert tx["agencies_listed"] == 3 and len(get(client, "/api/states/TX?status=all")["agency_list"]) == 3
    get(client, "/api/states/TX?status=maybe", 422)
    assert get(client, "/api/states/wy")["agreements"] == 0
    get(client, "/api/states/ZZ", 404)


def test_dashboard(client: Client) -> None:
    data = get(client, "/api/dashboard?since=2025-07-16")
    conforms(schemas.Dashboard, data)
    assert data["baseline"]["agreements"] == 3 and data["growth_percent"] == 33.3
    assert get(client, "/api/dashboard")["growth_percent"] is None  # no list by 2025-01-20 here
    get(client, "/api/dashboard?since=never", 422)


def test_openapi_document_lists_the_endpoints(client: Client) -> None:
    paths = get(client, "/api/openapi.json")["paths"]
    for path in ("/api/agreements", "/api/agencies/{agency_id}", "/api/events", "/api/snapshots/{key}",
                 "/api/stats", "/api/timeseries", "/api/changes", "/api/states/{code}", "/api/dashboard"):  # fmt: skip
        assert path in paths


def test_the_agreements_page_links_to_an_api_url_that_answers(client: Client) -> None:
    page = client.get("/agreements/", {"state": "TX", "sort": "-signed", "q": "county", "per_page": "10"})
    api_url = page.context["api_url"]
    data = get(client, api_url)
    assert (
        data["filters"] == {"state": "TX", "status": "active", "sort": "-signed", "q": "county"}
        and data["count"] >= 1
    )  # the page opens on active agreements


def test_agreements_answer_the_registry_after_an_import(client: Client, tmp_path: Path) -> None:
    """The list is cached between requests, but a new list ICE publishes shows at once: an agency it
    drops is ended, one it adds is there, on the very next request for the same URL."""
    url = "/api/agreements?state=GU&status=active"
    assert [r["name"] for r in get(client, url)["results"]] == ["Guam Police Department"]
    assert get(client, url)["count"] == 1  # the same answer again (from the cache)
    newer = tmp_path / "participatingAgencies08152025am.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in (HARRIS_JEM, HARRIS_TFM, FHP_POSTED):  # Guam is gone
        sheet.append(row[:-1])
    sheet.append(("GUAM", "Guam Customs and Quarantine Agency", "State Agency", "#N/A", "Task Force Model",
                  date(2025, 8, 10), "link pending"))  # fmt: skip
    book.save(newer)
    assert import_paths([newer]).ok
    assert [r["name"] for r in get(client, url)["results"]] == ["Guam Customs and Quarantine Agency"]
