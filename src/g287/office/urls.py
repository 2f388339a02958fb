"""The office workbench's pages: user management under /office/users/."""

from django.urls import path

from g287.accounts.office_routes import office_routes
from g287.office import office_views

app_name = "workbench"

office_urlpatterns = office_routes(
    "users",
    [
        path("", office_views.user_list, name="users"),
        path("new/", office_views.user_new, name="user_new"),
        path("<int:user_id>/deactivate/", office_views.user_deactivate, name="user_deactivate"),
        path("<int:user_id>/reset/", office_views.user_reset, name="user_reset"),
        path("<int:user_id>/revoke-tokens/", office_views.user_revoke_tokens, name="user_revoke_tokens"),
    ],
)
urlpatterns = office_urlpatterns
