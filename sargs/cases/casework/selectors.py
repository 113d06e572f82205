"""Reads for cases, tasks, worklists and outcome figures, always through the policies."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.audit.services import record_views
from sargs.cases.concerns.models import Alert
from sargs.cases.concerns.selectors import concern_list
from sargs.cases.court.models import ProceedingStatus
from sargs.cases.referrals.models import REFERRAL_OPEN
from sargs.core.request_cache import once_per_request
from sargs.organisations.principal import Principal, principal_for
from sargs.registry.models import Child

from .access import CASE_PARTICIPANTS, case_policy, task_policy
from .models import (
    Assessment,
    AssessmentArea,
    Case,
    CaseChild,
    CaseParticipant,
    CaseStatus,
    PlanGoal,
    RehabilitationPlan,
    Task,
    TaskStatus,
    TimelineEntry,
)

WorklistTab = Literal["mine", "due", "overdue", "institution"]
WORKLIST_TABS: tuple[WorklistTab, ...] = ("mine", "due", "overdue", "institution")


def _cases() -> QuerySet[Case]:
    return Case.objects.select_related("municipality", "social_worker").prefetch_related("children")


def case_list(
    *, principal: Principal, mine_only: bool = False, closed: bool = False
) -> QuerySet[Case]:
    qs = case_policy.visible(principal, _cases()).filter(
        status=CaseStatus.CLOSED if closed else CaseStatus.OPEN
    )
    if mine_only:
        qs = qs.filter(social_worker_id=principal.user_id)
    return qs.order_by("-opened_on", "-pk")


def case_get(*, principal: Principal, pk: int) -> Case:
    """A case the principal sees (whole or in part); 404 otherwise."""
    return case_policy.get_visible_or_404(principal, _cases(), pk=pk)


def case_get_whole(*, principal: Principal, pk: int) -> Case:
    """A case for its team only: not visible → 404, a mere participant → 403."""
    case = case_get(principal=principal, pk=pk)
    if not case_policy.sees_whole(principal, case):
        raise PermissionDenied
    return case


def case_get_for_change(*, principal: Principal, pk: int) -> Case:
    """A case its managers change: not visible → 404, visible but not managed → 403."""
    case = case_get(principal=principal, pk=pk)
    case_policy.require_change(principal, case)
    return case


def open_case_of(child: Child) -> Case | None:
    """The child's open case, if any (for the registry page and triage)."""
    link = CaseChild.objects.filter(child=child, active=True).select_related("case").first()
    return link.case if link else None


def plan_current(case: Case) -> RehabilitationPlan | None:
    """The latest version of the case's plan, if it has one."""
    return case.plans.order_by("-version").first()


def case_timeline(*, principal: Principal, case: Case) -> QuerySet[TimelineEntry]:
    return case_policy.timeline(
        principal, case, TimelineEntry.objects.select_related("author")
    ).order_by("-created_at", "-pk")


def case_tasks(*, principal: Principal, case: Case) -> QuerySet[Task]:
    return task_policy.visible(
        principal, Task.objects.filter(case=case).select_related("institution", "assignee")
    ).order_by("status", "due_on", "pk")


def case_assessments(*, case: Case) -> QuerySet[Assessment]:
    return case.assessments.select_related("author").prefetch_related("areas")


def assessment_latest(case: Case) -> Assessment | None:
    """The case's assessment recorded last (highest version), whatever date it bears."""
    return case.assessments.order_by("-version").first()


def assessment_values(assessment: Assessment | None) -> dict[str, object]:
    """An assessment as the assessment form's fields hold it: what a refused stale save is
    compared with (core.versioning)."""
    if assessment is None:
        return {}
    stored: dict[str, object] = {
        "assessed_on": assessment.assessed_on,
        "overall_risk": assessment.overall_risk,
        "summary": assessment.summary,
    }
    for area in assessment.areas.all():
        stored[f"rating_{area.area}"] = area.rating
        stored[f"note_{area.area}"] = area.note
    return stored


