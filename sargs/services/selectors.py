"""Reads for family support services, always through the policies. The capacity summary and
the rota's coverage are aggregates computed here so the pages and the API show the same."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from sargs.core.suppression import suppress_count
from sargs.organisations.models import Institution, Membership, Municipality, User
from sargs.organisations.principal import Principal
from sargs.organisations.roles import EITHER_TYPES, Role

from .access import (
    contract_policy,
    crisis_team_policy,
    provider_policy,
    service_municipalities,
    service_policy,
)
from .models import (
    CrisisTeam,
    CrisisTeamMember,
    MunicipalService,
    OnCallShift,
    ProviderContract,
    ServiceType,
    StaffQualification,
)
from .qualifications import qualification_problem

# --- Catalogue -------------------------------------------------------------------------------


def service_type_list() -> QuerySet[ServiceType]:
    """The national list of service types, parents before their sub-offers."""
    return ServiceType.objects.filter(is_active=True).select_related("parent")


def catalogue_list(
    *, principal: Principal, municipality: Municipality | None = None
) -> QuerySet[MunicipalService]:
    """Catalogue entries the principal sees (optionally of one municipality)."""
    qs = service_policy.visible(
        principal, MunicipalService.objects.select_related("municipality", "service_type")
    )
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.order_by("municipality__name", "service_type__sort_order", "name", "pk")


def catalogue_get(*, principal: Principal, pk: int) -> MunicipalService:
    return service_policy.get_visible_or_404(
        principal,
        MunicipalService.objects.select_related("municipality", "service_type"),
        pk=pk,
    )


def types_not_in_catalogue(*, municipality: Municipality) -> QuerySet[ServiceType]:
    """National types the municipality has not yet added (to offer "add from the list")."""
    taken = MunicipalService.objects.filter(municipality=municipality).values("service_type")
    return service_type_list().exclude(pk__in=taken).exclude(code="other")


def managed_municipalities(*, principal: Principal) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=service_municipalities(principal))


# --- Contracts and providers -----------------------------------------------------------------


def contract_list(*, principal: Principal) -> QuerySet[ProviderContract]:
    """Contracts the principal sees: their municipalities' or their own institution's."""
    return (
        contract_policy.visible(
            principal,
            ProviderContract.objects.select_related(
                "provider", "service__municipality", "service__service_type"
            ).prefetch_related("service_area"),
        )
        .order_by("service__municipality__name", "service__name", "-valid_from", "pk")
        .distinct()
    )


def contract_get(*, principal: Principal, pk: int) -> ProviderContract:
    return contract_policy.get_visible_or_404(
        principal,
        ProviderContract.objects.select_related("provider", "service__municipality"),
        pk=pk,
    )


def provider_choices(*, principal: Principal) -> QuerySet[Institution]:
    """Institutions a manager may contract: their municipalities' own and any NGO."""
    managed = service_municipalities(principal)
    return Institution.objects.filter(is_active=True).filter(
        Q(municipality__in=managed) | Q(type__in=sorted(t.value for t in EITHER_TYPES))
    )


def provider_get(*, principal: Principal, pk: int) -> Institution:
    return provider_policy.get_visible_or_404(principal, Institution.objects.all(), pk=pk)


STAFF_ROLES = (Role.FAMILY_ASSISTANT, Role.PROVIDER_STAFF, Role.SOCIAL_WORKER)


@dataclass
class StaffRow:
    user: User
    roles: list[str]
    qualifications: list[StaffQualification]
    is_family_assistant: bool
    problem: str | None


def provider_staff(*, provider: Institution) -> list[StaffRow]:
    """The provider's active staff, their recorded education and whether each family
    assistant meets the qualification rule (two queries)."""
    memberships = Membership.objects.active().filter(institution=provider, role__in=STAFF_ROLES)
    users = (
        User.objects.filter(pk__in=memberships.values("user_id"))
        .prefetch_related(
            Prefetch("qualifications", queryset=StaffQualification.objects.order_by("pk")),
            Prefetch("memberships", queryset=memberships, to_attr="provider_memberships"),
        )
        .order_by("last_name", "first_name", "pk")
    )
    rows = []
    for user in users:
        roles = [m.role for m in user.provider_memberships]  # type: ignore[attr-defined]
        quals = list(user.qualifications.all())  # type: ignore[attr-defined]
        assistant = Role.FAMILY_ASSISTANT.value in roles
        rows.append(
            StaffRow(
                user=user,
                roles=[str(Role(r).label) for r in roles],
                qualifications=quals,
                is_family_assistant=assistant,
                problem=qualification_problem(q.education for q in quals) if assistant else None,
            )
        )
    return rows


