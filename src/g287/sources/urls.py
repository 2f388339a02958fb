from django.urls import path

from g287.sources import views

app_name = "sources"
urlpatterns = [
    path("sources/", views.sources, name="sources"),
    path("sources/files/<str:sha256>/", views.archived_file, name="file"),
    path("moas/", views.moas, name="moas"),
    path("office/sources/", views.fetch_log, name="fetch_log"),
    path("office/sources/<int:run_id>/acknowledge/", views.acknowledge_run, name="acknowledge"),
]
