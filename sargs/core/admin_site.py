"""The Django admin, open only to administrators who passed the second factor."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .otp import is_verified


class SargsAdminSite(admin.AdminSite):
    site_header = _("Sargs administration")
    site_title = _("Sargs administration")

    def has_permission(self, request: HttpRequest) -> bool:
        from sargs.organisations.principal import principal_for
        from sargs.organisations.roles import Role

        user = request.user
        return bool(
            user.is_active
            and user.is_staff
            and is_verified(user)
            and principal_for(request).has_role(Role.ADMINISTRATOR)
        )


admin_site = SargsAdminSite(name="admin")
