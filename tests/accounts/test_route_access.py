"""Every staff page under /office/ and every API operation declares who may use it, and every role gets
exactly what the one role table says: anonymous visitors the sign-in page (401 in the API), a role without
the permission 403, a role with it the page (or 404 for an object that does not exist, 400 for a refused
form: never 403 and never the sign-in page).

The routes are found by walking the URL resolver and the API's routers, not listed by hand, so a page or
operation added tomorrow is checked too; and one without a declared permission is refused when the URLs
load (the negative cases at the end)."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from ninja import NinjaAPI, Router
from ninja.params.models import BodyModel, FileModel, FormModel

from g287.accounts.decorators import Access, Gate, api_perm, gate_of, office_view
from g287.accounts.models import Role
from g287.accounts.office_routes import (
    check_api,
    office_routes,
    operations,
    undeclared,
    undeclared_operations,
)
from g287.accounts.roles import ROLE_PERMS, Perm, perms_of
from g287.api import api
from tests.accounts.fixtures import IN_AGENCY, make_agency, make_user, reference_data

# The role table as users have known it (before the permissions became one vocabulary): written out
# here, not derived from roles.py, so that a change to anyone's rights is a deliberate change here too.
EVERY = {p.value for p in Perm}
MATRIX: dict[str, set[str]] = {
    Role.PROGRAM_ADMIN: EVERY,
    Role.PROGRAM_REVIEWER: {
        "officers.view", "officers.review", "officers.train", "officers.certify",
        "funding.view", "funding.review", "oversight.view", "registry.identity", "sources.view",
    },
    Role.FIELD_SUPERVISOR: {
        "officers.view", "officers.train", "officers.certify", "officers.revoke", "officers.separate",
        "funding.view", "oversight.view", "oversight.cases", "oversight.meetings",
    },
    Role.AGENCY_ADMIN: {
        "officers.view", "officers.nominate", "officers.import", "officers.separate",
        "funding.view", "funding.prepare", "oversight.view", "oversight.cases",
    },
    Role.AUDITOR: {"officers.view", "funding.view", "oversight.view", "audit.view", "sources.view"},
}  # fmt: skip
# The users of tests/accounts/fixtures.py, one per role (and none), with their role.
USERS = {
    "anonymous": None,
    "no_role": None,
    "program_admin": Role.PROGRAM_ADMIN,
    "program_reviewer": Role.PROGRAM_REVIEWER,
    "auditor": Role.AUDITOR,
    "fs_in": Role.FIELD_SUPERVISOR,
    "aa_in": Role.AGENCY_ADMIN,
}


def test_the_role_table_is_the_matrix() -> None:
    assert set(ROLE_PERMS) == set(Role.values)
    assert {role: {p.value for p in perms} for role, perms in ROLE_PERMS.items()} == MATRIX


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    """A user per role (and one without), without the officers of the `world` fixture: the routes are
    asked about objects that do not exist."""
    reference_data()
    agency = make_agency(IN_AGENCY, "TX", "Alpha County Sheriff's Office", ["TFM"])
    return {
        "anonymous": None,
        "no_role": make_user("no-role", None),
        "program_admin": make_user("pa", Role.PROGRAM_ADMIN),
        "program_reviewer": make_user("pr", Role.PROGRAM_REVIEWER),
        "auditor": make_user("auditor", Role.AUDITOR),
        "fs_in": make_user("fs-in", Role.FIELD_SUPERVISOR, office="HOU"),
        "aa_in": make_user("aa-in", Role.AGENCY_ADMIN, agency=agency),
    }


def test_each_user_has_their_roles_permissions_and_no_more(people: dict[str, Any]) -> None:
    for who, role in USERS.items():
        assert {p.value for p in perms_of(people[who])} == (MATRIX[role] if role else set()), who


# --- every /office/ route, walked from the resolver


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, str, URLPattern]]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            found += _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            found.append((prefix + str(pattern.pattern), f"{namespace}:{pattern.name}", pattern))
    return found


OFFICE = [
    (route, name, p)
    for route, name, p in _walk(get_resolver().url_patterns)
    if route.lstrip("^").startswith("office/")
]
# A value for each URL parameter: ids that exist nowhere (a permitted user gets 404, not an error).
SAMPLE = {"quarter": "2020Q1", "agency_id": "ZZ-no-such-agency", "fmt": "csv", "action": "submit"}


def _url(name: str, pattern: URLPattern) -> str:
    converters = getattr(pattern.pattern, "converters", {})
    names = list(converters) or list(pattern.pattern.regex.groupindex)
    kwargs = {
        n: SAMPLE.get(n, 987654 if type(converters.get(n)).__name__ == "IntConverter" else "none")
        for n in names
    }
    return reverse(name, kwargs=kwargs)


def test_the_walk_finds_every_staff_area() -> None:
    areas = {route.lstrip("^").split("/")[1] for route, _, _ in OFFICE}
    assert {"", "officers", "users", "oversight", "funding", "sources", "webhooks", "agencies"} <= areas


@pytest.mark.parametrize(("route", "name", "pattern"), OFFICE, ids=[name for _, name, _ in OFFICE])
def test_office_route_declares_its_permission(route: str, name: str, pattern: URLPattern) -> None:
    assert gate_of(pattern.callback) is not None, f"{route} declares no permission"


def _client(people: dict[str, Any], who: str) -> Client:
    client = Client()
    if people[who] is not None:
        client.force_login(people[who])
    return client


def _sent(client: Client, method: str, url: str) -> Any:
    return client.get(url) if method == "GET" else client.post(url, {})


def _to_login(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("office:login"))


@pytest.mark.parametrize(("route", "name", "pattern"), OFFICE, ids=[name for _, name, _ in OFFICE])
def test_office_route_answers_each_role_as_the_matrix_says(
    people: dict[str, Any], route: str, name: str, pattern: URLPattern
) -> None:
    gate = gate_of(pattern.callback)
    assert gate is not None
    url = _url(name, pattern)
    for method in ("GET", "POST"):
        if _sent(_client(people, "program_admin"), method, url).status_code == 405:
            continue  # the page does not take this method, for anyone
        for who, role in USERS.items():
            response = _sent(_client(people, who), method, url)
            said = f"{method} {url} as {who}: {response.status_code}"
            if gate.access == Access.PUBLIC:
                assert response.status_code not in (401, 403) and not _to_login(response), said
            elif who == "anonymous":
                assert _to_login(response) or response.status_code == 405, said
            elif set(gate.needs(method, SAMPLE["action"])) <= (MATRIX[role] if role else set()):
                assert response.status_code not in (401, 403, 405), said
                assert response.status_code < 500 and not _to_login(response), said
            else:
                assert response.status_code == 403, said
                assert b"Your role does not allow this" in response.content, said


# --- every API operation, walked from the routers


OPERATIONS = list(operations(api))


@pytest.mark.parametrize(("name", "operation"), OPERATIONS, ids=[n for n, _ in OPERATIONS])
def test_api_operation_declares_its_permission(name: str, operation: Any) -> None:
    gate = gate_of(operation.view_func)
    assert gate is not None, f"{name} declares no permission"
    # Public operations take no credentials; every other one authenticates first (401).
    assert (gate.access == Access.PUBLIC) == (not operation.auth_callbacks), name


# Required query parameters: without them the answer is 422 before the gate is reached.
REQUIRED_QUERY = {"/api/funding/budget": "?fiscal_year=2099"}


def _api_url(name: str) -> str:
    path_ = name.split(" ", 1)[1]
    return _filled(path_) + REQUIRED_QUERY.get(path_, "")


def _filled(path_: str) -> str:
    return re.sub(r"\{fiscal_year\}", "2099", re.sub(r"\{(?!fiscal_year)[^}]+\}", "987654", path_))


def _takes_body(operation: Any) -> bool:
    return any(issubclass(model, (BodyModel, FormModel, FileModel)) for model in operation.models)


@pytest.mark.parametrize(("name", "operation"), OPERATIONS, ids=[n for n, _ in OPERATIONS])
def test_api_operation_answers_each_role_as_the_matrix_says(
    people: dict[str, Any], name: str, operation: Any
) -> None:
    gate = gate_of(operation.view_func)
    assert gate is not None
    method = name.split(" ", 1)[0]
    for who, role in USERS.items():
        user = people[who]
        allowed = gate.access == Access.PUBLIC or (
            user is not None and set(gate.perms) <= (MATRIX[role] if role else set())
        )
        if user is not None:
            assert gate.allows(user, method) == allowed, f"{name} as {who}"
        if _takes_body(operation):
            # A body is validated (422) before the gate runs; the gate itself is called instead.
            request = RequestFactory().generic(method, "/")
            request.user = user or AnonymousUser()
            if gate.access is None and not allowed:
                with pytest.raises(PermissionDenied, match=r"Your role does not allow this \("):
                    operation.view_func(request)
            continue
        client = _client(people, who)
        url = _api_url(name)
        response = client.get(url) if method == "GET" else client.generic(method, url)
        said = f"{name} as {who}: {response.status_code}"
        if gate.access == Access.PUBLIC:
            assert response.status_code not in (401, 403), said
        elif who == "anonymous":
            assert response.status_code == 401, said
        elif allowed:
            assert response.status_code not in (401, 403) and response.status_code < 500, said
        else:
            assert response.status_code == 403, said
            assert response.json()["detail"].startswith("Your role does not allow this ("), said


# --- a route without a declared permission is refused


def _open_page(request: Any) -> HttpResponse:
    return HttpResponse("anyone signed in could read this")


def test_a_staff_page_without_a_declared_permission_is_refused_at_mount() -> None:
    with pytest.raises(ImproperlyConfigured, match="office/spare/forgotten/"):
        office_routes("spare", [path("forgotten/", _open_page)])
    declared = office_view(Perm.AUDIT_VIEW)(_open_page)
    assert office_routes("spare", [path("fine/", declared)])  # the same page, declared, mounts


def test_the_walk_finds_a_staff_page_mounted_around_the_guard() -> None:
    # Mounted by hand (not through office_routes), the page still fails the walk above.
    patterns = [*office_routes("spare", [path("fine/", office_view(Access.SIGNED_IN)(_open_page))])]
    patterns.append(path("office/sneaked-in/", _open_page))
    assert undeclared(patterns) == ["office/sneaked-in/"]
    assert [route for route, _, p in _walk(patterns) if gate_of(p.callback) is None] == ["office/sneaked-in/"]


def test_an_api_operation_without_a_declared_permission_is_refused() -> None:
    spare = NinjaAPI(urls_namespace="spare-api")
    router = Router(auth=lambda request: request.user)

    @router.get("/forgotten")
    def forgotten(request: Any) -> dict[str, str]:
        return {}

    @router.get("/declared")
    @api_perm(Perm.AUDIT_VIEW)
    def declared(request: Any) -> dict[str, str]:
        return {}

    @router.get("/public-but-authenticated")
    @api_perm(Access.PUBLIC)
    def contradicts(request: Any) -> dict[str, str]:
        return {}

    spare.add_router("/spare/", router)
    assert undeclared_operations(spare) == [
        "GET /api/spare/forgotten",
        "GET /api/spare/public-but-authenticated",
    ]
    with pytest.raises(ImproperlyConfigured, match="GET /api/spare/forgotten"):
        check_api(spare)


def test_a_gate_declares_either_permissions_or_one_marker() -> None:
    for bad in [(), (Access.PUBLIC, Perm.AUDIT_VIEW), (Access.PUBLIC, Access.SIGNED_IN)]:
        with pytest.raises(TypeError):
            office_view(*bad)
    with pytest.raises(TypeError):
        office_view(Access.SIGNED_IN, post=Perm.AUDIT_VIEW)
    gate = Gate(perms=(Perm.FUNDING_VIEW,), post_by_action={"pay": Perm.FUNDING_PAY})
    assert gate.needs("GET", "pay") == (Perm.FUNDING_VIEW,)
    assert gate.needs("POST", "pay") == (Perm.FUNDING_VIEW, Perm.FUNDING_PAY)
    assert gate.needs("POST", "unknown") == (Perm.FUNDING_VIEW,)