def week_end(today: datetime.date) -> datetime.date:
    """Sunday of ``today``'s week."""
    return today + datetime.timedelta(days=6 - today.weekday())


def _own_tasks(principal: Principal) -> QuerySet[Task]:
    """The principal's own open tasks that they see: assigned to them, or in the open cases
    they manage as the social worker. A UNION of two branches each served by an index of open
    rows (task by assignee, case by social worker), so it reads the user's own few tasks and
    never a municipality's or the country's (issue 20)."""
    if principal.user_id is None:
        return Task.objects.none()
    open_tasks = Task.objects.filter(status=TaskStatus.OPEN).order_by()
    assigned: QuerySet[Task, Any] = open_tasks.filter(assignee_id=principal.user_id).values("pk")
    managed: QuerySet[Task, Any] = open_tasks.filter(
        case__social_worker_id=principal.user_id, case__status=CaseStatus.OPEN
    ).values("pk")
    ids = assigned.union(managed)
    return task_policy.visible(
        principal,
        Task.objects.filter(pk__in=ids, status=TaskStatus.OPEN, case__status=CaseStatus.OPEN),
    )


def _institution_tasks(institutions: frozenset[int]) -> QuerySet[Task]:
    """The open tasks given to the institutions, read from the index of open tasks by
    institution and deadline (``task_open_by_institution``) in deadline order. Neither the
    case's status nor the access rules need a join here: a task of one's own institution is
    visible by TaskPolicy, and an open task's case is open (``task_create`` and every task
    service lock an open case; ``case_close`` refuses while a task is open). Joining each task
    to its case cost 80 ms to count and 450 ms to sort a page of Rīga's social service's
    13,895 open tasks at ten times the country (issue 20)."""
    return Task.objects.filter(status=TaskStatus.OPEN, institution__in=institutions)


def _deadline(tab: WorklistTab, today: datetime.date) -> Q:
    if tab == "due":
        return Q(due_on__gte=today, due_on__lte=week_end(today))
    if tab == "overdue":
        return Q(due_on__lt=today)
    return Q()


def worklist(*, principal: Principal, tab: WorklistTab) -> QuerySet[Task]:
    """Open tasks. Mine: assigned to me, or in the cases I manage. Due: until Sunday. Overdue:
    past their deadline. Institution: assigned to my institutions."""
    institutions = CASE_PARTICIPANTS.institutions(principal)
    if not institutions:  # no institution: no task is seen (TaskPolicy)
        return Task.objects.none()
    if tab == "institution":
        qs = _institution_tasks(institutions)
    elif tab == "mine":
        qs = Task.objects.filter(pk__in=_own_tasks(principal).values("pk"))
    else:  # mine and my institutions': the own ids as a list, so that the OR is two index
        # conditions PostgreSQL answers as one bitmap (a subquery in an OR is a filter on
        # every open task)
        own = list(_own_tasks(principal).values_list("pk", flat=True))
        qs = Task.objects.filter(
            Q(pk__in=own) | Q(institution__in=institutions), status=TaskStatus.OPEN
        )
    qs = qs.filter(_deadline(tab, timezone.localdate()))
    return qs.select_related("case", "institution", "assignee").order_by("due_on", "pk")


@dataclass(frozen=True)
class WorklistCounts:
    mine: int
    due: int
    overdue: int
    institution: int
    triage: int

    def of(self, tab: WorklistTab) -> int:
        return int(getattr(self, tab))


def worklist_default_tab(counts: WorklistCounts, *, manages: bool) -> WorklistTab:
    """The tab that holds the user's work: their own tasks, else their institution's; with
    neither, the case team's own tab and everyone else's institution tab."""
    if counts.mine:
        return "mine"
    if counts.institution:
        return "institution"
    return "mine" if manages else "institution"


