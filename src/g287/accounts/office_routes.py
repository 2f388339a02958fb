"""The one way a staff page is mounted: each app's urls.py declares `office_urlpatterns =
office_routes("<area>", [path(...), ...])`, served under /office/<area>/. A view without a declared gate
(accounts/decorators.py: `office_view(...)`) is refused here, when the URLs are loaded, so a page cannot
ship open to whoever is signed in because a line was forgotten. `check_api` does the same for the API's
operations (`api_perm(...)`)."""

from collections.abc import Iterator, Sequence
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, include, path

from g287.accounts.decorators import Access, gate_of


def undeclared(patterns: Sequence[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    """The routes among `patterns` (searched through includes) whose view declares no gate."""
    found: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += undeclared(pattern.url_patterns, prefix + str(pattern.pattern))
        elif gate_of(pattern.callback) is None:
            found.append(prefix + str(pattern.pattern))
    return found


def office_routes(area: str, patterns: Sequence[URLPattern | URLResolver]) -> list[URLResolver]:
    """`patterns` under /office/<area>/ (/office/ itself for the area ""), each checked for its gate."""
    prefix = f"office/{area.strip('/')}/" if area.strip("/") else "office/"
    missing = undeclared(patterns, prefix)
    if missing:
        raise ImproperlyConfigured(
            f"Staff routes without a declared permission (use office_view(...)): {', '.join(missing)}"
        )
    return [path(prefix, include(list(patterns)))]


def operations(api: Any) -> Iterator[tuple[str, Any]]:
    """("METHOD /api/path", operation) for every operation of a NinjaAPI, nested routers included, as
    mounted (with the auth each inherits)."""
    for bound in api._get_bound_routers():
        prefix = bound.mount.prefix
        for route, path_view in bound.path_operations.items():
            url = "/api/" + "/".join(p for p in (prefix.strip("/"), route.strip("/")) if p)
            url += "/" if route.endswith("/") or not route.strip("/") else ""
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"{method} {url}", operation


def undeclared_operations(api: Any) -> list[str]:
    """Operations with no `api_perm(...)`, or whose marker contradicts their auth: a PUBLIC operation must
    have `auth=None`, any other one an auth (which answers 401 before the gate)."""
    found = []
    for name, operation in operations(api):
        gate = gate_of(operation.view_func)
        if gate is None or (gate.access == Access.PUBLIC) == bool(operation.auth_callbacks):
            found.append(name)
    return found


def check_api(api: Any) -> None:
    """Called once every router is added (g287/api.py): refuses to start with an undeclared operation."""
    missing = undeclared_operations(api)
    if missing:
        raise ImproperlyConfigured(
            f"API operations without a declared permission (use api_perm(...)): {', '.join(missing)}"
        )
