"""Staff pages under /office/: sign-in and passwords, the office home, API tokens, the audit log."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from g287.accounts import office_views
from g287.accounts.decorators import Access, office_view
from g287.accounts.forms import LockoutAuthenticationForm
from g287.accounts.office_routes import office_routes

app_name = "office"
T = "accounts/"
public = office_view(Access.PUBLIC)  # signing in and resetting a forgotten password
signed_in = office_view(Access.SIGNED_IN)

login = auth_views.LoginView.as_view(
    template_name=T + "login.html",
    authentication_form=LockoutAuthenticationForm,
    redirect_authenticated_user=True,
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name=T + "password_change.html", success_url=reverse_lazy("office:password_change_done")
)
password_reset = auth_views.PasswordResetView.as_view(
    template_name=T + "password_reset.html",
    email_template_name=T + "password_reset_email.txt",
    subject_template_name=T + "password_reset_subject.txt",
    success_url=reverse_lazy("office:password_reset_done"),
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name=T + "password_reset_confirm.html",
    success_url=reverse_lazy("office:password_reset_complete"),
)

office_urlpatterns = office_routes(
    "",
    [
        path("", office_views.home, name="home"),
        path("login/", public(login), name="login"),
        path(
            "logout/",
            public(auth_views.LogoutView.as_view(template_name=T + "logged_out.html")),
            name="logout",
        ),
        path("password/change/", signed_in(password_change), name="password_change"),
        path(
            "password/change/done/",
            signed_in(
                auth_views.PasswordChangeDoneView.as_view(template_name=T + "password_change_done.html")
            ),
            name="password_change_done",
        ),
        path("password/reset/", public(password_reset), name="password_reset"),
        path(
            "password/reset/sent/",
            public(auth_views.PasswordResetDoneView.as_view(template_name=T + "password_reset_done.html")),
            name="password_reset_done",
        ),
        path(
            "password/reset/<uidb64>/<token>/", public(password_reset_confirm), name="password_reset_confirm"
        ),
        path(
            "password/reset/complete/",
            public(
                auth_views.PasswordResetCompleteView.as_view(template_name=T + "password_reset_complete.html")
            ),
            name="password_reset_complete",
        ),
        path("tokens/", office_views.tokens, name="tokens"),
        path("tokens/<int:token_id>/revoke/", office_views.token_revoke, name="token_revoke"),
        path("audit/", office_views.audit_log, name="audit"),
    ],
)
urlpatterns = office_urlpatterns
