from django.urls import path

from g287.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
