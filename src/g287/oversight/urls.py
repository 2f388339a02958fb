"""Oversight pages: public ones at the site root (complaints, notices, meetings, measures) and staff
ones under /office/oversight/. Included once, at the root, from g287.urls."""

from django.urls import path

from g287.oversight import office_views, public_views

app_name = "oversight"
OFFICE = "office/oversight/"

urlpatterns = [
    path("complaints/new/", public_views.complaint_new, name="complaint_new"),
    path("complaints/received/", public_views.complaint_received, name="complaint_received"),
    path("complaints/status/", public_views.complaint_status, name="complaint_status"),
    path("notices/", public_views.notices, name="notices"),
    path("meetings/", public_views.meetings, name="meetings"),
    path("measures/", public_views.measures, name="measures"),
    path(OFFICE, office_views.home, name="office_home"),
    path(OFFICE + "complaints/", office_views.complaint_list, name="office_complaints"),
    path(OFFICE + "complaints/new/", office_views.complaint_new, name="office_complaint_new"),
    path(OFFICE + "complaints/<int:complaint_id>/", office_views.complaint_detail, name="office_complaint"),
    path(
        OFFICE + "complaints/<int:complaint_id>/triage/", office_views.complaint_triage, name="office_triage"
    ),
    path(
        OFFICE + "complaints/<int:complaint_id>/notified/",
        office_views.complaint_notified,
        name="office_notified",
    ),
    path(
        OFFICE + "complaints/<int:complaint_id>/resolve/",
        office_views.complaint_resolve,
        name="office_resolve",
    ),
    path(
        OFFICE + "complaints/<int:complaint_id>/report/", office_views.complaint_report, name="office_report"
    ),
    path(OFFICE + "meetings/", office_views.meeting_list, name="office_meetings"),
    path(OFFICE + "meetings/schedule/", office_views.meeting_schedule, name="office_meeting_schedule"),
    path(OFFICE + "meetings/<int:meeting_id>/held/", office_views.meeting_held, name="office_meeting_held"),
    path(OFFICE + "notices/", office_views.notice_list, name="office_notices"),
    path(OFFICE + "records-since/", office_views.records_since, name="office_records_since"),
]
