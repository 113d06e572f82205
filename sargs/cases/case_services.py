"""Writes for a case as a whole: participants, notes, assessments and closure."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sargs.organisations.models import Institution, User
from sargs.registry.models import Child

from .case_common import _entry, _managed_open, _participate, _today
from .models import (
    REFERRAL_OPEN,
    AreaRating,
    Assessment,
    AssessmentArea,
    Case,
    CaseChild,
    CaseOutcome,
    CaseParticipant,
    CaseStatus,
    EntryKind,
    ParticipantRole,
    RiskLevel,
    SupportArea,
    TaskStatus,
    TimelineEntry,
)


@transaction.atomic
def case_participant_add(
    *, case: Case, actor: User, institution: Institution, role: str = ParticipantRole.OTHER
) -> CaseParticipant:
    """Involve another institution (the orphan's court, a provider, …) in the case."""
    case = _managed_open(case, actor)
    if institution.municipality_id not in (None, case.municipality_id) and role != (
        ParticipantRole.PROVIDER
    ):
        raise ValidationError({"institution": _("Choose an institution of the municipality.")})
    if CaseParticipant.objects.filter(case=case, institution=institution, until__isnull=True):
        raise ValidationError({"institution": _("This institution already takes part.")})
    participant = _participate(case, institution, role)
    _entry(
        case,
        actor,
        EntryKind.PARTICIPANT,
        _("%(institution)s joined the case.") % {"institution": institution.name},
        institutions=[institution],
    )
    return participant


@transaction.atomic
def case_participant_end(*, participant: CaseParticipant, actor: User) -> CaseParticipant:
    """An institution stops taking part; it no longer sees the case."""
    _managed_open(participant.case, actor)
    participant = CaseParticipant.objects.select_for_update().get(pk=participant.pk)
    if participant.until is not None:
        raise ValidationError(_("This institution no longer takes part."))
    if participant.role == ParticipantRole.OWNER:
        raise ValidationError(_("The social service in charge cannot leave its own case."))
    participant.until = _today()
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def note_add(
    *,
    case: Case,
    actor: User,
    text: str,
    institutions: Iterable[Institution] = (),
    types: Iterable[str] = (),
) -> TimelineEntry:
    """A note on the timeline, read by the case team and by the institutions (or participating
    institution types) it is addressed to."""
    case = _managed_open(case, actor)
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    return _entry(case, actor, EntryKind.NOTE, text.strip(), institutions=institutions, types=types)


@transaction.atomic
def assessment_record(
    *,
    case: Case,
    actor: User,
    assessed_on: datetime.date,
    overall_risk: str,
    summary: str,
    ratings: Mapping[str, int],
    notes: Mapping[str, str] | None = None,
) -> Assessment:
    """Record a needs and risk assessment: every area of domain.md §8 rated, an overall risk."""
    case = _managed_open(case, actor)
    notes = notes or {}
    missing = [str(label) for value, label in SupportArea.choices if value not in ratings]
    if missing:
        raise ValidationError(
            _("Rate every area; missing: %(areas)s.") % {"areas": ", ".join(missing)}
        )
    if any(r not in AreaRating.values for r in ratings.values()):
        raise ValidationError(_("A rating must be one of the scale's values."))
    if overall_risk not in RiskLevel.values:
        raise ValidationError({"overall_risk": _("Choose the overall risk level.")})
    if assessed_on > _today():
        raise ValidationError({"assessed_on": _("The date must not be in the future.")})
    assessment = Assessment(
        case=case, assessed_on=assessed_on, overall_risk=overall_risk, summary=summary, author=actor
    )
    assessment.full_clean()
    assessment.save()
    AssessmentArea.objects.bulk_create(
        AssessmentArea(
            assessment=assessment, area=area, rating=ratings[area], note=notes.get(area, "")
        )
        for area in SupportArea.values
    )
    _entry(
        case,
        actor,
        EntryKind.ASSESSMENT,
        _("Needs and risk assessment: overall risk %(risk)s.")
        % {"risk": RiskLevel(overall_risk).label},
    )
    return assessment


@transaction.atomic
def case_close(*, case: Case, actor: User, outcome: str, note: str = "") -> Case:
    """Close the case with its outcome; open tasks must be finished or cancelled first. The
    institutions stop taking part and the children may be taken up in a new case later."""
    case = _managed_open(case, actor)
    if outcome not in CaseOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if case.tasks.filter(status=TaskStatus.OPEN).exists():
        raise ValidationError(_("Finish or cancel the open tasks before closing the case."))
    if case.referrals.filter(status__in=REFERRAL_OPEN).exists():
        raise ValidationError(_("Complete or end the open referrals before closing the case."))
    today = _today()
    participants = list(case.participants.filter(until__isnull=True))
    case.status = CaseStatus.CLOSED
    case.closed_on = today
    case.outcome = outcome
    case.outcome_note = note
    case.full_clean()
    case.save()
    case.case_children.filter(active=True).update(active=False)
    _entry(
        case,
        actor,
        EntryKind.CLOSURE,
        _("The case was closed: %(outcome)s.") % {"outcome": CaseOutcome(outcome).label},
        institutions=[p.institution_id for p in participants],
    )
    case.participants.filter(until__isnull=True).update(until=today)
    return case


def open_case_of(child: Child) -> Case | None:
    """The child's open case, if any (for the registry page and triage)."""
    link = CaseChild.objects.filter(child=child, active=True).select_related("case").first()
    return link.case if link else None
