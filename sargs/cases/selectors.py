"""Reads for concerns, cases, tasks and alerts, always through the policies."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import Q, QuerySet
from django.utils import timezone

from sargs.jurisdiction.facts import CareFacts
from sargs.organisations.principal import Principal
from sargs.registry.access import child_policy
from sargs.registry.models import Child, normalise_name

from .access import (
    alert_policy,
    case_policy,
    concern_policy,
    manager_municipalities,
    participant_institutions,
    task_policy,
)
from .models import (
    Alert,
    Assessment,
    Case,
    CaseStatus,
    Concern,
    ConcernStatus,
    Placement,
    Task,
    TaskStatus,
    TimelineEntry,
)

ConcernTab = Literal["triage", "ours", "closed"]
CONCERN_TABS: tuple[ConcernTab, ...] = ("triage", "ours", "closed")
WorklistTab = Literal["mine", "due", "overdue", "institution"]
WORKLIST_TABS: tuple[WorklistTab, ...] = ("mine", "due", "overdue", "institution")


def _concerns() -> QuerySet[Concern]:
    return Concern.objects.select_related("reporting_institution", "municipality", "reported_by")


def concern_list(*, principal: Principal, tab: ConcernTab) -> QuerySet[Concern]:
    """Triage: new concerns the user's social service must triage (danger first, then by
    deadline). Ours: concerns the user's institutions reported. Closed: triaged ones."""
    qs = concern_policy.visible(principal, _concerns())
    if tab == "triage":
        return qs.filter(
            municipality__in=manager_municipalities(principal), status=ConcernStatus.NEW
        ).order_by("-danger_to_life", "triage_due", "pk")
    if tab == "ours":
        return qs.filter(reporting_institution__in=participant_institutions(principal)).order_by(
            "-created_at", "-pk"
        )
    return qs.exclude(status=ConcernStatus.NEW).order_by("-created_at", "-pk")


def concern_get(*, principal: Principal, pk: int) -> Concern:
    return concern_policy.get_visible_or_404(
        principal, _concerns().select_related("case", "child", "triaged_by"), pk=pk
    )


def child_candidates(*, principal: Principal, concern: Concern) -> QuerySet[Child]:
    """Registry children the concern may be about: the same personal code, or the same name
    and birth date, among the children the user's registry holds."""
    match = Q(search_name=normalise_name(concern.child_first_name, concern.child_last_name))
    if concern.child_birth_date:
        match &= Q(birth_date=concern.child_birth_date)
    if concern.child_personal_code:
        match |= Q(personal_code=concern.child_personal_code)
    return child_policy.visible(principal, Child.objects.filter(match)).order_by(
        "last_name", "first_name", "pk"
    )[:10]


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
    return case_policy.get_visible_or_404(principal, _cases(), pk=pk)


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


def week_end(today: datetime.date) -> datetime.date:
    """Sunday of ``today``'s week."""
    return today + datetime.timedelta(days=6 - today.weekday())


def worklist(*, principal: Principal, tab: WorklistTab) -> QuerySet[Task]:
    """Open tasks. Mine: assigned to me, or in the cases I manage. Due: until Sunday. Overdue:
    past their deadline. Institution: assigned to my institutions."""
    today = timezone.localdate()
    qs = task_policy.visible(
        principal,
        Task.objects.filter(status=TaskStatus.OPEN, case__status=CaseStatus.OPEN).select_related(
            "case", "institution", "assignee"
        ),
    )
    mine = Q(assignee_id=principal.user_id) | Q(case__social_worker_id=principal.user_id)
    institutions = participant_institutions(principal)
    if tab == "mine":
        qs = qs.filter(mine)
    elif tab == "due":
        qs = qs.filter(mine | Q(institution__in=institutions)).filter(
            due_on__gte=today, due_on__lte=week_end(today)
        )
    elif tab == "overdue":
        qs = qs.filter(mine | Q(institution__in=institutions)).filter(due_on__lt=today)
    else:
        qs = qs.filter(institution__in=institutions)
    return qs.order_by("due_on", "pk")


def open_alerts(*, principal: Principal) -> QuerySet[Alert]:
    return alert_policy.visible(
        principal,
        Alert.objects.filter(acknowledged_at__isnull=True).select_related(
            "concern", "recipient", "concern__municipality"
        ),
    ).order_by("created_at", "pk")


@dataclass(frozen=True)
class WorklistCounts:
    mine: int
    due: int
    overdue: int
    institution: int
    triage: int
    alerts: int


def worklist_counts(*, principal: Principal) -> WorklistCounts:
    return WorklistCounts(
        mine=worklist(principal=principal, tab="mine").count(),
        due=worklist(principal=principal, tab="due").count(),
        overdue=worklist(principal=principal, tab="overdue").count(),
        institution=worklist(principal=principal, tab="institution").count(),
        triage=concern_list(principal=principal, tab="triage").count(),
        alerts=open_alerts(principal=principal).count(),
    )


@dataclass
class OutcomeRow:
    """Children whose case closed in the year, for one service (or none)."""

    service: str
    children: int = 0
    kept_in_family: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)


KEPT_IN_FAMILY = ("stayed_in_family", "returned_to_family")


def outcome_figures(*, municipality_ids: frozenset[int], year: int) -> list[OutcomeRow]:
    """Per service given (and "no service"), the children whose case closed in ``year`` and how
    many were kept in (or returned to) their family: "14 of 17 children kept in their family".
    A case's outcome counts for each of its children; one grouped query."""
    from django.db.models import Count

    from .models import CaseChild

    rows = (
        CaseChild.objects.filter(
            case__municipality__in=municipality_ids,
            case__status=CaseStatus.CLOSED,
            case__closed_on__year=year,
        )
        .values("case__referrals__service__name", "case__outcome")
        .annotate(n=Count("child", distinct=True))
        .order_by()
    )
    by_service: dict[str, OutcomeRow] = {}
    for row in rows:
        name = row["case__referrals__service__name"] or ""
        entry = by_service.setdefault(name, OutcomeRow(service=name))
        entry.children += row["n"]
        entry.by_outcome[row["case__outcome"]] = (
            entry.by_outcome.get(row["case__outcome"], 0) + row["n"]
        )
        if row["case__outcome"] in KEPT_IN_FAMILY:
            entry.kept_in_family += row["n"]
    return sorted(by_service.values(), key=lambda r: (r.service == "", r.service))


def placement_care_facts(child: Child, as_of: datetime.date) -> CareFacts | None:
    """The child's placement in effect on ``as_of`` as the jurisdiction engine's care facts:
    the municipality whose orphan's court decided it keeps responsibility (BTAL 67(4)). On the
    day a placement ends the child is back in the family, so it no longer counts."""
    placement = (
        Placement.objects.filter(child=child, placed_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .select_related("deciding_municipality")
        .order_by("-placed_on", "-pk")
        .first()
    )
    if placement is None:
        return None
    return CareFacts(decided_by=placement.deciding_municipality.atvk, since=placement.placed_on)
