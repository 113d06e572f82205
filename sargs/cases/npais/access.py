"""Who sees and confirms expected NPAIS entries: the child-rights coordinators of the
municipality (all its institutions' entries: the oversight the guideline asks for) and the
child-data staff of the institution that must enter them (their own)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.organisations.grants import CHILD_DATA_STAFF, COORDINATORS
from sargs.organisations.principal import Principal

from .models import NpaisEntry


def visible_entries(principal: Principal, queryset: QuerySet[NpaisEntry]) -> QuerySet[NpaisEntry]:
    return queryset.filter(
        Q(municipality__in=COORDINATORS.municipalities(principal))
        | Q(institution__in=CHILD_DATA_STAFF.institutions(principal))
    )


def can_confirm(principal: Principal, entry: NpaisEntry) -> bool:
    return entry.institution_id in CHILD_DATA_STAFF.institutions(principal)


def oversees(principal: Principal) -> frozenset[int]:
    return COORDINATORS.municipalities(principal)
