"""Oversight pages: public ones at the site root (complaints, notices, meetings, measures) and staff
ones under /office/oversight/. Included once, at the root, from g287.urls."""

from django.urls import path

from g287.accounts.office_routes import office_routes
from g287.oversight import office_views as staff
from g287.oversight import views

app_name = "oversight"

office_urlpatterns = office_routes(
    "oversight",
    [
        path("", staff.home, name="office_home"),
        path("complaints/", staff.complaint_list, name="office_complaints"),
        path("complaints/new/", staff.complaint_new, name="office_complaint_new"),
        path("complaints/<int:complaint_id>/", staff.complaint_detail, name="office_complaint"),
        path("complaints/<int:complaint_id>/triage/", staff.complaint_triage, name="office_triage"),
        path("complaints/<int:complaint_id>/notified/", staff.complaint_notified, name="office_notified"),
        path("complaints/<int:complaint_id>/resolve/", staff.complaint_resolve, name="office_resolve"),
        path("complaints/<int:complaint_id>/report/", staff.complaint_report, name="office_report"),
        path("meetings/", staff.meeting_list, name="office_meetings"),
        path("meetings/schedule/", staff.meeting_schedule, name="office_meeting_schedule"),
        path("meetings/<int:meeting_id>/held/", staff.meeting_held, name="office_meeting_held"),
        path("notices/", staff.notice_list, name="office_notices"),
        path("records-since/", staff.records_since, name="office_records_since"),
    ],
)
urlpatterns = [
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaints/received/", views.complaint_received, name="complaint_received"),
    path("complaints/status/", views.complaint_status, name="complaint_status"),
    path("notices/", views.notices, name="notices"),
    path("meetings/", views.meetings, name="meetings"),
    path("measures/", views.measures, name="measures"),
    *office_urlpatterns,
]
