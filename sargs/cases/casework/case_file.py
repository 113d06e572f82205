"""What the case page's header and timeline show, from rows the page has already read (issue
18, point 2): the next deadline of the case, the latest risk and who each timeline entry was
for. No queries of its own beyond the timeline's audience (one prefetch)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.roles import InstitutionType

from .models import Assessment, RehabilitationPlan, Task, TimelineEntry


@dataclass(frozen=True)
class Deadline:
    due: datetime.date
    what: str
    anchor: str

    @property
    def overdue(self) -> bool:
        return self.due < timezone.localdate()


def next_deadline(
    *,
    tasks: Iterable[Task],
    proceedings: Iterable[Any],
    placements: Iterable[Any],
    plan: RehabilitationPlan | None,
) -> Deadline | None:
    """The earliest date the case must meet: an open task, a court matter's decision or remedy
    term, a placement's review, the plan's review."""
    found: list[Deadline] = [
        Deadline(t.due_on, _("Task: %(title)s") % {"title": t.name}, f"task-{t.pk}")
        for t in tasks
        if t.status == "open" and t.due_on
    ]
    for p in proceedings:
        if p.is_open:
            found.append(Deadline(p.decision_due, _("Orphan's court decision"), "court"))
            if p.remedy_until:
                found.append(Deadline(p.remedy_until, _("Term to remedy"), "court"))
    found += [
        Deadline(pl.review_due, _("Review of the placement"), "placements")
        for pl in placements
        if not pl.ended_on
    ]
    if plan is not None:
        found.append(Deadline(plan.review_on, _("Review of the plan"), "plan"))
    return min(found, key=lambda d: d.due) if found else None


def latest_assessment(assessments: Sequence[Assessment]) -> Assessment | None:
    """The most recent assessment (its overall risk is the case's risk level)."""
    return max(assessments, key=lambda a: (a.assessed_on, a.pk), default=None)


def timeline_rows(entries: QuerySet[TimelineEntry]) -> list[TimelineEntry]:
    """The entries, each with ``audience_names``: whom it was for besides the case team (empty:
    the case team only)."""
    rows = list(entries.prefetch_related("audience__institution"))
    for entry in rows:
        entry.audience_names = [  # type: ignore[attr-defined]
            a.institution.name if a.institution else _type_label(a.institution_type)
            for a in entry.audience.all()
        ]
    return rows


def _type_label(code: str) -> str:
    try:
        return str(InstitutionType(code).label)
    except ValueError:
        return code
