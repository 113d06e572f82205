"""Step "services": each municipality's catalogue of family support services and contracts.

Every municipality offers the core services (family assistant, family support centre,
consultations, a psychologist, social rehabilitation); larger ones also run parent groups
and a crisis intervention team. Each service is provided under a contract by the
municipality's NGO or, for the family assistant, by its social service as well.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from sargs.organisations.models import Institution
from sargs.organisations.roles import InstitutionType
from sargs.services.models import MunicipalService, ProviderContract, ServiceType

from .base import BASE_DATE, Context, Step, moment
from .writer import Json

CORE = (
    "family-assistant",
    "family-support-centre",
    "individual-consultations",
    "psychologist",
    "social-rehabilitation",
)
LARGER = (
    "parent-group-emotional-upbringing",
    "parent-group-teenagers",
    "parent-group-no-spanking",
    "crisis-intervention-team",
)
LARGER_FROM = 5_000  # children
SERVICE_COLUMNS = [
    "id", "municipality_id", "service_type_id", "name", "description", "target_group",
    "referring_roles", "is_active", "created_at", "updated_at",
]  # fmt: skip
CONTRACT_COLUMNS = [
    "id", "provider_id", "service_id", "reference", "valid_from", "valid_to", "unit",
    "unit_price", "capacity", "note", "created_at", "updated_at",
]  # fmt: skip
ROLES = Json('["social_worker", "coordinator"]')  # JSON, not a PostgreSQL array


def _providers() -> dict[int, list[int]]:
    """Per municipality: its social service first, then its NGOs (ids in a stable order)."""
    rows = (
        Institution.objects.filter(
            type__in=[InstitutionType.SOCIAL_SERVICE, InstitutionType.SERVICE_PROVIDER],
            municipality__isnull=False,
        )
        .order_by("municipality_id", "type", "pk")
        .values_list("municipality_id", "pk")
    )
    providers: dict[int, list[int]] = {}
    for municipality, pk in rows:
        providers.setdefault(municipality, []).append(pk)
    return providers


def _contract(
    ctx: Context, rng: random.Random, provider: int, service: int, children: int
) -> tuple[int, tuple[object, ...]]:
    valid_from = datetime.date(BASE_DATE.year - rng.randint(1, 4), 1, 1)
    created = moment(valid_from, rng)
    price = Decimal(rng.randrange(900, 3_500)) / 100
    capacity = max(3, children // 400)
    pk = ctx.next_id(ProviderContract)
    return pk, (
        pk,
        provider,
        service,
        f"LĪG-{valid_from.year}/{service}",
        valid_from,
        None,
        "hour",
        price,
        capacity,
        "",
        created,
        created,
    )


def run(ctx: Context) -> int:
    rng = ctx.rng("services")
    types = dict(ServiceType.objects.filter(code__in=CORE + LARGER).values_list("code", "pk"))
    names = dict(ServiceType.objects.values_list("code", "name_lv"))
    providers = _providers()
    services, contracts = [], []
    catalogue: dict[int, list[tuple[int, int, int]]] = {}  # place → (service, contract, provider)
    for place in ctx.state["places"]:
        codes = CORE + (LARGER if place.children >= LARGER_FROM else ())
        own = providers.get(place.id, [])
        for code in (c for c in codes if c in types):
            pk = ctx.next_id(MunicipalService)
            created = moment(datetime.date(BASE_DATE.year - 4, 1, 1), rng)
            services.append(
                (pk, place.id, types[code], names[code], "", "", ROLES, True, created, created)
            )
            provider = own[-1] if own and code != "family-assistant" else own[0]
            contract, row = _contract(ctx, rng, provider, pk, place.children)
            contracts.append(row)
            catalogue.setdefault(place.id, []).append((pk, contract, provider))
    ctx.state["catalogue"] = catalogue
    return ctx.write(MunicipalService, SERVICE_COLUMNS, services) + ctx.write(
        ProviderContract, CONTRACT_COLUMNS, contracts
    )


STEP = Step("services", run, (MunicipalService, ProviderContract), depends_on=("organisations",))
