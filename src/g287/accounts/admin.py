"""Django admin (superusers): give a user a role and scope, edit field offices. Token secrets are
never shown; tokens can only be looked at and revoked by their owner in the office."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from g287.accounts.admin_audit import AuditedAdmin
from g287.accounts.forms import AdminLockoutAuthenticationForm
from g287.accounts.models import ApiToken, FieldOffice, Profile
from g287.core import audit

# /admin/login/ is under the same lockout as /office/login/.
admin.site.login_form = AdminLockoutAuthenticationForm


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = True
    autocomplete_fields = ["agency"]
    extra = 0
    max_num = 1


class UserWithRoleAdmin(AuditedAdmin, UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "email", "is_active", "role"]

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                audit.record(
                    "auth.user.admin_password_change", "auth.User", id, None, {"password": "changed"}
                )
        return response

    @admin.display(description="role")
    def role(self, user: User) -> str:
        profile = getattr(user, "profile", None)
        return profile.get_role_display() if profile else "—"


admin.site.unregister(User)
admin.site.register(User, UserWithRoleAdmin)


@admin.register(FieldOffice)
class FieldOfficeAdmin(AuditedAdmin):
    list_display = ["code", "name", "states"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ["user", "name", "prefix", "scope", "created_at", "expires_at", "revoked_at"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "digest",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
