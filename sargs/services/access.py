"""Who sees and manages family support services (docs/adr/0007-support-services.md).

A municipality's child-rights coordinators and the social workers of its social service manage
its catalogue, provider contracts, crisis teams and their rota. Staff of a provider (provider
staff and family assistants) see their own institution's contracts and crisis-team rota, and
nothing of other providers. Councillors and national analysts see only the capacity summary
(no personal data). Another municipality's records are not found (404); roles without access
are refused (403).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.core.policy import Policy
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import Principal, PrincipalRule
from sargs.organisations.roles import InstitutionType, Role

from .models import CrisisTeam, MunicipalService, ProviderContract

# Role → institution types in which holding it makes one a manager of the municipality's
# services.
MANAGER_GRANTS: dict[Role, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        {InstitutionType.ADMINISTRATION.value, InstitutionType.SOCIAL_SERVICE.value}
    ),
    Role.SOCIAL_WORKER: frozenset({InstitutionType.SOCIAL_SERVICE.value}),
}
# Roles that work for a provider and see its own contracts and rota.
PROVIDER_ROLES = (Role.PROVIDER_STAFF, Role.FAMILY_ASSISTANT)
# Roles that see the capacity summary of their own municipality, without managing it.
CAPACITY_READERS = (Role.COUNCILLOR,)


def service_municipalities(principal: Principal) -> frozenset[int]:
    """Municipalities whose services the principal manages."""
    return frozenset(
        g.municipality_id
        for g in principal.grants
        if g.municipality_id is not None
        and g.institution_type in MANAGER_GRANTS.get(g.role, frozenset())
    )


def provider_institutions(principal: Principal) -> frozenset[int]:
    """Institutions the principal works for as provider staff or family assistant."""
    return principal.institutions(*PROVIDER_ROLES)


def capacity_municipalities(principal: Principal) -> QuerySet[Municipality]:
    """Municipalities whose capacity summary the principal may read."""
    if principal.is_national(Role.NATIONAL_ANALYST):
        return Municipality.objects.current()
    ids = service_municipalities(principal) | principal.municipalities(*CAPACITY_READERS)
    return Municipality.objects.filter(pk__in=ids)


class ManagesServices(PrincipalRule):
    """Access rule: coordinator or social-service social worker of some municipality."""

    description = "manages services (coordinator, social service social worker)"

    def check(self, principal: Principal) -> bool:
        return bool(service_municipalities(principal))


class SeesServices(PrincipalRule):
    """Access rule: a manager, or staff of a provider (who then see their own contracts)."""

    description = "manages services or works for a provider"

    def check(self, principal: Principal) -> bool:
        return bool(service_municipalities(principal) or provider_institutions(principal))


class SeesCapacity(PrincipalRule):
    """Access rule: managers, councillors and national analysts (aggregates only)."""

    description = "manages services, councillor or national analyst"

    def check(self, principal: Principal) -> bool:
        return bool(
            service_municipalities(principal)
            or principal.has_role(*CAPACITY_READERS)
            or principal.is_national(Role.NATIONAL_ANALYST)
        )


MANAGES_SERVICES = ManagesServices()
SEES_SERVICES = SeesServices()
SEES_CAPACITY = SeesCapacity()


def can_refer(principal: Principal, service: MunicipalService) -> bool:
    """Whether the principal holds, in the service's municipality, a role allowed to refer."""
    allowed = set(service.referring_roles or [])
    return any(
        g.role.value in allowed and g.municipality_id == service.municipality_id
        for g in principal.grants
    )


class MunicipalServicePolicy(Policy[MunicipalService]):
    def visible(
        self, principal: Principal, queryset: QuerySet[MunicipalService]
    ) -> QuerySet[MunicipalService]:
        managed = service_municipalities(principal)
        providers = provider_institutions(principal)
        if not managed and not providers:
            return queryset.none()
        return queryset.filter(
            Q(municipality__in=managed) | Q(contracts__provider__in=providers)
        ).distinct()

    def can_change(self, principal: Principal, obj: MunicipalService) -> bool:
        return obj.municipality_id in service_municipalities(principal)


class ProviderContractPolicy(Policy[ProviderContract]):
    def visible(
        self, principal: Principal, queryset: QuerySet[ProviderContract]
    ) -> QuerySet[ProviderContract]:
        managed = service_municipalities(principal)
        providers = provider_institutions(principal)
        if not managed and not providers:
            return queryset.none()
        return queryset.filter(Q(service__municipality__in=managed) | Q(provider__in=providers))

    def can_change(self, principal: Principal, obj: ProviderContract) -> bool:
        return obj.service.municipality_id in service_municipalities(principal)


class ProviderPolicy(Policy[Institution]):
    """Provider institutions: a manager sees the municipality's own institutions and those
    under contract with it; provider staff see their own institution."""

    def visible(
        self, principal: Principal, queryset: QuerySet[Institution]
    ) -> QuerySet[Institution]:
        managed = service_municipalities(principal)
        providers = provider_institutions(principal)
        if not managed and not providers:
            return queryset.none()
        return queryset.filter(
            Q(municipality__in=managed)
            | Q(service_contracts__service__municipality__in=managed)
            | Q(pk__in=providers)
        ).distinct()

    def can_change(self, principal: Principal, obj: Institution) -> bool:
        """Record staff qualifications: the provider's own staff (not family assistants) or a
        manager of a municipality it belongs to or serves."""
        if obj.pk in principal.institutions(Role.PROVIDER_STAFF):
            return True
        managed = service_municipalities(principal)
        if obj.municipality_id in managed:
            return True
        return ProviderContract.objects.filter(
            provider=obj, service__municipality__in=managed
        ).exists()


class CrisisTeamPolicy(Policy[CrisisTeam]):
    def visible(self, principal: Principal, queryset: QuerySet[CrisisTeam]) -> QuerySet[CrisisTeam]:
        managed = service_municipalities(principal)
        providers = provider_institutions(principal)
        if not managed and not providers:
            return queryset.none()
        return queryset.filter(Q(municipality__in=managed) | Q(provider__in=providers))

    def can_change(self, principal: Principal, obj: CrisisTeam) -> bool:
        return obj.municipality_id in service_municipalities(principal)


service_policy = MunicipalServicePolicy()
contract_policy = ProviderContractPolicy()
provider_policy = ProviderPolicy()
crisis_team_policy = CrisisTeamPolicy()