# --- Capacity --------------------------------------------------------------------------------

InUseSource = Callable[[Municipality], Mapping[int, int]]
_IN_USE_SOURCES: list[InUseSource] = []


def register_in_use_source(source: InUseSource) -> None:
    """Let a later app (cases) say how many families each contract serves now:
    ``source(municipality)`` returns contract id → families. Call from ``AppConfig.ready``."""
    if source not in _IN_USE_SOURCES:
        _IN_USE_SOURCES.append(source)


def capacity_in_use(municipality: Municipality) -> dict[int, int] | None:
    """Families served per contract from the registered sources; None when none is known."""
    if not _IN_USE_SOURCES:
        return None
    total: dict[int, int] = {}
    for source in _IN_USE_SOURCES:
        for contract_id, count in source(municipality).items():
            total[contract_id] = total.get(contract_id, 0) + count
    return total


WaitingSource = Callable[[Municipality], Mapping[int, int]]
_WAITING_SOURCES: list[WaitingSource] = []


def register_waiting_source(source: WaitingSource) -> None:
    """Like ``register_in_use_source``: ``source(municipality)`` returns contract id → families
    on the contract's waiting list (requested or waiting, not yet accepted)."""
    if source not in _WAITING_SOURCES:
        _WAITING_SOURCES.append(source)


def capacity_waiting(municipality: Municipality) -> dict[int, int] | None:
    """Families waiting per contract from the registered sources; None when none is known."""
    if not _WAITING_SOURCES:
        return None
    total: dict[int, int] = {}
    for source in _WAITING_SOURCES:
        for contract_id, count in source(municipality).items():
            total[contract_id] = total.get(contract_id, 0) + count
    return total


@dataclass
class ContractCapacity:
    contract_id: int
    provider: str
    unit: str
    unit_price: Decimal
    capacity: int
    in_use: int | None
    free: int | None
    waiting: int | None = None


@dataclass
class ServiceCapacity:
    service_id: int
    service: str
    contracts: list[ContractCapacity] = field(default_factory=list)

    @property
    def capacity(self) -> int:
        return sum(c.capacity for c in self.contracts)

    @property
    def in_use(self) -> int | None:
        if any(c.in_use is None for c in self.contracts):
            return None
        return sum(c.in_use or 0 for c in self.contracts)

    @property
    def free(self) -> int | None:
        used = self.in_use
        return None if used is None else self.capacity - used

    @property
    def waiting(self) -> int | None:
        if any(c.waiting is None for c in self.contracts):
            return None
        return sum(c.waiting or 0 for c in self.contracts)


