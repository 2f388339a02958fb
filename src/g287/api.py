"""The JSON API (django-ninja): one NinjaAPI, with a router per domain app, documented at /api/docs."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger, _csrf_needed

from g287.accounts.api_errors import DocumentedAPI
from g287.core.api_parser import NulFreeParser


class LocalSwagger(Swagger):
    """Swagger UI from django-ninja's own template and static files, never from a CDN. django-ninja picks
    its local template only when "ninja" is in INSTALLED_APPS, which would import it and pydantic in every
    command; settings.py finds its templates and static files by path instead."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)


api = DocumentedAPI(
    docs=LocalSwagger(),
    title="g287 API",
    version="1",
    description=(
        "The 287(g) program's agreements, agencies, history and statistics, rebuilt from every list ICE "
        "published. Dates are ISO 8601; money is in integer cents. Every list takes `limit` and `offset` and "
        "answers {count, next, previous, results}; a bad parameter is answered 422 with "
        "{detail: [{loc, msg, type}]}. "
        "The whole public registry is also one "
        "SQLite file, [/downloads/g287-public.sqlite3](/downloads/g287-public.sqlite3), described with the CSV "
        "downloads by [/downloads/datapackage.json](/downloads/datapackage.json)."
    ),
    urls_namespace="api",
    parser=NulFreeParser(),
)

# People and trust (g287.accounts, g287.officers): session or token auth, scoped like the staff pages.
from g287.accounts.api import accounts_router, audit_router  # noqa: E402
from g287.accounts.api_errors import install_error_handlers  # noqa: E402
from g287.officers.api import router as officers_router  # noqa: E402

install_error_handlers(api)
api.add_router("/accounts/", accounts_router)
api.add_router("/audit/", audit_router)
api.add_router("/officers/", officers_router)
from g287.funding.api import router as funding_router  # noqa: E402

api.add_router("/funding/", funding_router)

from g287.oversight.api import router as oversight_router  # noqa: E402

api.add_router("/oversight/", oversight_router)

from g287.office.api import router as office_router  # noqa: E402

api.add_router("/office/", office_router)

from g287.portal.api import router as portal_router  # noqa: E402

api.add_router("/", portal_router)

from g287.accounts.office_routes import check_api  # noqa: E402

check_api(api)  # every operation declares its permission, or the API does not start
