"""Funding pages: public totals at /funding/, staff pages under /office/funding/."""

from django.urls import path, re_path

from g287.funding import office, views

app_name = "funding"
urlpatterns = [
    path("funding/", views.public_page, name="public"),
    path("office/funding/", views.claim_list, name="claims"),
    path("office/funding/new/", views.claim_new, name="claim_new"),
    path("office/funding/budget/", views.budget_page, name="budget"),
    path("office/funding/claims/<int:claim_id>/", views.claim_detail, name="claim"),
    path("office/funding/claims/<int:claim_id>/<slug:action>/", views.claim_action, name="action"),
    path("office/funding/files/<int:file_id>/", views.file_download, name="file"),
    path("office/funding/rules/", office.rules_page, name="rules"),
    path("office/funding/reports/", office.reports_page, name="reports"),
    path("office/funding/appropriations/", office.appropriations_page, name="appropriations"),
    re_path(
        r"^office/funding/statements/(?P<quarter>[0-9]{4}Q[1-4])/(?P<agency_id>[\w-]+)\.(?P<fmt>csv|pdf)$",
        office.statement,
        name="statement",
    ),
]
