"""The gates, declared where the route is. A staff page says what it needs with `office_view(...)`, an API
operation with `api_perm(...)`: one or more permissions (accounts/roles.py), or `Access.PUBLIC` /
`Access.SIGNED_IN` for the few routes that need none. The gate answers before the view runs: anonymous
visitors go to the sign-in page (the API answers 401 through its auth), a role without the permission gets
403. Scope (which agencies) is applied by the queries themselves (scoping.py): 404, never a 403.

Every route carries its gate as `g287_gate`, which the URL mount (office_routes.py), the API (g287/api.py)
and tests/accounts/test_route_access.py read: a route without one is refused at start-up."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase as HttpResponse

from g287.accounts.roles import Perm, perms_of, require

P = ParamSpec("P")
F = TypeVar("F", bound=Callable[..., Any])
View = Callable[Concatenate[HttpRequest, P], HttpResponse]
GATE = "g287_gate"


class Access(StrEnum):
    PUBLIC = "public"  # anyone, signed in or not (sign-in, password reset, public API)
    SIGNED_IN = "signed_in"  # any signed-in user, with or without a role (their own password and tokens)


@dataclass(frozen=True)
class Gate:
    """What a route needs: `perms` for every request; `post` in addition for a POST, either one
    permission or one per value of the URL's `action` (an action not listed needs nothing more)."""

    access: Access | None = None
    perms: tuple[Perm, ...] = ()
    post: Perm | None = None
    post_by_action: Mapping[str, Perm] = field(default_factory=dict)

    def needs(self, method: str, action: str | None = None) -> tuple[Perm, ...]:
        if method != "POST":
            return self.perms
        extra = self.post or self.post_by_action.get(action or "")
        return (*self.perms, extra) if extra else self.perms

    def allows(self, user: Any, method: str, action: str | None = None) -> bool:
        """Whether `user` passes this gate (signed in, active, with every permission needed)."""
        if self.access == Access.PUBLIC:
            return True
        if not user.is_authenticated:
            return False
        return set(self.needs(method, action)) <= perms_of(user)


def _gate(need: tuple[Perm | Access, ...], post: Perm | Mapping[str, Perm] | None) -> Gate:
    access = [n for n in need if isinstance(n, Access)]
    perms = tuple(n for n in need if not isinstance(n, Access))
    if bool(access) == bool(perms) or len(access) > 1:
        raise TypeError("declare either permissions or one Access marker")
    if access and post is not None:
        raise TypeError("a route open to every signed-in user or to the public needs no POST permission")
    if isinstance(post, Mapping):
        return Gate(None, perms, None, dict(post))
    return Gate(access[0] if access else None, perms, post)


def gate_of(view: Any) -> Gate | None:
    found = getattr(view, GATE, None)
    return found if isinstance(found, Gate) else None


def office_view(
    *need: Perm | Access, post: Perm | Mapping[str, Perm] | None = None
) -> Callable[[View[P]], View[P]]:
    """A staff page: `office_view(Perm.X)`, `office_view(Perm.X, post=Perm.Y)` (the page shows with X,
    a POST also needs Y), `post={"action": Perm.Y, ...}` (by the URL's `action`), or an Access marker."""
    gate = _gate(need, post)

    def decorate(view: View[P]) -> View[P]:
        if gate.access == Access.PUBLIC:
            setattr(view, GATE, gate)
            return view

        @wraps(view)
        def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            action = kwargs.get("action")
            for perm in gate.needs(request.method or "GET", action if isinstance(action, str) else None):
                require(request.user, perm)
            return view(request, *args, **kwargs)

        setattr(wrapper, GATE, gate)
        return wrapper

    return decorate


def api_perm(*need: Perm | Access) -> Callable[[F], F]:
    """An API operation, under its `@router.get(...)`: `api_perm(Perm.X)` answers 403 to a role without X
    (the router's auth has already answered 401 to anonymous callers); `api_perm(Access.PUBLIC)` marks an
    operation with `auth=None`, `api_perm(Access.SIGNED_IN)` one any authenticated caller may use."""
    gate = _gate(need, None)

    def decorate(operation: F) -> F:
        if gate.access is not None:
            setattr(operation, GATE, gate)
            return operation

        @wraps(operation)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            for perm in gate.perms:
                require(request.user, perm)
            return operation(request, *args, **kwargs)

        setattr(wrapper, GATE, gate)
        return wrapper  # type: ignore[return-value]

    return decorate
