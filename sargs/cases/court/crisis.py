"""Writes for the crisis team's call (issue 16 point 6; models in crisis_models.py).

``crisis_team_prompt`` runs inside the court's decision: the team's on-call person (the
services app's rota) gets a task due today; with no one on call the case's social service
gets the task to arrange it, so a removal never goes without someone told. The family's
agreement, recorded by the case team or the crisis team's provider, gives the social service
a task to draw up the rehabilitation plan within ``settings.CRISIS_PLAN_WORKING_DAYS``."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.cases.casework.access import CASE_PARTICIPANTS, case_policy
from sargs.cases.casework.messages import message
from sargs.cases.casework.models import Case, EntryKind
from sargs.cases.casework.services import timeline_entry_add
from sargs.core.workdays import add_working_days
from sargs.organisations.models import User
from sargs.organisations.principal import principal_for_user
from sargs.services.models import OnCallShift

from .crisis_models import CrisisCall, CrisisTrigger
from .models import CustodyOutcome, Proceeding, UrgentReason
from .tasks import case_social_service, court_step_task


def crisis_trigger(*, proceeding: Proceeding, chair_alone: bool) -> str | None:
    """Why a decision calls the crisis team: an urgent removal (BTAL 27) recorded on it, or a
    single-member decision of the chair separating the child; None when it does not."""
    if proceeding.urgent_reason == UrgentReason.REMOVAL_BTAL_27:
        return CrisisTrigger.URGENT_REMOVAL
    if chair_alone and proceeding.custody_outcome == CustodyOutcome.SUSPENDED:
        return CrisisTrigger.CHAIR_ALONE
    return None


def on_call_now(*, case: Case, at: datetime.datetime | None = None) -> OnCallShift | None:
    """The shift of an active crisis team of the case's municipality covering ``at``."""
    at = at or timezone.now()
    return (
        OnCallShift.objects.filter(
            team__municipality_id=case.municipality_id,
            team__is_active=True,
            member__is_active=True,
            starts_at__lte=at,
            ends_at__gt=at,
        )
        .select_related("team__provider", "member__user")
        .order_by("starts_at", "pk")
        .first()
    )


def crisis_team_prompt(*, proceeding: Proceeding, actor: User, trigger: str) -> CrisisCall:
    """Give the crisis team's on-call person a task for today (inside the decision's
    transaction); with no one on call, the case's social service must arrange it."""
    case = proceeding.case
    shift = on_call_now(case=case)
    today = timezone.localdate()
    if shift is not None:
        member = shift.member
        details = [_("On call: %(name)s") % {"name": member.display_name}]
        if member.phone or shift.team.phone:
            details.append(_("Phone: %(phone)s") % {"phone": member.phone or shift.team.phone})
        task = court_step_task(
            case=case,
            actor=actor,
            institution=shift.team.provider,
            title=message("crisis_team_task", why=trigger),
            description=". ".join(details) + ".",
            due_on=today,
        )
        if member.user_id:
            task.assignee = member.user
            task.save(update_fields=["assignee"])
    else:
        social = case_social_service(case)
        if social is None:
            raise ValidationError(
                _("The case has no social service to arrange the crisis intervention.")
            )
        task = court_step_task(
            case=case,
            actor=actor,
            institution=social,
            title=message("crisis_team_missing_task", why=trigger),
            due_on=today,
        )
    return CrisisCall.objects.create(
        case=case,
        proceeding=proceeding,
        trigger=trigger,
        team=shift.team if shift else None,
        on_call=shift.member if shift else None,
        task=task,
        created_by=actor,
    )


def _may_record_agreement(actor: User, call: CrisisCall) -> bool:
    principal = principal_for_user(actor)
    if case_policy.can_change(principal, call.case):
        return True
    return call.team is not None and call.team.provider_id in CASE_PARTICIPANTS.institutions(
        principal
    )


@transaction.atomic
def crisis_family_agreement_record(
    *, call: CrisisCall, actor: User, agreed_on: datetime.date
) -> CrisisCall:
    """The family agreed to work with the crisis team: recorded on the case, and the social
    service gets the task to draw up the rehabilitation plan."""
    call = (
        CrisisCall.objects.select_for_update(of=("self",))
        .select_related("case", "team")
        .get(pk=call.pk)
    )
    if not _may_record_agreement(actor, call):
        raise PermissionDenied
    if call.family_agreed_on is not None:
        raise ValidationError(_("The family's agreement is already recorded."))
    if agreed_on > timezone.localdate() or agreed_on < call.created_at.date():
        raise ValidationError(
            {"agreed_on": _("The date must be between the crisis team's call and today.")}
        )
    social = case_social_service(call.case)
    if social is None:
        raise ValidationError(_("The case has no social service to draw up the plan."))
    call.family_agreed_on = agreed_on
    call.agreement_recorded_by = actor
    call.plan_task = court_step_task(
        case=call.case,
        actor=actor,
        institution=social,
        title=message("crisis_plan_task", date=agreed_on),
        due_on=add_working_days(agreed_on, settings.CRISIS_PLAN_WORKING_DAYS),
    )
    call.full_clean()
    call.save()
    timeline_entry_add(
        case=call.case,
        actor=actor,
        kind=EntryKind.NOTE,
        text=message("crisis_family_agreed", date=agreed_on),
        institutions=[call.team.provider_id] if call.team else [],
    )
    return call


def crisis_calls_for_case(*, case: Case) -> QuerySet[CrisisCall]:
    return CrisisCall.objects.filter(case=case).select_related(
        "team", "on_call", "task", "plan_task", "proceeding"
    )
