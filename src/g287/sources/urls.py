from django.urls import path

from g287.accounts.office_routes import office_routes
from g287.sources import office_views, views

app_name = "sources"
office_urlpatterns = office_routes(
    "sources",
    [
        path("", office_views.fetch_log, name="fetch_log"),
        path("<int:run_id>/acknowledge/", office_views.acknowledge_run, name="acknowledge"),
    ],
)
urlpatterns = [
    path("sources/", views.sources, name="sources"),
    path("sources/files/<str:sha256>/", views.archived_file, name="file"),
    path("moas/", views.moas, name="moas"),
    *office_urlpatterns,
]
