from django.contrib import admin
from django.http import HttpRequest

from g287.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["id", "at", "actor", "action", "object_type", "object_id", "request_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor", "request_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
