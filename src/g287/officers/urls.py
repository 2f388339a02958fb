"""Staff pages for officers, under /office/officers/."""

from django.urls import path

from g287.accounts.office_routes import office_routes
from g287.officers import office_views as v

app_name = "officers"
office_urlpatterns = office_routes(
    "officers",
    [
        path("", v.officer_list, name="list"),
        path("nominate/", v.nominate, name="nominate"),
        path("<int:officer_id>/", v.detail, name="detail"),
        path("<int:officer_id>/review/", v.review, name="review"),
        path("<int:officer_id>/exams/", v.exam, name="exam"),
        path("<int:officer_id>/certify/", v.certify, name="certify"),
        path("<int:officer_id>/separate/", v.separate, name="separate"),
        path("<int:officer_id>/credentials-returned/", v.credentials_returned, name="credentials_returned"),
        path("certifications/<int:certification_id>/renew/", v.renew, name="renew"),
        path("certifications/<int:certification_id>/revoke/", v.revoke, name="revoke"),
        path("import/", v.roster_upload, name="import"),
        path("import/template.csv", v.roster_template, name="import_template"),
        path("import/<int:upload_id>/", v.roster_preview, name="import_preview"),
        path("compliance/", v.compliance, name="compliance"),
        path("courses/", v.courses, name="courses"),
    ],
)
urlpatterns = office_urlpatterns
