"""Writes for referrals: requested → accepted / waiting list → in progress → completed, or
ended early from any open state. Each transition checks the actor's side (provider or case)
and refuses an invalid one with a ValidationError a person can act on."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.cases.casework.messages import Message, message
from sargs.cases.casework.models import (
    Assessment,
    Case,
    EntryKind,
    ParticipantRole,
    RehabilitationPlan,
    SupportArea,
)
from sargs.cases.casework.services import (
    case_lock_for_change,
    case_participant_join,
    timeline_entry_add,
)
from sargs.organisations.grants import COORDINATORS
from sargs.organisations.models import Institution, Membership, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import Role
from sargs.services.models import MunicipalService, ProviderContract
from sargs.services.qualifications import family_assistant_qualification_problem

from .access import referral_policy
from .models import (
    REFERRAL_FINAL,
    OutcomeRating,
    Referral,
    ReferralSession,
    ReferralStatus,
)
from .selectors import is_crisis_intervention, is_family_assistant_service


def _today() -> datetime.date:
    return timezone.localdate()


def _areas(areas: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(areas))
    if any(a not in SupportArea.values for a in chosen):
        raise ValidationError({"areas": _("Choose areas from the list.")})
    return chosen


@transaction.atomic
def referral_create(
    *,
    case: Case,
    actor: User,
    service: MunicipalService,
    planned_from: datetime.date,
    provider: Institution | None = None,
    contract: ProviderContract | None = None,
    planned_to: datetime.date | None = None,
    planned_hours: Decimal | None = None,
    areas: Iterable[str] = (),
    shared_note: str = "",
    urgency_reason: str = "",
) -> Referral:
    """Refer the family to a service of the municipality's catalogue; the provider joins the
    case and sees what the referral shares. A family assistant works to a plan based on a risk
    assessment (domain.md §8): such a referral needs both on the case, or a reason for urgency."""
    case = case_lock_for_change(case=case, actor=actor)
    if service.municipality_id != case.municipality_id or not service.is_active:
        raise ValidationError({"service": _("Choose an active service of the municipality.")})
    if contract is not None:
        if contract.service_id != service.pk:
            raise ValidationError({"contract": _("The contract is for another service.")})
        if not contract.is_valid_on(planned_from):
            raise ValidationError({"contract": _("The contract is not valid on the start date.")})
        provider = contract.provider
    if provider is None:
        raise ValidationError({"provider": _("Choose the provider.")})
    if planned_to is not None and planned_to < planned_from:
        raise ValidationError({"planned_to": _("The period must not end before it begins.")})
    if planned_hours is not None and planned_hours <= 0:
        raise ValidationError({"planned_hours": _("Give a positive number of hours.")})
    urgency_reason = urgency_reason.strip()
    if is_family_assistant_service(service) and not urgency_reason:
        _require_assessment_and_plan(case)
    referral = Referral(
        case=case,
        service=service,
        contract=contract,
        provider=provider,
        requested_on=_today(),
        planned_from=planned_from,
        planned_to=planned_to,
        planned_hours=planned_hours,
        areas=_areas(areas),
        shared_note=shared_note,
        urgency_reason=urgency_reason,
        referred_by=actor,
    )
    referral.full_clean()
    referral.save()
    case_participant_join(case=case, institution=provider, role=ParticipantRole.PROVIDER)
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.REFERRAL,
        text=message(
            "referral_made", service=service.name, provider=provider.name, date=planned_from
        ),
        institutions=[provider],
    )
    return referral


def _require_assessment_and_plan(case: Case) -> None:
    assessed = Assessment.objects.filter(case=case).exists()
    planned = RehabilitationPlan.objects.filter(case=case).exists()
    if assessed and planned:
        return
    if not assessed and not planned:
        missing = _("The case has neither a risk assessment nor a rehabilitation plan.")
    elif not assessed:
        missing = _("The case has no risk assessment yet.")
    else:
        missing = _("The case has no rehabilitation plan yet.")
    raise ValidationError(
        {
            "urgency_reason": missing
            + " "
            + _(
                "A family assistant works to a plan based on a risk assessment: record them "
                "first, or give the reason it cannot wait."
            )
        }
    )


def _locked(referral: Referral, actor: User, side: Callable[..., bool]) -> Referral:
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "service__service_type__parent")
        .get(pk=referral.pk)
    )
    if not side(principal_for_user(actor), referral):
        raise PermissionDenied
    return referral


def _move(referral: Referral, actor: User, status: str, text: Message) -> Referral:
    referral.status = status
    referral.full_clean()
    referral.save()
    timeline_entry_add(
        case=referral.case,
        actor=actor,
        kind=EntryKind.REFERRAL,
        text=text,
        institutions=[referral.provider_id],
    )
    return referral


@transaction.atomic
def referral_accept(*, referral: Referral, actor: User) -> Referral:
    """The provider takes the family on (from the request or the waiting list)."""
    referral = _locked(referral, actor, referral_policy.can_provide)
    if referral.status not in (ReferralStatus.REQUESTED, ReferralStatus.WAITING):
        raise ValidationError(_("Only a requested or waiting referral can be accepted."))
    referral.accepted_on = _today()
    return _move(
        referral,
        actor,
        ReferralStatus.ACCEPTED,
        message("referral_accepted", service=referral.service.name),
    )


@transaction.atomic
def referral_waitlist(*, referral: Referral, actor: User) -> Referral:
    """The provider has no place now: the family waits."""
    referral = _locked(referral, actor, referral_policy.can_provide)
    if referral.status != ReferralStatus.REQUESTED:
        raise ValidationError(_("Only a requested referral can be put on the waiting list."))
    return _move(
        referral,
        actor,
        ReferralStatus.WAITING,
        message("referral_waitlisted", service=referral.service.name),
    )


@transaction.atomic
def referral_record_cooperation(
    *, referral: Referral, actor: User, agreed_on: datetime.date
) -> Referral:
    """Record the date the family signed the cooperation agreement (crisis intervention)."""
    referral = _locked(referral, actor, referral_policy.can_change)
    if referral.status in REFERRAL_FINAL:
        raise ValidationError(_("The referral has ended."))
    if agreed_on > _today():
        raise ValidationError({"agreed_on": _("The date must not be in the future.")})
    referral.cooperation_agreed_on = agreed_on
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_start(
    *, referral: Referral, actor: User, started_on: datetime.date | None = None
) -> Referral:
    """Work with the family begins. A crisis intervention needs the family's signed
    cooperation agreement first."""
    referral = _locked(referral, actor, referral_policy.can_provide)
    if referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted referral can start."))
    if is_crisis_intervention(referral) and referral.cooperation_agreed_on is None:
        raise ValidationError(
            _(
                "Record the date the family signed the cooperation agreement before the crisis "
                "intervention starts."
            )
        )
    started_on = started_on or _today()
    if started_on > _today():
        raise ValidationError({"started_on": _("The date must not be in the future.")})
    referral.started_on = started_on
    return _move(
        referral,
        actor,
        ReferralStatus.IN_PROGRESS,
        message("referral_started", service=referral.service.name, date=started_on),
    )


@transaction.atomic
def referral_session_add(
    *,
    referral: Referral,
    actor: User,
    held_on: datetime.date,
    hours: Decimal,
    areas: Iterable[str] = (),
    note: str = "",
) -> ReferralSession:
    """Record a session: its hours, the areas worked on and a progress note for the case."""
    referral = _locked(referral, actor, referral_policy.can_provide)
    if referral.status != ReferralStatus.IN_PROGRESS:
        raise ValidationError(_("Sessions are recorded while the service is in progress."))
    if held_on > _today() or (referral.started_on and held_on < referral.started_on):
        raise ValidationError({"held_on": _("The date must be between the start and today.")})
    if not Decimal(0) < hours <= Decimal(24):
        raise ValidationError({"hours": _("Give the hours of one day (more than 0, up to 24).")})
    session = ReferralSession(
        referral=referral,
        held_on=held_on,
        hours=hours,
        areas=_areas(areas),
        note=note,
        recorded_by=actor,
    )
    session.full_clean()
    session.save()
    if referral.last_session_on is None or held_on > referral.last_session_on:
        # Derived from the sessions (each audited itself): kept without a change entry.
        referral.last_session_on = held_on
        Referral.objects.filter(pk=referral.pk).update(last_session_on=held_on)
    said = {"service": referral.service.name, "date": held_on, "hours": hours}
    text = (
        message("referral_session_areas", areas=list(session.areas), **said)
        if session.areas
        else message("referral_session", **said)
    )
    if note:
        text = message("with_note", text=text, note=note)
    timeline_entry_add(
        case=referral.case,
        actor=actor,
        kind=EntryKind.REFERRAL,
        text=text,
        institutions=[referral.provider_id],
    )
    return session


def _finish(referral: Referral, outcome: str, ended_on: datetime.date | None) -> None:
    if not outcome.strip():
        raise ValidationError({"outcome": _("Describe the outcome.")})
    ended_on = ended_on or _today()
    if ended_on > _today():
        raise ValidationError({"ended_on": _("The date must not be in the future.")})
    referral.outcome = outcome.strip()
    referral.ended_on = ended_on


@transaction.atomic
def referral_complete(
    *,
    referral: Referral,
    actor: User,
    outcome_rating: str,
    outcome: str,
    ended_on: datetime.date | None = None,
) -> Referral:
    """The service was given in full; the provider (or the case) records the outcome."""
    referral = _locked(referral, actor, referral_policy.can_change)
    if referral.status != ReferralStatus.IN_PROGRESS:
        raise ValidationError(_("Only a service in progress can be completed."))
    if outcome_rating not in OutcomeRating.values:
        raise ValidationError({"outcome_rating": _("Choose the outcome.")})
    _finish(referral, outcome, ended_on)
    referral.outcome_rating = outcome_rating
    return _move(
        referral,
        actor,
        ReferralStatus.COMPLETED,
        message("referral_completed", service=referral.service.name, rating=outcome_rating),
    )


@transaction.atomic
def referral_end(
    *, referral: Referral, actor: User, outcome: str, ended_on: datetime.date | None = None
) -> Referral:
    """End a referral early (the family refused, moved, the need went away), saying why."""
    referral = _locked(referral, actor, referral_policy.can_change)
    if referral.status in REFERRAL_FINAL:
        raise ValidationError(_("The referral has already ended."))
    _finish(referral, outcome, ended_on)
    return _move(
        referral,
        actor,
        ReferralStatus.ENDED,
        message("referral_ended", service=referral.service.name, reason=referral.outcome),
    )


@transaction.atomic
def referral_assign_assistant(
    *, referral: Referral, actor: User, assistant: User, override_reason: str = ""
) -> Referral:
    """Name the family assistant who works with the family: a family assistant of the
    provider whose recorded education meets the qualification rule (domain.md §8). When it
    does not, only a child-rights coordinator of the case's municipality may assign them,
    and the reason for the override is recorded with who gave it."""
    referral = _locked(referral, actor, referral_policy.can_change)
    if referral.status in REFERRAL_FINAL:
        raise ValidationError(_("The referral has ended."))
    if not is_family_assistant_service(referral.service):
        raise ValidationError(
            _("A family assistant is assigned only to a family assistant referral.")
        )
    works_there = (
        Membership.objects.active()
        .filter(user=assistant, institution_id=referral.provider_id, role=Role.FAMILY_ASSISTANT)
        .exists()
    )
    if not works_there:
        raise ValidationError(
            {"assistant": _("Choose a family assistant of the referral's provider.")}
        )
    problem = family_assistant_qualification_problem(assistant)
    override_reason = override_reason.strip()
    override_by: User | None = None
    if problem is not None:
        coordinator = referral.case.municipality_id in COORDINATORS.municipalities(
            principal_for_user(actor)
        )
        if not coordinator:
            raise ValidationError(
                {
                    "assistant": problem
                    + " "
                    + _("Only the child-rights coordinator may assign them, giving the reason.")
                }
            )
        if not override_reason:
            raise ValidationError(
                {"override_reason": problem + " " + _("Give the reason for the override.")}
            )
        override_by = actor
    else:
        override_reason = ""
    referral.assistant = assistant
    referral.assistant_override_reason = override_reason
    referral.assistant_override_by = override_by
    referral.full_clean()
    referral.save()
    text = _("%(service)s: family assistant %(name)s.") % {
        "service": referral.service.name,
        "name": assistant.get_full_name() or assistant.get_username(),
    }
    if override_reason:
        text += " " + _("Qualification rule overridden by the coordinator: %(reason)s") % {
            "reason": override_reason
        }
    timeline_entry_add(
        case=referral.case,
        actor=actor,
        kind=EntryKind.REFERRAL,
        text=text,
        institutions=[referral.provider_id],
    )
    return referral
