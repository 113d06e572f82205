"""The foster family register kept by each municipality's orphan's court (domain.md §6):
the family, its kind (ordinary, specialised, crisis), its status with the date, places and
the children placed now. Placements name a family from here (``services.placement_start``);
indicator F4 counts it (sargs/assessment/computed.py)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.cases.casework.access import COURT_MEMBERS
from sargs.organisations.models import Institution, User
from sargs.organisations.principal import Principal, principal_for_user
from sargs.organisations.roles import InstitutionType

from .models import FosterFamily, FosterFamilyKind, FosterFamilyStatus


def _require_register_keeper(actor: User, court: Institution) -> None:
    if court.type != InstitutionType.ORPHANS_COURT or court.municipality_id is None:
        raise PermissionDenied
    if court.pk not in COURT_MEMBERS.institutions(principal_for_user(actor)):
        raise PermissionDenied


@transaction.atomic
def foster_family_register(
    *,
    actor: User,
    court: Institution,
    name: str,
    kind: str,
    places: int,
    registered_on: datetime.date,
    note: str = "",
) -> FosterFamily:
    """The orphan's court enters a foster family in its municipality's register."""
    _require_register_keeper(actor, court)
    if kind not in FosterFamilyKind.values:
        raise ValidationError({"kind": _("Choose the kind of foster family.")})
    if not name.strip():
        raise ValidationError({"name": _("Name the family.")})
    if places < 1:
        raise ValidationError({"places": _("A foster family has at least one place.")})
    if registered_on > timezone.localdate():
        raise ValidationError({"registered_on": _("The date must not be in the future.")})
    family = FosterFamily(
        court=court,
        municipality=court.municipality,
        name=name.strip(),
        kind=kind,
        places=places,
        registered_on=registered_on,
        status_since=registered_on,
        note=note.strip(),
        created_by=actor,
    )
    family.full_clean()
    family.save()
    return family


@transaction.atomic
def foster_family_set_status(
    *, actor: User, family: FosterFamily, status: str, since: datetime.date
) -> FosterFamily:
    """A family stops taking children for now, takes them again, or leaves the register
    (not while a child is placed with it)."""
    family = FosterFamily.objects.select_for_update().get(pk=family.pk)
    _require_register_keeper(actor, family.court)
    if family.status == FosterFamilyStatus.REMOVED:
        raise ValidationError(_("The family has left the register."))
    if status not in FosterFamilyStatus.values or status == family.status:
        raise ValidationError({"status": _("Choose a new status.")})
    if since < family.status_since or since > timezone.localdate():
        raise ValidationError({"since": _("The date must be between the last change and today.")})
    if (
        status == FosterFamilyStatus.REMOVED
        and family.placements.filter(ended_on__isnull=True).exists()
    ):
        raise ValidationError(
            {"status": _("A child is placed with the family: end that placement first.")}
        )
    family.status = status
    family.status_since = since
    family.removed_on = since if status == FosterFamilyStatus.REMOVED else None
    family.full_clean(exclude=["created_by"])  # a family migrated from free text has none
    family.save()
    return family


def foster_family_list(*, principal: Principal) -> QuerySet[FosterFamily]:
    """The registers of the principal's orphan's courts' municipalities, with the children
    placed now."""
    municipalities = Institution.objects.filter(
        pk__in=COURT_MEMBERS.institutions(principal), type=InstitutionType.ORPHANS_COURT
    ).values("municipality")
    return (
        FosterFamily.objects.filter(municipality__in=municipalities)
        .annotate(placed_now=Count("placements", filter=Q(placements__ended_on__isnull=True)))
        .order_by("status", "name", "pk")
    )


def foster_families_to_place(*, principal: Principal) -> QuerySet[FosterFamily]:
    """Families that take children now (for the placement form): the principal's registers."""
    return foster_family_list(principal=principal).filter(status=FosterFamilyStatus.ACTIVE)