def worklist_counts(*, principal: Principal) -> WorklistCounts:
    """The four tabs' counts in two queries, and the concerns to triage in a third: the
    institutions' open tasks counted from the index of open tasks by institution alone (an
    index-only scan; see ``_institution_tasks``), and the user's own few tasks read through
    the access rules as the tab's list reads them; those outside the user's institutions are
    added to the deadline counts."""
    today = timezone.localdate()
    sunday = week_end(today)
    institutions = CASE_PARTICIPANTS.institutions(principal)
    if not institutions:  # no institution: no task is seen (TaskPolicy)
        return WorklistCounts(0, 0, 0, 0, concern_list(principal=principal, tab="triage").count())
    figures = _institution_tasks(institutions).aggregate(
        # Counted on the index's own columns, so no row is read from the table.
        institution=Count("institution_id"),
        due=Count("due_on", filter=_deadline("due", today)),
        overdue=Count("due_on", filter=_deadline("overdue", today)),
    )
    own = list(_own_tasks(principal).order_by().values_list("institution_id", "due_on"))
    elsewhere = [due_on for institution_id, due_on in own if institution_id not in institutions]
    return WorklistCounts(
        mine=len(own),
        due=figures["due"] + sum(1 for d in elsewhere if today <= d <= sunday),
        overdue=figures["overdue"] + sum(1 for d in elsewhere if d < today),
        institution=figures["institution"],
        triage=concern_list(principal=principal, tab="triage").count(),
    )


def worklist_counts_once(request: HttpRequest) -> WorklistCounts:
    """The worklist's counts for the request's user, counted once per request (the worklist
    and the home page's panels read them)."""
    return once_per_request(
        request,
        "cases.worklist_counts",
        lambda: worklist_counts(principal=principal_for(request)),
    )


@dataclass(frozen=True)
class ClosureBlocker:
    """One thing that keeps a case open, with the page where it is dealt with."""

    kind: Literal["task", "referral", "proceeding"]
    text: str
    url: str


def closure_blockers(case: Case) -> list[ClosureBlocker]:
    """Everything that must be finished before ``case`` closes, at once: open tasks, open
    referrals and undecided orphan's court matters (three queries). The case_close service
    refuses with all of them; the case page lists them at the top."""
    tasks = case.tasks.filter(status=TaskStatus.OPEN).select_related("institution")
    referrals = case.referrals.filter(status__in=REFERRAL_OPEN).select_related("service")
    matters = case.proceedings.exclude(status=ProceedingStatus.DECIDED)
    case_url = reverse("cases:case-detail", args=[case.pk])
    return [
        *(
            ClosureBlocker(
                "task",
                _("Open task for %(institution)s: %(title)s")
                % {"institution": t.institution.name, "title": t.name},
                f"{case_url}#task-{t.pk}",
            )
            for t in tasks
        ),
        *(
            ClosureBlocker(
                "referral",
                _("Open referral: %(service)s (%(status)s)")
                % {"service": r.service.name, "status": r.get_status_display()},
                reverse("cases:referral-detail", args=[r.pk]),
            )
            for r in referrals
        ),
        *(
            ClosureBlocker(
                "proceeding",
                _("Undecided orphan's court matter: %(kind)s") % {"kind": p.get_kind_display()},
                reverse("cases:proceeding-detail", args=[p.pk]),
            )
            for p in matters
        ),
    ]


def plans_to_review(*, principal: Principal) -> QuerySet[RehabilitationPlan]:
    """The current plan (latest version) of each open case the principal manages as its
    social worker, the nearest review first."""
    newer = RehabilitationPlan.objects.filter(
        case=OuterRef("case"), version__gt=OuterRef("version")
    )
    cases = case_list(principal=principal, mine_only=True)
    return (
        RehabilitationPlan.objects.filter(case__in=cases.values("pk"))
        .exclude(Exists(newer))
        .select_related("case")
        .order_by("review_on", "pk")
    )


# --- Reads recorded where they are made (ADR 0003) ---------------------------------------------


