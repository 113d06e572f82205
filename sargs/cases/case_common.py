"""Helpers the case services share: today's date, the social service in charge, taking part
in a case, timeline entries addressed to their readers, and the check that a case is open and
managed by the actor. Private to sargs.cases (the services modules import them)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType

from .access import (
    case_policy,
    participant_institutions,
)
from .models import (
    Case,
    CaseParticipant,
    CaseStatus,
    TimelineAudience,
    TimelineEntry,
)


def _today() -> datetime.date:
    return timezone.localdate()


def _owner_institution(municipality_id: int, actor: User) -> Institution:
    """The social service in charge: the actor's own in that municipality, else the first."""
    social = Institution.objects.filter(
        municipality_id=municipality_id, type=InstitutionType.SOCIAL_SERVICE, is_active=True
    )
    mine = social.filter(pk__in=participant_institutions(principal_for_user(actor))).first()
    owner = mine or social.order_by("pk").first()
    if owner is None:
        raise ValidationError(_("The municipality has no social service in Sargs."))
    return owner


def _participate(case: Case, institution: Institution, role: str) -> CaseParticipant:
    current = CaseParticipant.objects.filter(
        case=case, institution=institution, until__isnull=True
    ).first()
    if current is not None:
        return current
    participant = CaseParticipant(case=case, institution=institution, role=role, since=_today())
    participant.full_clean()
    participant.save()
    return participant


def _entry(
    case: Case,
    actor: User | None,
    kind: str,
    text: str,
    *,
    institutions: Iterable[Institution | int] = (),
    types: Iterable[str] = (),
) -> TimelineEntry:
    entry = TimelineEntry(case=case, kind=kind, text=text, author=actor)
    entry.full_clean()
    entry.save()
    rows = [
        TimelineAudience(entry=entry, institution_id=i if isinstance(i, int) else i.pk)
        for i in dict.fromkeys(institutions)
    ] + [TimelineAudience(entry=entry, institution_type=t) for t in dict.fromkeys(types)]
    TimelineAudience.objects.bulk_create(rows)
    return entry


def _managed_open(case: Case, actor: User) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case_policy.can_change(principal_for_user(actor), case):
        raise PermissionDenied
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    return case
