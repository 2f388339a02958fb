"""One list convention for the whole API (g287.core.api_lists), checked over every operation the OpenAPI
document declares, so an endpoint added later is held to it too: every list takes `limit` and `offset`
and answers {count, next, previous, results}; every bad value is a 422 with the one error body; every
operation has a typed response."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from django.test import Client

from g287.accounts.models import Role
from g287.api import api
from g287.core.api_lists import MAX_LIMIT
from tests.accounts.fixtures import make_user, reference_data

# A chart's series, not a list of records: documented as not paged.
SERIES = {"/api/timeseries"}
ENVELOPE = {"count", "next", "previous", "results"}


@functools.cache
def openapi() -> dict[str, Any]:
    return api.get_openapi_schema(path_prefix="/api/")


def resolve(schema: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def ok_schema(operation: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any] | None:
    for code in ("200", "201", 200, 201):
        content = operation["responses"].get(code, {}).get("content", {})
        if "application/json" in content:
            return resolve(content["application/json"]["schema"], doc)
    return None


def list_operations() -> list[str]:
    doc = openapi()
    out = []
    for path, operations in doc["paths"].items():
        get = operations.get("get")
        schema = ok_schema(get, doc) if get else None
        if schema and "results" in schema.get("properties", {}):
            out.append(path)
    return sorted(out)


LISTS = list_operations()


def test_every_operation_has_a_typed_response_and_lists_use_the_envelope() -> None:
    doc = openapi()
    untyped, bare_lists = [], []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            schema = ok_schema(operation, doc)
            if not schema or not (schema.get("properties") or schema.get("type") == "array"):
                untyped.append(f"{method.upper()} {path}")
            elif schema.get("type") == "array" and path not in SERIES:
                bare_lists.append(path)
            codes = {str(c) for c in operation["responses"]}
            assert "422" in codes, (path, method)
            if operation.get("security"):
                assert {"401", "403"} <= codes, (path, method)
            if "{" in path:
                assert "404" in codes, (path, method)
    assert untyped == [] and bare_lists == []
    # The lists this convention was written for, among those discovered.
    assert {
        "/api/agreements", "/api/agencies", "/api/events", "/api/snapshots", "/api/states", "/api/officers/",
        "/api/audit/", "/api/funding/claims", "/api/funding/rules", "/api/funding/appropriations",
        "/api/funding/public/totals", "/api/oversight/complaints", "/api/oversight/notices",
        "/api/oversight/overdue",
    } <= set(LISTS)  # fmt: skip
    for path in LISTS:
        params = {p["name"]: p for p in doc["paths"][path]["get"].get("parameters", [])}
        assert params["limit"]["schema"]["maximum"] == MAX_LIMIT, path
        assert params["offset"]["schema"]["minimum"] == 0 and "maximum" in params["offset"]["schema"], path


@pytest.fixture
def admin_client(db: None) -> Client:
    reference_data()
    client = Client()
    client.force_login(make_user("lists-admin", Role.PROGRAM_ADMIN))
    return client


def assert_422(client: Client, path: str, query: str) -> None:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 422, (path, query, response.status_code, response.content[:200])
    detail = response.json()["detail"]
    assert isinstance(detail, list) and detail, (path, query)
    for item in detail:
        assert {"loc", "msg", "type"} <= set(item) and item["loc"][0] == "query", (path, query, item)


BAD_PAGING = ["limit=0", f"limit={MAX_LIMIT + 1}", "limit=abc", "offset=-1", "offset=9223372036854775808",
              "offset=1e3", "page=2", "no_such_filter=1"]  # fmt: skip


@pytest.mark.parametrize("path", LISTS)
def test_every_list_answers_the_envelope_and_422_for_bad_values(admin_client: Client, path: str) -> None:
    first = admin_client.get(path, {"limit": 1})
    assert first.status_code == 200, (path, first.content[:200])
    data = first.json()
    assert set(data) >= ENVELOPE and len(data["results"]) == min(1, data["count"]), path
    assert data["previous"] is None
    if data["count"] > 1:
        assert data["next"].endswith("limit=1&offset=1")
        second = admin_client.get(data["next"])
        assert second.status_code == 200 and second.json()["previous"].endswith("limit=1&offset=0")
    past = admin_client.get(path, {"offset": data["count"] + 5}).json()
    assert past["results"] == [] and past["count"] == data["count"] and past["next"] is None

    for query in BAD_PAGING:
        assert_422(admin_client, path, query)
    for param in openapi()["paths"][path]["get"].get("parameters", []):
        schema = param["schema"]
        if schema.get("enum") or schema.get("items", {}).get("enum"):
            assert_422(admin_client, path, f"{param['name']}=bogus-value")
        if schema.get("format") == "date":
            assert_422(admin_client, path, f"{param['name']}=1.5")
