"""A NUL character in an API body or query parameter is refused by field (found by fuzzing: the API
stored it on SQLite, and PostgreSQL, which cannot store it, answered 500)."""

import json
from typing import Any

from django.test import Client

from g287.officers.models import Officer


def test_a_nul_in_a_body_is_refused_naming_the_field(world: Any) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(world.users["program_admin"])
    before = Officer.objects.count()
    body = {
        "agency_id": world.a.pk,
        "given_name": "A",
        "family_name": "B",
        "badge_number": "X\u0000",
        "sworn_since": "2015-01-01",
        "models": ["TFM"],
        "citizenship_attested": True,
    }
    response = client.post("/api/officers/", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "badge_number"], "msg": "Null characters are not allowed.", "type": "value_error"}
    ]
    assert Officer.objects.count() == before


def test_a_nul_in_a_query_parameter_is_refused_naming_it(world: Any) -> None:
    response = Client(raise_request_exception=False).get("/api/agreements?state=T%00X")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["query", "state"]
