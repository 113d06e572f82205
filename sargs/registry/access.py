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
from django.http import HttpRequest

from sargs.core.policy import Policy
from sargs.organisations.principal import Principal, principal_for
from sargs.organisations.roles import InstitutionType, Role

from .models import Child, Household

# Role → institution types in which holding it opens the municipality's registry.
REGISTRY_GRANTS: dict[Role, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        {InstitutionType.ADMINISTRATION.value, InstitutionType.SOCIAL_SERVICE.value}
    ),
    Role.SOCIAL_WORKER: frozenset({InstitutionType.SOCIAL_SERVICE.value}),
    Role.ORPHANS_COURT_MEMBER: frozenset({InstitutionType.ORPHANS_COURT.value}),
}


def registry_municipalities(principal: Principal) -> frozenset[int]:
    """Municipalities whose registry the principal keeps."""
    return frozenset(
        g.municipality_id
        for g in principal.grants
        if g.municipality_id is not None
        and g.institution_type in REGISTRY_GRANTS.get(g.role, frozenset())
    )


class KeepsRegistry:
    """Access rule: the user keeps some municipality's registry of children."""

    public = False
    description = "registry keeper (coordinator, social service social worker, orphan's court)"

    def allows(self, request: HttpRequest) -> bool:
        return bool(registry_municipalities(principal_for(request)))


KEEPS_REGISTRY = KeepsRegistry()


class ChildPolicy(Policy[Child]):
    def visible(self, principal: Principal, queryset: QuerySet[Child]) -> QuerySet[Child]:
        municipalities = registry_municipalities(principal)
        if not municipalities:
            return queryset.none()
        return queryset.filter(municipality__in=municipalities)

    def can_change(self, principal: Principal, obj: Child) -> bool:
        return obj.municipality_id in registry_municipalities(principal)


class HouseholdPolicy(Policy[Household]):
    def visible(self, principal: Principal, queryset: QuerySet[Household]) -> QuerySet[Household]:
        municipalities = registry_municipalities(principal)
        if not municipalities:
            return queryset.none()
        return queryset.filter(municipality__in=municipalities)

    def can_change(self, principal: Principal, obj: Household) -> bool:
        return obj.municipality_id in registry_municipalities(principal)


child_policy = ChildPolicy()
household_policy = HouseholdPolicy()