def record_reads_with_children(
    *,
    request: HttpRequest,
    shown: Sequence[Model],
    case_ids: Iterable[int | None] = (),
    child_ids: Iterable[int | None] = (),
    **detail: Any,
) -> None:
    """Record a read of the records ``shown`` and of every child they name: the children of
    ``case_ids`` (closed cases included) and ``child_ids``. The entries on the children are what
    a search of the trail by a child finds. One SELECT of the children, one INSERT."""
    cases = {pk for pk in case_ids if pk is not None}
    children = {pk for pk in child_ids if pk is not None}
    named = (
        list(
            Child.objects.filter(Q(case_links__case__in=cases) | Q(pk__in=children))
            .distinct()
            .order_by("pk")
        )
        if cases or children
        else []
    )
    if shown or named:
        record_views(request=request, objs=[*shown, *named], **detail)


def worklist_record_read(
    *, request: HttpRequest, tasks: Sequence[Task], alerts: Sequence[Alert] = ()
) -> None:
    """The worklist page and API: the tasks on the page, the concerns of the alerts above it,
    and the children of both."""
    record_reads_with_children(
        request=request,
        shown=[*tasks, *(a.concern for a in alerts)],
        case_ids=[t.case_id for t in tasks],
        child_ids=[a.concern.child_id for a in alerts],
        purpose="worklist",
    )


# --- For cooperation groups: sargs.cooperation reads cases through these only -------------
def open_cases_seen(*, principal: Principal, municipality_ids: Iterable[int]) -> QuerySet[Case]:
    """Open cases of these municipalities that the principal sees, newest first (what a
    group's agenda may take up)."""
    return case_policy.visible(
        principal,
        Case.objects.filter(municipality__in=municipality_ids, status=CaseStatus.OPEN),
    ).order_by("-opened_on", "-pk")


def case_seen_by(*, principal: Principal, case: Case) -> bool:
    """Whether the principal sees the case at all (whole or in part)."""
    return case_policy.visible(principal, Case.objects.filter(pk=case.pk)).exists()


def case_open_tasks(case: Case) -> QuerySet[Task]:
    """The case's open tasks with their institutions, soonest due first."""
    return (
        Task.objects.filter(case=case, status=TaskStatus.OPEN)
        .select_related("institution")
        .order_by("due_on", "pk")
    )


# --- Data subjects' requests (sargs.subjects) --------------------------------------------------
def case_ids_of_child(child: Child) -> list[int]:
    """The cases ``child`` is or was on, oldest first."""
    return list(
        CaseChild.objects.filter(child=child).order_by("case_id").values_list("case_id", flat=True)
    )


def casework_records_about_child(child: Child) -> list[Model]:
    """Every casework record of the cases ``child`` is or was on: the cases, the child's links,
    participants, assessments (with their areas), plans (with goals), the timeline, tasks and
    the transfers of the child. A family's case is about each of its children. Reads only."""
    from .transfer_models import CaseTransfer

    case_ids = case_ids_of_child(child)
    records: list[Model] = []
    records += list(Case.objects.filter(pk__in=case_ids).select_related("social_worker"))
    records += list(CaseChild.objects.filter(case_id__in=case_ids).select_related("child"))
    records += list(
        CaseParticipant.objects.filter(case_id__in=case_ids).select_related("institution")
    )
    assessments = list(
        Assessment.objects.filter(case_id__in=case_ids).select_related("author").order_by("pk")
    )
    records += assessments
    records += list(AssessmentArea.objects.filter(assessment__in=assessments).order_by("pk"))
    plans = list(RehabilitationPlan.objects.filter(case_id__in=case_ids).order_by("pk"))
    records += plans
    records += list(PlanGoal.objects.filter(plan__in=plans).order_by("pk"))
    records += list(
        TimelineEntry.objects.filter(case_id__in=case_ids)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    records += list(
        Task.objects.filter(case_id__in=case_ids)
        .select_related("institution", "assignee")
        .order_by("pk")
    )
    records += list(CaseTransfer.objects.filter(child=child).order_by("pk"))
    return records
