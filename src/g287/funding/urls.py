"""Funding pages: public totals at /funding/, staff pages under /office/funding/."""

from django.urls import path

from g287.funding import views

app_name = "funding"
urlpatterns = [
    path("funding/", views.public_page, name="public"),
    path("office/funding/", views.claim_list, name="claims"),
    path("office/funding/new/", views.claim_new, name="claim_new"),
    path("office/funding/budget/", views.budget_page, name="budget"),
    path("office/funding/claims/<int:claim_id>/", views.claim_detail, name="claim"),
    path("office/funding/claims/<int:claim_id>/<slug:action>/", views.claim_action, name="action"),
    path("office/funding/files/<int:file_id>/", views.file_download, name="file"),
]
