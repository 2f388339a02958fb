"""Every staff page and API endpoint of accounts and officers, for every role, in and out of scope.

Expected answers follow from three facts per endpoint: the capability it needs, whether it acts on one
agency's object, and what a permitted request answers. Anonymous: pages redirect to the login, the API
answers 401; a role without the capability: 403; an object outside the user's scope: 404, as if it
did not exist. Writes are sent with data a permitted user would have refused (400/422), so the matrix
changes nothing and each case is independent. The last tests check that the matrix covers every
route, so a new page or endpoint cannot ship without its row."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from g287.api import api
from g287.officers import roster
from tests.accounts.fixtures import IN_SCOPE, ROLES, World

ALL = "authenticated"  # any signed-in user, with or without a role
VIEW = {"program_admin", "program_reviewer", "auditor", "fs_in", "fs_out", "aa_in", "aa_out"}
CAPS: dict[str, set[str]] = {
    ALL: VIEW | {"no_role"},
    "view": VIEW,
    "nominate": {"program_admin", "aa_in", "aa_out"},
    "import": {"program_admin", "aa_in", "aa_out"},
    "review": {"program_admin", "program_reviewer"},
    "train": {"program_admin", "program_reviewer", "fs_in", "fs_out"},
    "certify": {"program_admin", "program_reviewer", "fs_in", "fs_out"},
    "revoke": {"program_admin", "fs_in", "fs_out"},
    "separate": {"program_admin", "fs_in", "fs_out", "aa_in", "aa_out"},
    "courses": {"program_admin"},
    "audit": {"program_admin", "auditor"},
}


@dataclass(frozen=True)
class Endpoint:
    name: str  # URL name (pages) or "METHOD path" (API)
    method: str
    url: Callable[[World], str]
    cap: str
    scoped: bool  # acts on agency A's object
    ok: int  # what a permitted, in-scope user gets
    data: Callable[[World], Any] | None = None
    api: bool = False


def page(
    name: str,
    cap: str,
    ok: int = 200,
    method: str = "GET",
    scoped: bool = False,
    args: Callable[[World], list[Any]] | None = None,
    data: Callable[[World], Any] | None = None,
) -> Endpoint:
    return Endpoint(
        name, method, lambda w: reverse(name, args=args(w) if args else None), cap, scoped, ok, data
    )


def endpoint(
    method: str,
    path: str,
    cap: str,
    ok: int,
    scoped: bool = False,
    data: Callable[[World], Any] | None = None,
) -> Endpoint:
    def url(w: World) -> str:
        return "/api" + path.format(officer=w.officer_a.pk, cert=w.cert_a.pk)

    return Endpoint(f"{method} {path}", method, url, cap, scoped, ok, data, api=True)


officer = lambda w: [w.officer_a.pk]  # noqa: E731
cert = lambda w: [w.cert_a.pk]  # noqa: E731
empty = lambda w: {}  # noqa: E731


def upload(w: World) -> list[Any]:
    made = roster.preview(w.users["program_admin"], w.a.pk, "r.csv", b"given_name\nX\n")
    return [made.pk]


PAGES = [
    page("office:home", ALL),
    page("office:tokens", ALL),
    page("office:password_change", ALL),
    page("office:audit", "audit"),
    page("officers:list", "view"),
    page("officers:nominate", "nominate"),
    page("officers:nominate", "nominate", ok=200, method="POST", data=empty),
    page("officers:detail", "view", scoped=True, args=officer),
    page("officers:review", "review", 400, "POST", True, officer, empty),
    page("officers:exam", "train", 400, "POST", True, officer, empty),
    page("officers:certify", "certify", 400, "POST", True, officer, empty),
    page("officers:separate", "separate", 400, "POST", True, officer, empty),
    page("officers:credentials_returned", "separate", 400, "POST", True, officer, empty),
    page("officers:renew", "certify", 400, "POST", True, cert, empty),
    page("officers:revoke", "revoke", 400, "POST", True, cert, empty),
    page("officers:import", "import"),
    page("officers:import_template", "import"),
    page("officers:import_preview", "import", scoped=True, args=upload),
    page("officers:compliance", "view"),
    page("officers:courses", "courses"),
]

BAD_NOMINATION = lambda w: {  # noqa: E731
    "agency_id": w.a.pk,
    "given_name": "New",
    "family_name": "Nominee",
    "badge_number": "N-1",
    "sworn_since": "2025-06-01",
    "models": ["TFM"],
    "citizenship_attested": True,
}
API = [
    endpoint("GET", "/accounts/me", ALL, 200),
    endpoint("GET", "/audit/", "audit", 200),
    endpoint("GET", "/audit/verify", "audit", 200),
    endpoint("GET", "/officers/", "view", 200),
    endpoint("POST", "/officers/", "nominate", 422, True, BAD_NOMINATION),
    endpoint("GET", "/officers/compliance", "view", 200),
    endpoint("GET", "/officers/{officer}", "view", 200, True),
    endpoint("GET", "/officers/{officer}/status", "view", 200, True),
    endpoint("POST", "/officers/{officer}/review", "review", 422, True, lambda w: {"approve": False}),
    endpoint(
        "POST",
        "/officers/{officer}/exams",
        "train",
        422,
        True,
        lambda w: {"model": "TFM", "taken_on": "2999-01-01", "score": 50},
    ),
    endpoint(
        "POST",
        "/officers/{officer}/certifications",
        "certify",
        422,
        True,
        lambda w: {
            "model": "TFM",
            "authorized_on": "2025-01-01",
            "form_70006_number": "",
            "credential_number": "",
        },
    ),
    endpoint(
        "POST",
        "/officers/{officer}/separation",
        "separate",
        422,
        True,
        lambda w: {"on": "2000-01-01", "reason": "x"},
    ),
    endpoint(
        "POST",
        "/officers/certifications/{cert}/renew",
        "certify",
        422,
        True,
        lambda w: {"renewed_on": "2000-01-01"},
    ),
    endpoint(
        "POST",
        "/officers/certifications/{cert}/revoke",
        "revoke",
        422,
        True,
        lambda w: {"on": "2000-01-01", "reason": "x"},
    ),
]


def expected(ep: Endpoint, role: str) -> int:
    if role == "anonymous":
        return 401 if ep.api else 302
    if role not in CAPS[ep.cap]:
        return 403
    if ep.scoped and role not in IN_SCOPE:
        return 404
    return ep.ok


def client_for(world: World, role: str) -> Client:
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def call(client: Client, ep: Endpoint, world: World) -> Any:
    url = ep.url(world)
    data = ep.data(world) if ep.data else None
    if ep.method == "GET":
        return client.get(url)
    if ep.api:
        return client.post(url, data or {}, content_type="application/json")
    return client.post(url, data or {})


CASES = [(ep, role) for ep in PAGES + API for role in ROLES]


@pytest.mark.parametrize(
    ("ep", "role"), CASES, ids=[f"{ep.method} {ep.name} as {role}" for ep, role in CASES]
)
def test_matrix(world: World, ep: Endpoint, role: str) -> None:
    response = call(client_for(world, role), ep, world)
    want = expected(ep, role)
    assert response.status_code == want, response.content[:500]
    if want == 302:
        assert response["Location"].startswith(reverse("office:login"))
    if response.status_code < 500 and role not in ("anonymous", "no_role"):
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        # Scoped users never see the other agency's officer, whatever the page.
        if role in ("fs_in", "aa_in"):
            assert "Outofscope" not in text and "B-999" not in text and world.b.pk not in text
        if role in ("fs_out", "aa_out"):
            assert "Inscope" not in text and "A-111" not in text and world.a.pk not in text


@pytest.mark.parametrize("role", ["fs_in", "aa_in", "program_admin"])
def test_scoped_lists_show_own_agency(world: World, role: str) -> None:
    client = client_for(world, role)
    assert "Inscope" in client.get(reverse("officers:list")).content.decode()
    names = [o["family_name"] for o in client.get("/api/officers/").json()["results"]]
    assert "Inscope" in names
    assert ("Outofscope" in names) == (role == "program_admin")


def _page_routes() -> set[str]:
    names: set[str] = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace in ("office", "officers"):
            names |= {f"{pattern.namespace}:{name}" for name in _names(pattern.url_patterns)}
    return names


def _names(patterns: list[URLPattern | URLResolver]) -> set[str]:
    """Names of the patterns, through includes without a namespace (office_routes mounts that way)."""
    found: set[str] = set()
    for pattern in patterns:
        found |= _names(pattern.url_patterns) if isinstance(pattern, URLResolver) else {str(pattern.name)}
    return found


PUBLIC_PAGES = {
    "office:login",
    "office:logout",
    "office:password_change_done",
    "office:password_reset",
    "office:password_reset_done",
    "office:password_reset_confirm",
    "office:password_reset_complete",
    "office:token_revoke",  # owner-only: tests/accounts/test_tokens.py
}


def test_every_page_is_in_the_matrix() -> None:
    covered = {ep.name for ep in PAGES} | PUBLIC_PAGES
    assert _page_routes() - covered == set()


# Public by design: the audit log's head, for anyone to keep (tests/accounts/test_audit_head.py).
PUBLIC_API = {"GET /audit/head"}


def test_every_api_endpoint_is_in_the_matrix() -> None:
    covered = {ep.name for ep in API} | PUBLIC_API
    found: set[str] = set()
    for prefix, router in api._routers:
        if prefix.strip("/").split("/")[0] not in ("accounts", "audit", "officers"):
            continue
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    route = "/" + prefix.strip("/") + ("/" + path.strip("/") if path.strip("/") else "/")
                    found.add(
                        f"{method} {route.replace('{officer_id}', '{officer}').replace('{certification_id}', '{cert}')}"
                    )
    assert found, "no routes found: the introspection is broken"
    assert found - covered == set()
