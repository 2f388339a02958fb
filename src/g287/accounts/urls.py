"""Staff pages under /office/: sign-in and passwords, the office home, API tokens, the audit log."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from g287.accounts import views
from g287.accounts.forms import LockoutAuthenticationForm

app_name = "office"
T = "accounts/"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name=T + "login.html",
            authentication_form=LockoutAuthenticationForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(template_name=T + "logged_out.html"), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name=T + "password_change.html", success_url=reverse_lazy("office:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name=T + "password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name=T + "password_reset.html",
            email_template_name=T + "password_reset_email.txt",
            subject_template_name=T + "password_reset_subject.txt",
            success_url=reverse_lazy("office:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name=T + "password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=T + "password_reset_confirm.html",
            success_url=reverse_lazy("office:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name=T + "password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("audit/", views.audit_log, name="audit"),
]
