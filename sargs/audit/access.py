"""Coordinators search their municipality's audit trail; national administrators all of it.
Nobody can change or delete an entry: there is no view, service or admin action that would."""

from __future__ import annotations

from django.db.models import QuerySet

from sargs.core.policy import Policy
from sargs.organisations.principal import HasRole, Principal
from sargs.organisations.roles import Role

from .models import AuditEntry

CAN_SEARCH_AUDIT = HasRole(Role.COORDINATOR)


class AuditEntryPolicy(Policy[AuditEntry]):
    def visible(self, principal: Principal, queryset: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        municipalities = principal.municipalities(Role.COORDINATOR)
        if not municipalities:
            return queryset.none()
        return queryset.filter(municipality__in=municipalities)


audit_entry_policy = AuditEntryPolicy()
