"""The Django admin, open only to administrators who passed the second factor.

Which users are administrators is ``organisations``' to say: it sets the site's
``access_rule`` at start-up (core imports no app above it, docs/adr/0013-layers.md); until it
has, the admin is closed to everyone."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .access import Rule
from .otp import is_verified


class SargsAdminSite(admin.AdminSite):
    site_header = _("Sargs administration")
    site_title = _("Sargs administration")
    #: Who may open the admin besides being active, staff and verified (set by organisations).
    access_rule: Rule | None = None

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active
            and user.is_staff
            and is_verified(user)
            and self.access_rule is not None
            and self.access_rule.allows(request)
        )


admin_site = SargsAdminSite(name="admin")
