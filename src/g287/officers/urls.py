"""Staff pages for officers, under /office/officers/."""

from django.urls import path

from g287.officers import views

app_name = "officers"
urlpatterns = [
    path("", views.officer_list, name="list"),
    path("nominate/", views.nominate, name="nominate"),
    path("<int:officer_id>/", views.detail, name="detail"),
    path("<int:officer_id>/review/", views.review, name="review"),
    path("<int:officer_id>/exams/", views.exam, name="exam"),
    path("<int:officer_id>/certify/", views.certify, name="certify"),
    path("<int:officer_id>/separate/", views.separate, name="separate"),
    path("<int:officer_id>/credentials-returned/", views.credentials_returned, name="credentials_returned"),
    path("certifications/<int:certification_id>/renew/", views.renew, name="renew"),
    path("certifications/<int:certification_id>/revoke/", views.revoke, name="revoke"),
    path("import/", views.roster_upload, name="import"),
    path("import/template.csv", views.roster_template, name="import_template"),
    path("import/<int:upload_id>/", views.roster_preview, name="import_preview"),
    path("compliance/", views.compliance, name="compliance"),
    path("courses/", views.courses, name="courses"),
]
