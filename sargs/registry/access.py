"""Who sees and changes the registry of children and households (docs/adr/0005).

The registry is kept by municipality. A municipality's social workers (in its social service),
orphan's court members and child-rights coordinators see and change its children and
households. Everyone else reaches no child through the registry: family assistants, provider,
school and police staff and education specialists will reach children through their cases;
councillors, national analysts and administrators never see identities. Records of another
municipality are not found (404); roles without registry access are refused (403).
"""

from __future__ import annotations

from django.db.models import QuerySet

from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import (
    DATA_PROTECTION_OFFICERS,
    KEEPS_REGISTRY,
    REGISTRY_KEEPERS,
    registry_municipalities,
)
from sargs.organisations.principal import Principal

from .models import Child, Household, LegalRepresentative

__all__ = [
    "KEEPS_REGISTRY",
    "child_policy",
    "household_policy",
    "registry_municipalities",
]

_KEEPERS = (
    Permission("see", (REGISTRY_KEEPERS,)),
    Permission("change", (REGISTRY_KEEPERS,)),
)


# A data protection officer corrects a person's own data on their request (GDPR art. 16),
# through the registry's services, and sees nothing of the registry otherwise.
_CORRECT = Permission(
    "correct",
    (REGISTRY_KEEPERS, DATA_PROTECTION_OFFICERS),
    also=("a data protection officer only a person's own data, on their request (subjects)",),
)


class ChildPolicy(Policy[Child]):
    subject = "children's records"
    permissions = (*_KEEPERS, _CORRECT)

    def visible(self, principal: Principal, queryset: QuerySet[Child]) -> QuerySet[Child]:
        municipalities = self.municipalities(principal, "see")
        if not municipalities:
            return queryset.none()
        return queryset.filter(municipality__in=municipalities)

    def can_change(self, principal: Principal, obj: Child) -> bool:
        return obj.municipality_id in self.municipalities(principal, "change")

    def can_correct(self, principal: Principal, obj: Child | LegalRepresentative) -> bool:
        """May correct the person's own data (names, personal code, birth date, sex)."""
        return obj.municipality_id in self.municipalities(principal, "correct")


class HouseholdPolicy(Policy[Household]):
    subject = "households"
    permissions = _KEEPERS

    def visible(self, principal: Principal, queryset: QuerySet[Household]) -> QuerySet[Household]:
        municipalities = self.municipalities(principal, "see")
        if not municipalities:
            return queryset.none()
        return queryset.filter(municipality__in=municipalities)

    def can_change(self, principal: Principal, obj: Household) -> bool:
        return obj.municipality_id in self.municipalities(principal, "change")


child_policy = ChildPolicy()
household_policy = HouseholdPolicy()
