"""Writes for tasks in a case: assign (the institution joins the case), report done, cancel."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.core.workdays import add_working_days
from sargs.organisations.models import Institution, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType

from .access import (
    case_policy,
    task_policy,
)
from .case_common import _entry, _managed_open, _participate, _today
from .models import (
    Case,
    CaseStatus,
    EntryKind,
    ParticipantRole,
    SupportArea,
    Task,
    TaskStatus,
)


@transaction.atomic
def task_create(
    *,
    case: Case,
    actor: User,
    title: str,
    institution: Institution,
    due_on: datetime.date | None = None,
    working_days: int | None = None,
    assignee: User | None = None,
    description: str = "",
    area: str = "",
) -> Task:
    """Assign a task to an institution (which joins the case); the deadline is a date or a
    number of working days from today."""
    case = _managed_open(case, actor)
    if due_on is None:
        if working_days is None:
            raise ValidationError({"due_on": _("Give the deadline.")})
        due_on = add_working_days(_today(), working_days)
    if due_on < _today():
        raise ValidationError({"due_on": _("The deadline must not be in the past.")})
    if area and area not in SupportArea.values:
        raise ValidationError({"area": _("Choose an area of the plan.")})
    if assignee is not None and not assignee.memberships.filter(institution=institution).exists():
        raise ValidationError({"assignee": _("The person must work in the chosen institution.")})
    role = (
        ParticipantRole.PROVIDER
        if institution.type == InstitutionType.SERVICE_PROVIDER
        else ParticipantRole.OTHER
    )
    if institution.type == InstitutionType.ORPHANS_COURT:
        role = ParticipantRole.COURT
    _participate(case, institution, role)
    task = Task(
        case=case,
        title=title,
        description=description,
        institution=institution,
        assignee=assignee,
        due_on=due_on,
        area=area,
        created_by=actor,
    )
    task.full_clean()
    task.save()
    _entry(
        case,
        actor,
        EntryKind.TASK,
        _("Task for %(institution)s until %(date)s: %(title)s")
        % {"institution": institution.name, "date": due_on.strftime("%d.%m.%Y"), "title": title},
        institutions=[institution],
    )
    return task


def _locked_open_task(task: Task, actor: User) -> Task:
    task = Task.objects.select_for_update(of=("self",)).select_related("case").get(pk=task.pk)
    if not task_policy.can_change(principal_for_user(actor), task):
        raise PermissionDenied
    if task.status != TaskStatus.OPEN:
        raise ValidationError(_("This task is no longer open."))
    if task.case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; it cannot be changed."))
    return task


@transaction.atomic
def task_complete(*, task: Task, actor: User, result: str = "") -> Task:
    """The responsible institution (or the case manager) reports the task done."""
    task = _locked_open_task(task, actor)
    task.status = TaskStatus.DONE
    task.done_at = timezone.now()
    task.result = result
    task.full_clean()
    task.save()
    text = _("Task done: %(title)s") % {"title": task.title}
    if result:
        text = f"{text}. {result}"
    _entry(task.case, actor, EntryKind.TASK, text, institutions=[task.institution_id])
    return task


@transaction.atomic
def task_cancel(*, task: Task, actor: User, reason: str) -> Task:
    """The case manager cancels a task that is no longer needed."""
    task = _locked_open_task(task, actor)
    if not case_policy.can_change(principal_for_user(actor), task.case):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling the task.")})
    task.status = TaskStatus.CANCELLED
    task.done_at = timezone.now()
    task.result = reason.strip()
    task.full_clean()
    task.save()
    _entry(
        task.case,
        actor,
        EntryKind.TASK,
        _("Task cancelled: %(title)s. %(reason)s") % {"title": task.title, "reason": task.result},
        institutions=[task.institution_id],
    )
    return task
