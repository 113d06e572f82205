"""System administrators' admin pages (reference data, institutions, users). No case data."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from sargs.core.admin_site import admin_site

from .models import Institution, Membership, Municipality, User


@admin.register(Municipality, site=admin_site)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["atvk", "name", "kind", "valid_from", "valid_to", "successor"]
    search_fields = ["atvk", "name"]
    readonly_fields = ["atvk", "lau", "valid_from", "valid_to", "successor"]


@admin.register(Institution, site=admin_site)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "municipality", "is_active"]
    list_filter = ["type", "is_active"]
    search_fields = ["name", "registration_number"]
    autocomplete_fields = ["municipality"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["institution"]


@admin.register(User, site=admin_site)
class SargsUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "is_active"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # users are deactivated, never deleted: the audit trail names them
