from django.urls import path

from g287.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("agreements/", views.agreements, name="agreements"),
    path("agencies/<str:agency_id>/", views.agency, name="agency"),
    path("states/", views.states, name="states"),
    path("states/<str:code>/", views.state, name="state"),
    path("changes/", views.changes, name="changes"),
    path("snapshots/", views.snapshots, name="snapshots"),
    path("snapshots/<str:key>/", views.snapshot, name="snapshot"),
]
