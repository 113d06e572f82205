"""Who answers data subjects' requests: the data protection officer of the municipality whose
records they are (docs/access.md). Nobody else opens these pages (403); another
municipality's request or person is not found (404). The officer reaches no case page,
worklist or concern: everything they see about a person comes through the request's export.
"""

from __future__ import annotations

from django.db.models import QuerySet

from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import (
    DATA_PROTECTION_OFFICERS,
    IS_DATA_PROTECTION_OFFICER,
    protected_municipalities,
)
from sargs.organisations.principal import Principal

from .models import SubjectRequest

__all__ = ["IS_DATA_PROTECTION_OFFICER", "protected_municipalities", "request_policy"]


class SubjectRequestPolicy(Policy[SubjectRequest]):
    subject = "data subjects' requests, their exports and corrections"
    permissions = (
        Permission("see", (DATA_PROTECTION_OFFICERS,)),
        Permission("change", (DATA_PROTECTION_OFFICERS,)),
    )

    def visible(
        self, principal: Principal, queryset: QuerySet[SubjectRequest]
    ) -> QuerySet[SubjectRequest]:
        municipalities = self.municipalities(principal, "see")
        if not municipalities:
            return queryset.none()
        return queryset.filter(municipality__in=municipalities)

    def can_change(self, principal: Principal, obj: SubjectRequest) -> bool:
        return obj.municipality_id in self.municipalities(principal, "change")


request_policy = SubjectRequestPolicy()