def capacity_summary(
    municipality: Municipality,
    in_use: Mapping[int, int] | None = None,
    *,
    day: datetime.date | None = None,
    waiting: Mapping[int, int] | None = None,
) -> list[ServiceCapacity]:
    """Contracted capacity per service and provider for contracts in force on ``day``; with
    ``in_use`` (contract id → families served now), also the free places; with ``waiting``
    (contract id → families waiting), the waiting list. No personal data."""
    day = day or timezone.localdate()
    contracts = (
        ProviderContract.objects.filter(service__municipality=municipality, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("provider", "service__service_type")
        .order_by("service__service_type__sort_order", "service__name", "provider__name", "pk")
    )
    by_service: dict[int, ServiceCapacity] = {}
    for contract in contracts:
        row = by_service.setdefault(
            contract.service_id,
            ServiceCapacity(service_id=contract.service_id, service=contract.service.name),
        )
        used = None if in_use is None else in_use.get(contract.pk, 0)
        row.contracts.append(
            ContractCapacity(
                contract_id=contract.pk,
                provider=contract.provider.name,
                unit=str(contract.get_unit_display()),
                unit_price=contract.unit_price,
                capacity=contract.capacity,
                in_use=used,
                free=None if used is None else contract.capacity - used,
                waiting=None if waiting is None else waiting.get(contract.pk, 0),
            )
        )
    return list(by_service.values())


# --- Crisis teams and the rota ---------------------------------------------------------------


def crisis_team_list(*, principal: Principal) -> QuerySet[CrisisTeam]:
    return crisis_team_policy.visible(
        principal, CrisisTeam.objects.select_related("municipality", "provider")
    ).order_by("municipality__name", "name", "pk")


def crisis_team_get(*, principal: Principal, pk: int) -> CrisisTeam:
    return crisis_team_policy.get_visible_or_404(
        principal, CrisisTeam.objects.select_related("municipality", "provider"), pk=pk
    )


def crisis_team_members(*, team: CrisisTeam) -> QuerySet[CrisisTeamMember]:
    return team.members.select_related("user").order_by("profession", "name", "pk")


def crisis_team_candidates(*, team: CrisisTeam) -> QuerySet[User]:
    """Users who may be named in the team: staff of its municipality or of its provider."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(memberships__institution__municipality=team.municipality_id)
            | Q(memberships__institution=team.provider_id)
        )
        .distinct()
    )


Interval = tuple[datetime.datetime, datetime.datetime]


def coverage_gaps(
    shifts: Iterable[Interval], start: datetime.datetime, end: datetime.datetime
) -> list[Interval]:
    """The parts of [start, end) that no shift covers, in order (pure)."""
    gaps: list[Interval] = []
    cursor = start
    for s, e in sorted(shifts):
        if e <= cursor or s >= end:
            continue
        if s > cursor:
            gaps.append((cursor, s))
        cursor = max(cursor, e)
        if cursor >= end:
            break
    if cursor < end:
        gaps.append((cursor, end))
    return gaps


def week_bounds(week_start: datetime.date) -> Interval:
    """Monday 00:00 to the next Monday 00:00 in the local time zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime.combine(week_start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        week_start + datetime.timedelta(days=7), datetime.time.min, tzinfo=zone
    )
    return start, end


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class RotaCell:
    starts_at: datetime.datetime
    on_call: list[str]

    @property
    def covered(self) -> bool:
        return bool(self.on_call)


@dataclass
class RotaDay:
    day: datetime.date
    cells: list[RotaCell]


@dataclass
class RotaWeek:
    week_start: datetime.date
    shifts: list[OnCallShift]
    gaps: list[Interval]
    days: list[RotaDay]

    @property
    def uncovered_hours(self) -> float:
        seconds = sum((e - s).total_seconds() for s, e in self.gaps)
        return round(seconds / 3600, 2)

    @property
    def previous_week(self) -> datetime.date:
        return self.week_start - datetime.timedelta(days=7)

    @property
    def next_week(self) -> datetime.date:
        return self.week_start + datetime.timedelta(days=7)


def rota_week(*, team: CrisisTeam, week_start: datetime.date) -> RotaWeek:
    """The team's on-call rota for the week starting on ``week_start`` (a Monday): the shifts,
    the gaps in around-the-clock coverage and an hour-by-hour grid (one query)."""
    start, end = week_bounds(week_start)
    shifts = list(
        OnCallShift.objects.filter(team=team, starts_at__lt=end, ends_at__gt=start)
        .select_related("member__user")
        .order_by("starts_at", "pk")
    )
    intervals = [(s.starts_at, s.ends_at) for s in shifts]
    zone = ZoneInfo(settings.TIME_ZONE)
    days = []
    for offset in range(7):
        day = week_start + datetime.timedelta(days=offset)
        cells = []
        for hour in range(24):
            cell_start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
            cell_end = cell_start + datetime.timedelta(hours=1)
            names = [
                s.member.display_name
                for s in shifts
                if s.starts_at < cell_end and s.ends_at > cell_start
            ]
            # An hour counts as covered only when no part of it is a gap.
            if coverage_gaps(intervals, cell_start, cell_end):
                names = []
            cells.append(RotaCell(starts_at=cell_start, on_call=names))
        days.append(RotaDay(day=day, cells=cells))
    return RotaWeek(
        week_start=week_start,
        shifts=shifts,
        gaps=coverage_gaps(intervals, start, end),
        days=days,
    )


def capacity_suppressed(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Per-service totals for people who do not manage the services: counts of families
    (served, waiting) of 1–4 shown as "<5", free places hidden with them (ADR 0009)."""
    result = []
    for row in rows:
        in_use = None if row.in_use is None else suppress_count(row.in_use)
        waiting = None if row.waiting is None else suppress_count(row.waiting)
        result.append(
            {
                "service": row.service,
                "capacity": row.capacity,
                "in_use": in_use,
                "free": None if in_use is not None and in_use.hidden else row.free,
                "waiting": waiting,
                "contracts": [],
            }
        )
    return result
