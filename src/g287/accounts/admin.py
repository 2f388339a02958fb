"""Django admin (superusers): give a user a role and scope, edit field offices. Token secrets are
never shown; tokens can only be looked at and revoked by their owner in the office."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from g287.accounts.models import ApiToken, FieldOffice, Profile


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = True
    autocomplete_fields = ["agency"]
    extra = 0
    max_num = 1


class UserWithRoleAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "email", "is_active", "role"]

    @admin.display(description="role")
    def role(self, user: User) -> str:
        profile = getattr(user, "profile", None)
        return profile.get_role_display() if profile else "—"


admin.site.unregister(User)
admin.site.register(User, UserWithRoleAdmin)


@admin.register(FieldOffice)
class FieldOfficeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "states"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
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
