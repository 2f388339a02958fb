"""A bounded, deterministic schemathesis run over every GET operation of /api/openapi.json, anonymous and
with a program-office token: no server error, every answer's status code, content type and body
declared in the schema, and every value the schema allows accepted (so every enum, bound and date
format the API enforces is declared). The registry is the shipped history; the office world is small."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis import checks

from g287.accounts.models import Role
from g287.accounts.tokens import create_token
from tests.accounts.fixtures import certified_officer, make_agency, make_user, reference_data

# Rules between parameters, or against today, that a schema cannot state: the only 422s a value the
# schema allows may get.
RELATIONAL = {"the end date is before the start date", "the date is in the future"}


def allowed_values_are_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """schemathesis's positive_data_acceptance, but for the rules in RELATIONAL."""
    try:
        return checks.positive_data_acceptance(ctx, response, case)
    except AssertionError:
        if response.status_code == 422 and {e["msg"] for e in response.json()["detail"]} <= RELATIONAL:
            return None
        raise


CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    allowed_values_are_accepted,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    # The raw WSGI handler closes the database connection after each request (Django's test client
    # does not): on PostgreSQL that would end the test's transaction after the first call.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def office_token(db: None, settings: Any) -> str:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    reference_data()
    admin = make_user("schemathesis-admin", Role.PROGRAM_ADMIN)
    agency = make_agency("TX-schemathesis-county-sheriffs-office", "TX", "Schemathesis County SO", ["TFM"])
    certified_officer(admin, agency, "Sam", "Thesis", "S-1")
    return create_token(admin, "schemathesis", "read", 30).raw


# Loaded at collection through the WSGI app: reading the document needs no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application()).include(method="GET")


@schema.parametrize()
@settings(
    max_examples=2,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_get_operations(case: Any, office_token: str) -> None:
    case.call_and_validate(headers={}, checks=CHECKS)
    if case.operation.definition.raw.get("security"):
        # A public operation ignores the header; a staff one answers the token's scope.
        case.call_and_validate(headers={"Authorization": f"Bearer {office_token}"}, checks=CHECKS)
