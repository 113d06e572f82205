"""Writes for the catalogue, provider contracts, staff qualifications and crisis teams. Each
takes keyword arguments only and the acting user, runs in one transaction, checks the actor's
right and the rules with messages a person can act on; auditlog records every change."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import EITHER_TYPES, Role

from .access import crisis_team_policy, provider_policy, service_municipalities
from .models import (
    CrisisTeam,
    CrisisTeamMember,
    MunicipalService,
    OnCallShift,
    ProviderContract,
    ServiceType,
    StaffQualification,
)


def _require_manager(actor: User, municipality_id: int) -> None:
    if municipality_id not in service_municipalities(principal_for_user(actor)):
        raise PermissionDenied


def _clean_roles(roles: Iterable[str]) -> list[str]:
    valid = {r.value for r in Role}
    chosen = sorted({str(r) for r in roles})
    unknown = [r for r in chosen if r not in valid]
    if unknown:
        raise ValidationError({"referring_roles": _("Unknown role: %s.") % ", ".join(unknown)})
    return chosen


# --- Catalogue -------------------------------------------------------------------------------


@transaction.atomic
def municipal_service_create(
    *,
    actor: User,
    municipality: Municipality,
    service_type: ServiceType,
    name: str = "",
    description: str = "",
    target_group: str = "",
    referring_roles: Iterable[str] | None = None,
) -> MunicipalService:
    """Add a service to the municipality's catalogue; name and texts default from the type."""
    _require_manager(actor, municipality.pk)
    service = MunicipalService(
        municipality=municipality,
        service_type=service_type,
        name=name.strip() or service_type.name_lv,
        description=description.strip() or service_type.description,
        target_group=target_group.strip() or service_type.target_group,
    )
    if referring_roles is not None:
        service.referring_roles = _clean_roles(referring_roles)
    if not service.referring_roles:
        raise ValidationError({"referring_roles": _("Choose at least one role that may refer.")})
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def municipal_service_update(
    *,
    actor: User,
    service: MunicipalService,
    name: str,
    description: str,
    target_group: str,
    referring_roles: Iterable[str],
    is_active: bool,
) -> MunicipalService:
    """Change a catalogue entry; a service is switched off, never deleted."""
    _require_manager(actor, service.municipality_id)
    service.name = name.strip()
    service.description = description.strip()
    service.target_group = target_group.strip()
    service.referring_roles = _clean_roles(referring_roles)
    service.is_active = is_active
    if not service.referring_roles:
        raise ValidationError({"referring_roles": _("Choose at least one role that may refer.")})
    service.full_clean()
    service.save()
    return service


# --- Provider contracts ----------------------------------------------------------------------


def _check_provider(provider: Institution, service: MunicipalService) -> None:
    if not provider.is_active:
        raise ValidationError({"provider": _("This institution is no longer active.")})
    own = provider.municipality_id == service.municipality_id
    if not own and provider.type not in {t.value for t in EITHER_TYPES}:
        raise ValidationError(
            {
                "provider": _(
                    "A provider is one of the municipality's own institutions or an NGO / "
                    "service provider."
                )
            }
        )


def _contract_save(contract: ProviderContract, area: Iterable[Municipality] | None) -> None:
    _check_provider(contract.provider, contract.service)
    if contract.unit_price is not None and contract.unit_price < 0:
        raise ValidationError({"unit_price": _("The price cannot be negative.")})
    if contract.valid_to and contract.valid_from and contract.valid_to < contract.valid_from:
        raise ValidationError({"valid_to": _("The contract cannot end before it starts.")})
    contract.full_clean()
    contract.save()
    if area is not None:
        contract.service_area.set(list(area) or [contract.service.municipality])


@transaction.atomic
def provider_contract_create(
    *,
    actor: User,
    service: MunicipalService,
    provider: Institution,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    unit: str,
    unit_price: Decimal,
    capacity: int,
    service_area: Iterable[Municipality] | None = None,
    reference: str = "",
    note: str = "",
) -> ProviderContract:
    """Record a contract: who provides the service, when, at what price and for how many
    families at once. The service area defaults to the municipality itself."""
    _require_manager(actor, service.municipality_id)
    contract = ProviderContract(
        service=service,
        provider=provider,
        valid_from=valid_from,
        valid_to=valid_to,
        unit=unit,
        unit_price=unit_price,
        capacity=capacity,
        reference=reference.strip(),
        note=note.strip(),
    )
    _contract_save(contract, service_area or [])
    return contract


