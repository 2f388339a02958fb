"""The gate every staff page goes through: signed in (else to the login page), a role that allows the
action (else 403). Scope is applied by the queries themselves (scoping.py)."""

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase as HttpResponse

from g287.accounts.roles import Cap, require

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponse]


def office_view(cap: Cap | None = Cap.VIEW) -> Callable[[View[P]], View[P]]:
    """`cap=None`: any signed-in user (their own password and tokens)."""

    def decorate(view: View[P]) -> View[P]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if cap is not None:
                require(request.user, cap)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
