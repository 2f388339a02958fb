from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path

from g287.accounts.office_routes import office_routes
from g287.portal import geo_views, office_views, views


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask /favicon.ico for pages that name no icon (JSON, PDF, the API docs, admin)."""
    return redirect(static("portal/favicon.svg"))


app_name = "portal"
office_urlpatterns = office_routes(
    "agencies",
    [
        path("", office_views.link_queue, name="staff_links"),
        path("duplicates/", office_views.duplicate_queue, name="staff_duplicates"),
        path("<str:agency_id>/", office_views.link_agency, name="staff_link"),
    ],
)
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("favicon.ico", favicon, name="favicon"),
    path("agreements/", views.agreements, name="agreements"),
    path("agencies/<str:agency_id>/", views.agency, name="agency"),
    path("states/", views.states, name="states"),
    path("states/<str:code>/", views.state, name="state"),
    path("changes/", views.changes, name="changes"),
    path("snapshots/", views.snapshots, name="snapshots"),
    path("methodology/", views.methodology, name="methodology"),
    path("find/", views.find, name="find"),
    path("downloads/g287-public.sqlite3", views.public_sqlite, name="public_sqlite"),
    path("downloads/datapackage.json", views.datapackage, name="datapackage"),
    path("embed/program/", views.embed_program, name="embed_program"),
    path("embed/states/<str:code>/", views.embed_state, name="embed_state"),
    path("snapshots/<str:key>/", views.snapshot, name="snapshot"),
    path("maps/counties.svg", geo_views.county_map, name="county_map"),
    path("maps/counties/", geo_views.county_map_page, name="county_map_page"),
    *office_urlpatterns,
]
