"""Small factories for the services tests (through the services, as the pages write)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.testing import Cast

from .. import services
from ..models import CrisisTeam, MunicipalService, ProviderContract, ServiceType


def service_type(code: str = "family-assistant") -> ServiceType:
    return ServiceType.objects.get(code=code)


def catalogue_entry(
    cast: Cast,
    *,
    code: str = "family-assistant",
    name: str = "",
    municipality: Municipality | None = None,
    actor: User | None = None,
) -> MunicipalService:
    return services.municipal_service_create(
        actor=actor or cast.coordinator,
        municipality=municipality or cast.municipality_a,
        service_type=service_type(code),
        name=name,
    )


def contract(
    cast: Cast,
    *,
    service: MunicipalService | None = None,
    provider: Institution | None = None,
    capacity: int = 10,
    actor: User | None = None,
) -> ProviderContract:
    service = service or catalogue_entry(cast)
    return services.provider_contract_create(
        actor=actor or cast.coordinator,
        service=service,
        provider=provider or cast.institutions["a_provider"],
        valid_from=datetime.date(2026, 1, 1),
        valid_to=None,
        unit="hour",
        unit_price=Decimal("14.50"),
        capacity=capacity,
    )


def crisis_team(cast: Cast, *, name: str = "Krīzes komanda") -> CrisisTeam:
    return services.crisis_team_create(
        actor=cast.coordinator,
        municipality=cast.municipality_a,
        name=name,
        provider=cast.institutions["a_provider"],
    )
