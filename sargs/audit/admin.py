"""Audit entries in the admin: read-only, no adding, changing or deleting."""

from django.contrib import admin

from sargs.core.admin_site import admin_site

from .models import AuditEntry


@admin.register(AuditEntry, site=admin_site)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "actor", "action", "content_type", "object_pk", "municipality"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_pk", "actor__username"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
