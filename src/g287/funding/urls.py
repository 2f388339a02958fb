"""Funding pages: public totals at /funding/, staff pages under /office/funding/."""

from django.urls import path, re_path

from g287.accounts.office_routes import office_routes
from g287.funding import office_views as staff
from g287.funding import views

app_name = "funding"
office_urlpatterns = office_routes(
    "funding",
    [
        path("", staff.claim_list, name="claims"),
        path("new/", staff.claim_new, name="claim_new"),
        path("budget/", staff.budget_page, name="budget"),
        path("claims/<int:claim_id>/", staff.claim_detail, name="claim"),
        path("claims/<int:claim_id>/<slug:action>/", staff.claim_action, name="action"),
        path("files/<int:file_id>/", staff.file_download, name="file"),
        path("rules/", staff.rules_page, name="rules"),
        path("reports/", staff.reports_page, name="reports"),
        path("appropriations/", staff.appropriations_page, name="appropriations"),
        re_path(
            r"^statements/(?P<quarter>[0-9]{4}Q[1-4])/(?P<agency_id>[\w-]+)\.(?P<fmt>csv|pdf)$",
            staff.statement,
            name="statement",
        ),
    ],
)
urlpatterns = [path("funding/", views.public_page, name="public"), *office_urlpatterns]
