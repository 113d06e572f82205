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

from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import (
    CASE_MANAGERS,
    COUNCILLORS,
    NATIONAL_ANALYSTS,
    PROVIDER_WORKERS,
    managed_municipalities,
)
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import Principal
from sargs.organisations.roles import Role

from .models import CrisisTeam, MunicipalService, ProviderContract

# A municipality's services are managed by its case managers (coordinators and social-service
# social workers), the same people who run its cases.
SERVICE_MANAGERS = CASE_MANAGERS
# Roles that see the capacity summary of their own municipality, without managing it.
CAPACITY_READERS = COUNCILLORS


def service_municipalities(principal: Principal) -> frozenset[int]:
    """Municipalities whose services the principal manages."""
    return managed_municipalities(principal)


def provider_institutions(principal: Principal) -> frozenset[int]:
    """Institutions the principal works for as provider staff or family assistant."""
    return PROVIDER_WORKERS.institutions(principal)


def capacity_municipalities(principal: Principal) -> QuerySet[Municipality]:
    """Municipalities whose capacity summary the principal may read."""
    if NATIONAL_ANALYSTS.held_by(principal):
        return Municipality.objects.current()
    ids = service_municipalities(principal) | CAPACITY_READERS.municipalities(principal)
    return Municipality.objects.filter(pk__in=ids)


#: Access rule: coordinator or social-service social worker of some municipality.
MANAGES_SERVICES = SERVICE_MANAGERS.rule
#: Access rule: a manager, or staff of a provider (who then see their own contracts).
SEES_SERVICES = SERVICE_MANAGERS.rule | PROVIDER_WORKERS.rule
#: Access rule: managers, councillors and national analysts (aggregates only).
SEES_CAPACITY = SERVICE_MANAGERS.rule | CAPACITY_READERS.rule | NATIONAL_ANALYSTS.rule

_MANAGED_OR_PROVIDED = (
    Permission("see", (SERVICE_MANAGERS,), also=("staff of a provider under contract",)),
    Permission("change", (SERVICE_MANAGERS,)),
)


def can_refer(principal: Principal, service: MunicipalService) -> bool:
    """Whether the principal holds, in the service's municipality, a role allowed to refer."""
    allowed = set(service.referring_roles or [])
    return any(
        g.role.value in allowed and g.municipality_id == service.municipality_id
        for g in principal.grants
    )


class MunicipalServicePolicy(Policy[MunicipalService]):
    subject = "the municipality's service catalogue"
    permissions = _MANAGED_OR_PROVIDED

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
    subject = "provider contracts"
    permissions = _MANAGED_OR_PROVIDED

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

    subject = "provider institutions and their staff's qualifications"
    permissions = (
        Permission(
            "see",
            (SERVICE_MANAGERS,),
            scope="municipality (or one it has a contract with)",
            also=("provider staff and family assistants: their own institution",),
        ),
        Permission(
            "change",
            (SERVICE_MANAGERS,),
            scope="municipality (or one it has a contract with)",
            also=("provider staff: their own institution",),
        ),
    )

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
    subject = "crisis teams and their rota"
    permissions = _MANAGED_OR_PROVIDED

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
