"""The cooperation group's report to the council for a period (issue 6, part 6): meetings
held, cases reviewed by concern category, decisions, agreed actions done on time, proposals.
Every count about children and their cases goes through small-count suppression
(docs/adr/0009-small-count-suppression.md); the number of meetings identifies no one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.models import TaskStatus
from sargs.cases.concerns.models import ConcernCategory
from sargs.cases.concerns.selectors import concern_categories_of_cases
from sargs.core.suppression import Shown, suppress_count, suppress_list

from .models import (
    AgendaItem,
    CooperationGroup,
    DecisionTask,
    ItemKind,
    Meeting,
    MeetingStatus,
)

NO_CATEGORY = "none"

TASK_OUTCOMES = (
    ("on_time", _("Done on time")),
    ("late", _("Done late")),
    ("overdue", _("Open past the deadline")),
    ("open", _("Open, deadline not reached")),
    ("cancelled", _("Cancelled")),
)


@dataclass(frozen=True)
class CouncilReport:
    group: CooperationGroup
    start: datetime.date
    end: datetime.date
    meetings_held: int
    categories: list[tuple[str, Shown]]
    cases_total: Shown
    decisions: Shown
    tasks: list[tuple[str, Shown]]
    tasks_total: Shown
    analysis_topics: Shown
    programme_proposals: Shown
    ministry_proposals: Shown


def _primary_categories(case_ids: set[int]) -> dict[int, str]:
    """Each case counts once, under the first category of its first concern."""
    first: dict[int, str] = {}
    rows = concern_categories_of_cases(case_ids)
    for case_id, categories in rows:
        if case_id not in first and categories:
            first[case_id] = categories[0]
    return {pk: first.get(pk, NO_CATEGORY) for pk in case_ids}


def _task_outcome(task: DecisionTask, end: datetime.date) -> str:
    status = task.current_status
    if status == TaskStatus.CANCELLED:
        return "cancelled"
    finished = task.finished_at
    if status == TaskStatus.DONE and finished is not None:
        return "on_time" if finished.date() <= task.due_on else "late"
    return "overdue" if task.due_on < end else "open"


def cooperation_group_report_figures(
    *, group: CooperationGroup, start: datetime.date, end: datetime.date
) -> CouncilReport:
    """Meetings held between ``start`` and ``end`` (inclusive) and what they decided."""
    meetings = Meeting.objects.filter(
        group=group, status=MeetingStatus.HELD, date__gte=start, date__lte=end
    )
    items = list(AgendaItem.objects.filter(meeting__in=meetings).select_related("decision"))
    case_ids = {i.case_id for i in items if i.kind == ItemKind.CASE and i.case_id is not None}
    by_case = _primary_categories(case_ids)
    labels = [*ConcernCategory.choices, (NO_CATEGORY, _("No category recorded"))]
    counts = [sum(1 for c in by_case.values() if c == value) for value, _label in labels]
    shown, total = suppress_list(counts)
    tasks = list(
        DecisionTask.objects.filter(decision__item__meeting__in=meetings).select_related(
            "case_task"
        )
    )
    outcomes = [_task_outcome(t, end) for t in tasks]
    task_shown, task_total = suppress_list([outcomes.count(key) for key, _label in TASK_OUTCOMES])
    decided = [i for i in items if hasattr(i, "decision")]

    def kind_count(kind: str) -> Shown:
        return suppress_count(sum(1 for i in decided if i.kind == kind))

    return CouncilReport(
        group=group,
        start=start,
        end=end,
        meetings_held=meetings.count(),
        categories=[
            (str(label), s)
            for (_v, label), s in zip(labels, shown, strict=True)
            if s.value or s.hidden
        ],
        cases_total=total,
        decisions=suppress_count(len(decided)),
        tasks=[(str(label), s) for (_k, label), s in zip(TASK_OUTCOMES, task_shown, strict=True)],
        tasks_total=task_total,
        analysis_topics=kind_count(ItemKind.ANALYSIS),
        programme_proposals=kind_count(ItemKind.PROGRAMME_PROPOSAL),
        ministry_proposals=kind_count(ItemKind.MINISTRY_PROPOSAL),
    )
