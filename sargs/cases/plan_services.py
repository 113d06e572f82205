"""Writes for the social rehabilitation plan: every change is a new version, which needs the
family's agreement again (docs/adr/0008-case-access.md)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import User

from .case_common import _entry, _managed_open, _today
from .models import (
    Case,
    EntryKind,
    PlanGoal,
    RehabilitationPlan,
    SupportArea,
)


def plan_current(case: Case) -> RehabilitationPlan | None:
    """The latest version of the case's plan, if it has one."""
    return case.plans.order_by("-version").first()


@transaction.atomic
def plan_save(
    *, case: Case, actor: User, review_on: datetime.date, goals: Mapping[str, str]
) -> RehabilitationPlan:
    """Save the plan as a new version: goals per problem area (domain.md §8) and the review
    date. Nothing changed: no new version (the family's agreement stands)."""
    case = _managed_open(case, actor)
    chosen = {area: text.strip() for area, text in goals.items() if text and text.strip()}
    if not chosen:
        raise ValidationError(_("Set a goal for at least one area."))
    if any(area not in SupportArea.values for area in chosen):
        raise ValidationError(_("Goals must be for the areas of the plan."))
    if review_on <= _today():
        raise ValidationError({"review_on": _("The review date must be in the future.")})
    current = plan_current(case)
    if (
        current is not None
        and current.review_on == review_on
        and dict(current.goals.values_list("area", "goal")) == chosen
    ):
        raise ValidationError(
            _("Nothing changed: the plan stays at version %(n)s.") % {"n": current.version}
        )
    plan = RehabilitationPlan(
        case=case,
        version=(current.version + 1) if current else 1,
        review_on=review_on,
        created_by=actor,
    )
    plan.full_clean()
    plan.save()
    PlanGoal.objects.bulk_create(
        PlanGoal(plan=plan, area=area, goal=chosen[area])
        for area in SupportArea.values
        if area in chosen
    )
    _entry(
        case,
        actor,
        EntryKind.PLAN,
        _("Rehabilitation plan version %(n)s; review on %(date)s.")
        % {"n": plan.version, "date": review_on.strftime("%d.%m.%Y")},
    )
    return plan


@transaction.atomic
def plan_record_agreement(
    *, plan: RehabilitationPlan, actor: User, agreed_on: datetime.date, note: str = ""
) -> RehabilitationPlan:
    """Record that the family agreed to this (the current) version of the plan."""
    case = _managed_open(plan.case, actor)
    plan = RehabilitationPlan.objects.select_for_update().get(pk=plan.pk)
    current = plan_current(case)
    if current is None or current.pk != plan.pk:
        raise ValidationError(_("The family agrees to the current version of the plan only."))
    if plan.family_agreed_on is not None:
        raise ValidationError(_("The family's agreement to this version is already recorded."))
    if agreed_on > _today() or agreed_on < timezone.localdate(plan.created_at):
        raise ValidationError(
            {"agreed_on": _("The date must be between the plan's version and today.")}
        )
    plan.family_agreed_on = agreed_on
    plan.family_agreement_note = note
    plan.full_clean()
    plan.save()
    _entry(
        case,
        actor,
        EntryKind.PLAN,
        _("The family agreed to plan version %(n)s on %(date)s.")
        % {"n": plan.version, "date": agreed_on.strftime("%d.%m.%Y")},
    )
    return plan
