"""Coordinators search their municipality's audit trail; national administrators all of it.
Nobody can change or delete an entry: there is no view, service or admin action that would."""

from __future__ import annotations

from django.db.models import QuerySet

from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import COORDINATORS, IS_COORDINATOR
from sargs.organisations.principal import Principal

from .models import AuditEntry

CAN_SEARCH_AUDIT = IS_COORDINATOR


class AuditEntryPolicy(Policy[AuditEntry]):
    subject = "audit trail entries"
    permissions = (Permission("see", (COORDINATORS,), also=("nobody changes an entry",)),)

    def visible(self, principal: Principal, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        municipalities = self.municipalities(principal, "see")
        if not municipalities:
            return queryset.none()
        return queryset.filter(municipality__in=municipalities)


audit_entry_policy = AuditEntryPolicy()
