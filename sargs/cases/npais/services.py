"""Writes for NPAIS oversight: the expected entries drawn from Sargs' events, and the
confirmation that an entry was made in NPAIS (by whom, when)."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.cases.casework.models import CaseParticipant, ParticipantRole
from sargs.cases.concerns.models import Concern
from sargs.cases.court.models import Proceeding
from sargs.core.workdays import add_working_days
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType

from .access import can_confirm
from .models import NpaisEntry, NpaisTrigger

#: Concern categories (domain.md §7) → the MK 157 point 4 trigger they are.
TRIGGER_OF_CATEGORY = {
    "physical_violence": NpaisTrigger.VIOLENCE,
    "emotional_violence": NpaisTrigger.VIOLENCE,
    "sexual_violence": NpaisTrigger.VIOLENCE,
    "neglect": NpaisTrigger.DANGER,
    "abandonment": NpaisTrigger.DANGER,
    "dangerous_dwelling": NpaisTrigger.DANGER,
    "school_absence": NpaisTrigger.ABSENCE,
    "begging": NpaisTrigger.BEGGING,
    "running_away": NpaisTrigger.RUNNING_AWAY,
    "substance_use": NpaisTrigger.SUBSTANCE_USE,
    "offence": NpaisTrigger.HARM_BY_MINOR,
}

#: Institutions obliged to enter into NPAIS (domain.md §7).
OBLIGED = frozenset(
    {
        InstitutionType.ORPHANS_COURT,
        InstitutionType.MUNICIPAL_POLICE,
        InstitutionType.SOCIAL_SERVICE,
        InstitutionType.CHILDCARE_INSTITUTION,
    }
)

#: The custody matters the court enters.
CUSTODY_KINDS = ("suspend_custody", "restore_custody", "deprivation_suit")


def concern_triggers(categories: list[str]) -> list[str]:
    return sorted({str(TRIGGER_OF_CATEGORY[c]) for c in categories if c in TRIGGER_OF_CATEGORY})


def entry_due(institution: Institution, event_on: datetime.date) -> datetime.date:
    days = settings.NPAIS_ENTRY_WORKING_DAYS.get(
        institution.type, settings.NPAIS_ENTRY_WORKING_DAYS["default"]
    )
    return add_working_days(event_on, days)


def _social_services(case_ids: set[int]) -> dict[int, Institution]:
    """The social service in charge of each case (one query)."""
    owners = (
        CaseParticipant.objects.filter(
            case_id__in=case_ids, role=ParticipantRole.OWNER, until__isnull=True
        )
        .select_related("institution")
        .order_by("-since", "-pk")
    )
    return {p.case_id: p.institution for p in owners}


def _concern_institutions(concern: Concern, social: dict[int, Institution]) -> list[Institution]:
    found: dict[int, Institution] = {}
    if concern.reporting_institution.type in OBLIGED:
        found[concern.reporting_institution_id] = concern.reporting_institution
    if concern.case_id is not None and concern.case_id in social:
        found[social[concern.case_id].pk] = social[concern.case_id]
    return list(found.values())


@transaction.atomic
def npais_expectations_refresh(
    *,
    municipality: Municipality,
    concern_ids: Collection[int] | None = None,
    proceeding_ids: Collection[int] | None = None,
) -> int:
    """Add the entries the municipality's events oblige that are not yet expected; existing
    ones (and their confirmations) stay. Returns how many were added.

    Without ids, every event of the municipality is looked at (``manage.py
    npais_expectations``, after an import); with ids, only those concerns and matters (the
    receivers, as each event is written): a page that lists the entries never writes them.
    """
    new: list[NpaisEntry] = []
    concern_rows = Concern.objects.filter(municipality=municipality)
    matters = Proceeding.objects.filter(case__municipality=municipality, kind__in=CUSTODY_KINDS)
    if concern_ids is not None or proceeding_ids is not None:
        concern_rows = concern_rows.filter(pk__in=list(concern_ids or ()))
        matters = matters.filter(pk__in=list(proceeding_ids or ()))
    concerns = list(concern_rows.select_related("reporting_institution"))
    social = _social_services({c.case_id for c in concerns if c.case_id is not None})
    for concern in concerns:
        triggers = concern_triggers(list(concern.categories))
        if not triggers:
            continue
        for institution in _concern_institutions(concern, social):
            new.append(
                NpaisEntry(
                    institution=institution,
                    municipality=municipality,
                    case_id=concern.case_id,
                    concern=concern,
                    triggers=triggers,
                    event_on=concern.observed_on,
                    due_on=entry_due(institution, concern.observed_on),
                )
            )
    for matter in matters.select_related("court"):
        new.append(
            NpaisEntry(
                institution=matter.court,
                municipality=municipality,
                case_id=matter.case_id,
                proceeding=matter,
                triggers=[NpaisTrigger.CUSTODY_MATTER.value],
                event_on=matter.opened_on,
                due_on=entry_due(matter.court, matter.opened_on),
            )
        )
    if not new:
        return 0
    before = NpaisEntry.objects.filter(municipality=municipality).count()
    NpaisEntry.objects.bulk_create(new, ignore_conflicts=True)
    return NpaisEntry.objects.filter(municipality=municipality).count() - before


@transaction.atomic
def npais_entry_confirm(*, entry: NpaisEntry, actor: User) -> NpaisEntry:
    """The institution's staff member confirms the entry was made in NPAIS."""
    entry = NpaisEntry.objects.select_for_update().get(pk=entry.pk)
    if not can_confirm(principal_for_user(actor), entry):
        raise PermissionDenied
    if entry.confirmed_at is not None:
        raise ValidationError(_("The entry is already confirmed."))
    entry.confirmed_at = timezone.now()
    entry.confirmed_by = actor
    entry.full_clean()
    entry.save()
    return entry
