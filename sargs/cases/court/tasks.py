"""Tasks the orphan's court's steps set, for the court itself or the case's social service:
written directly (the court is not the case's manager, so ``task_create`` would refuse it),
each with a timeline entry addressed to the institution that must act."""

from __future__ import annotations

import datetime

from sargs.cases.casework.messages import Message, message
from sargs.cases.casework.models import Case, CaseParticipant, EntryKind, ParticipantRole, Task
from sargs.cases.casework.services import timeline_entry_add
from sargs.organisations.models import Institution, User


def case_social_service(case: Case) -> Institution | None:
    """The social service in charge of the case now."""
    participant = (
        CaseParticipant.objects.filter(case=case, role=ParticipantRole.OWNER, until__isnull=True)
        .select_related("institution")
        .order_by("since", "pk")
        .first()
    )
    return participant.institution if participant is not None else None


def court_step_task(
    *,
    case: Case,
    actor: User,
    institution: Institution,
    title: str | Message,
    due_on: datetime.date,
    description: str = "",
) -> Task:
    """A task for ``institution`` set by a step of the court's matter, on the case's timeline."""
    task = Task(
        case=case,
        title=str(title)[:200],
        description=description,
        institution=institution,
        due_on=due_on,
        created_by=actor,
    )
    if isinstance(title, Message):
        task.title_message, task.title_params = title.code, title.params
    task.full_clean()
    task.save()
    timeline_entry_add(
        case=case,
        actor=actor,
        kind=EntryKind.TASK,
        text=message("task_set", institution=institution.name, date=due_on, title=title),
        institutions=[institution],
    )
    return task
