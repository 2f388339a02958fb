"""Read-only admin screens: the registry changes only through imports and recorded commands."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from g287.registry.models import Agency, AgencyAlias, Agreement, AgreementVersion, Event, Snapshot


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 0
    can_delete = False
    readonly_fields = ["state", "key", "source"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AgreementInline(admin.TabularInline):
    model = Agreement
    extra = 0
    can_delete = False
    fields = ["id", "model", "status", "signed", "first_listed", "ended"]
    readonly_fields = ["id", "model", "status", "signed", "first_listed", "ended"]
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "source_name", "agreement_count", "row_count", "warning_count", "sha256"]
    list_filter = ["kind"]
    search_fields = ["source_name", "sha256"]
    date_hierarchy = "date"

    @admin.display(description="warnings")
    def warning_count(self, obj: Snapshot) -> int:
        return len(obj.warnings)


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ["id", "name", "state", "type", "county"]
    list_filter = ["state", "type"]
    search_fields = ["id", "name", "county"]
    inlines = [AgreementInline, AliasInline]


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    can_delete = False
    fields = ["date", "kind", "old", "new", "snapshot"]
    readonly_fields = ["date", "kind", "old", "new", "snapshot"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["id", "name", "state", "model", "status", "signed", "first_listed", "ended"]
    list_filter = ["status", "model", "state", "type"]
    search_fields = ["id", "name", "county"]
    inlines = [EventInline]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["date", "agreement", "kind", "old", "new", "snapshot"]
    list_filter = ["kind"]
    search_fields = ["agreement__id", "agreement__name"]
    date_hierarchy = "date"
    list_select_related = ["snapshot"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "kind", "valid_from", "valid_to", "name", "signed", "moa"]
    list_filter = ["kind"]
    search_fields = ["agreement__id"]
