from django.urls import path

from g287.accounts.office_routes import office_routes
from g287.alerts import feeds, office_views, views

app_name = "alerts"
office_urlpatterns = office_routes(
    "webhooks",
    [
        path("", office_views.webhook_list, name="webhooks"),
        path("<int:hook_id>/toggle/", office_views.webhook_toggle, name="webhook_toggle"),
    ],
)
urlpatterns = [
    path("feeds/changes.atom", feeds.ProgramFeed(), name="feed"),
    path("feeds/states/<str:code>.atom", feeds.StateFeed(), name="state_feed"),
    path("feeds/agencies/<str:agency_id>.atom", feeds.AgencyFeed(), name="agency_feed"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="confirm"),
    path("subscribe/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    *office_urlpatterns,
]
