"""The office workbench's pages: user management under /office/users/."""

from django.urls import path

from g287.office import views

app_name = "workbench"

urlpatterns = [
    path("", views.user_list, name="users"),
    path("new/", views.user_new, name="user_new"),
    path("<int:user_id>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("<int:user_id>/reset/", views.user_reset, name="user_reset"),
    path("<int:user_id>/revoke-tokens/", views.user_revoke_tokens, name="user_revoke_tokens"),
]