@transaction.atomic
def provider_contract_update(
    *,
    actor: User,
    contract: ProviderContract,
    provider: Institution,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    unit: str,
    unit_price: Decimal,
    capacity: int,
    service_area: Iterable[Municipality] | None = None,
    reference: str = "",
    note: str = "",
) -> ProviderContract:
    """Change a contract's terms (its service stays)."""
    _require_manager(actor, contract.service.municipality_id)
    contract.provider = provider
    contract.valid_from = valid_from
    contract.valid_to = valid_to
    contract.unit = unit
    contract.unit_price = unit_price
    contract.capacity = capacity
    contract.reference = reference.strip()
    contract.note = note.strip()
    _contract_save(contract, service_area)
    return contract


# --- Staff qualifications --------------------------------------------------------------------


@transaction.atomic
def qualification_record(
    *,
    actor: User,
    user: User,
    provider: Institution,
    education: str,
    institution_name: str = "",
    programme: str = "",
    completed_on: datetime.date | None = None,
) -> StaffQualification:
    """Record a staff member's education for ``provider`` (where they must work)."""
    if not provider_policy.can_change(principal_for_user(actor), provider):
        raise PermissionDenied
    if not user.memberships.filter(institution=provider).exists():
        raise ValidationError({"user": _("This person does not work for this provider.")})
    qualification = StaffQualification(
        user=user,
        education=education,
        institution_name=institution_name.strip(),
        programme=programme.strip(),
        completed_on=completed_on,
        recorded_by=actor,
    )
    qualification.full_clean()
    qualification.save()
    return qualification


# --- Crisis teams ----------------------------------------------------------------------------


@transaction.atomic
def crisis_team_create(
    *, actor: User, municipality: Municipality, name: str, provider: Institution, phone: str = ""
) -> CrisisTeam:
    """Set up a crisis intervention team for the municipality."""
    _require_manager(actor, municipality.pk)
    if provider.municipality_id != municipality.pk and provider.type not in {
        t.value for t in EITHER_TYPES
    }:
        raise ValidationError(
            {
                "provider": _(
                    "A provider is one of the municipality's own institutions or an NGO / "
                    "service provider."
                )
            }
        )
    team = CrisisTeam(municipality=municipality, name=name.strip(), provider=provider, phone=phone)
    team.full_clean()
    team.save()
    return team


def _require_team_change(actor: User, team: CrisisTeam) -> None:
    if not crisis_team_policy.can_change(principal_for_user(actor), team):
        raise PermissionDenied


@transaction.atomic
def crisis_team_member_add(
    *,
    actor: User,
    team: CrisisTeam,
    profession: str,
    user: User | None = None,
    name: str = "",
    phone: str = "",
) -> CrisisTeamMember:
    """Add a named professional to the team (a Sargs user, or just a name)."""
    _require_team_change(actor, team)
    if user is None and not name.strip():
        raise ValidationError({"name": _("Give the member's name or choose a user.")})
    member = CrisisTeamMember(
        team=team, user=user, name=name.strip(), profession=profession, phone=phone.strip()
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def on_call_shift_add(
    *,
    actor: User,
    team: CrisisTeam,
    member: CrisisTeamMember,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
) -> OnCallShift:
    """Put a member on call. Overlaps are allowed (two on call at once); gaps are reported."""
    _require_team_change(actor, team)
    if member.team_id != team.pk:
        raise ValidationError({"member": _("This person is not a member of this team.")})
    if not member.is_active:
        raise ValidationError({"member": _("This member is no longer active.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The shift must end after it starts.")})
    if ends_at - starts_at > datetime.timedelta(days=7):
        raise ValidationError({"ends_at": _("A shift lasts at most seven days.")})
    shift = OnCallShift(team=team, member=member, starts_at=starts_at, ends_at=ends_at)
    shift.full_clean()
    shift.save()
    return shift


@transaction.atomic
def on_call_shift_delete(*, actor: User, shift: OnCallShift) -> None:
    """Remove a shift from the rota."""
    _require_team_change(actor, shift.team)
    shift.delete()
