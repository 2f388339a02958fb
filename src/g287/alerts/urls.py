from django.urls import path

from g287.alerts import feeds, views

app_name = "alerts"
urlpatterns = [
    path("feeds/changes.atom", feeds.ProgramFeed(), name="feed"),
    path("feeds/states/<str:code>.atom", feeds.StateFeed(), name="state_feed"),
    path("feeds/agencies/<str:agency_id>.atom", feeds.AgencyFeed(), name="agency_feed"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="confirm"),
    path("subscribe/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("office/webhooks/", views.webhook_list, name="webhooks"),
    path("office/webhooks/<int:hook_id>/toggle/", views.webhook_toggle, name="webhook_toggle"),
]
