"""Reads of the orphan's court's matters, talks and placements, always through the
policies; the placement facts the jurisdiction engine reads; and the support record for the
court: per problem identified, whether the plan covered it, which services were actually given
and for how long, and the gaps. The Supreme Court's test (domain.md §6): support must follow
an individual plan covering the main problems; fragmentary support is inadequate."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from sargs.cases.casework.access import CASE_MANAGERS, COURT_MEMBERS
from sargs.cases.casework.models import Assessment, Case, CaseStatus, SupportArea
from sargs.cases.referrals.models import Referral, ReferralStatus
from sargs.cases.referrals.selectors import referral_hours
from sargs.jurisdiction.facts import CareFacts
from sargs.organisations.models import Institution
from sargs.organisations.principal import Principal
from sargs.registry.custody_grounds import law_text
from sargs.registry.models import Child, ChildRepresentative, RepresentativeRole

from .access import placement_policy, proceeding_policy
from .models import DeprivationReview, Placement, PreventiveTalk, Proceeding, ProceedingStatus

# --- Proceedings ---------------------------------------------------------------------------------


def _proceedings() -> QuerySet[Proceeding]:
    return Proceeding.objects.select_related(
        "case", "court", "custody_relation__representative", "custody_relation__child"
    ).prefetch_related("case__children", "judgments__relation__representative")


def proceeding_list(*, principal: Principal, decided: bool = False) -> QuerySet[Proceeding]:
    """The matters the principal sees: open ones (by the term for the decision) or decided."""
    statuses = (
        (ProceedingStatus.DECIDED,) if decided else (ProceedingStatus.OPEN, ProceedingStatus.WARNED)
    )
    return (
        proceeding_policy.visible(principal, _proceedings())
        .filter(status__in=statuses)
        .order_by("decision_due", "pk")
    )


def remedy_terms(*, principal: Principal) -> QuerySet[Proceeding]:
    """Open matters where the court gave the parents a term to remedy, the nearest end first."""
    return (
        proceeding_list(principal=principal)
        .filter(status=ProceedingStatus.WARNED, remedy_until__isnull=False)
        .order_by("remedy_until", "pk")
    )


def open_deprivation_reviews(*, principal: Principal) -> QuerySet[DeprivationReview]:
    """One-year reviews after a suspension of custody (Civil Law 203) not yet settled, on the
    matters the principal sees, the nearest deadline first."""
    proceedings = proceeding_policy.visible(principal, Proceeding.objects.all())
    return (
        DeprivationReview.objects.filter(settled_on__isnull=True, proceeding__in=proceedings)
        .select_related("proceeding__case", "relation__representative", "task")
        .order_by("task__due_on", "pk")
    )


def proceeding_get(*, principal: Principal, pk: int) -> Proceeding:
    """One matter the principal sees; 404 otherwise."""
    return proceeding_policy.get_visible_or_404(principal, _proceedings(), pk=pk)


def proceeding_parents(*, proceeding: Proceeding) -> QuerySet[ChildRepresentative]:
    """The mothers and fathers of the case's children: whose custody a decision is about."""
    return (
        ChildRepresentative.objects.filter(
            child__in=proceeding.case.children.all(),
            role__in=[RepresentativeRole.MOTHER, RepresentativeRole.FATHER],
        )
        .select_related("representative", "child")
        .order_by("child_id", "role", "pk")
    )


# --- Preventive talks ----------------------------------------------------------------------------


def talk_list(*, case: Case) -> QuerySet[PreventiveTalk]:
    """The case's preventive talks, the latest first (the caller checked the case team)."""
    return case.talks.select_related("court", "recorded_by").order_by("-held_on", "-pk")


def courts_for_case(*, principal: Principal, case: Case) -> QuerySet[Institution]:
    """The principal's orphan's courts of the case's municipality: those that may open a
    matter or record a talk in the case."""
    return Institution.objects.filter(
        pk__in=COURT_MEMBERS.institutions(principal), municipality_id=case.municipality_id
    )


# --- Placements ----------------------------------------------------------------------------------


def placement_list(*, principal: Principal) -> QuerySet[Placement]:
    """Placements in the cases the principal sees whole."""
    return placement_policy.visible(principal, Placement.objects.all())


def placement_get(*, principal: Principal, pk: int) -> Placement:
    """One placement the principal sees; 404 otherwise."""
    return placement_policy.get_visible_or_404(
        principal, Placement.objects.select_related("case"), pk=pk
    )


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


# --- The support record for the court ----------------------------------------------------------

SERVICE_GIVEN = (
    ReferralStatus.IN_PROGRESS.value,
    ReferralStatus.COMPLETED.value,
    ReferralStatus.ENDED.value,
)


@dataclass
class ServiceGiven:
    referral: Referral
    hours: Decimal


@dataclass
class ProblemRow:
    area: str
    label: str
    rating: int
    rating_label: str
    goals: list[str] = field(default_factory=list)
    services: list[ServiceGiven] = field(default_factory=list)

    @property
    def has_goal(self) -> bool:
        return bool(self.goals)

    @property
    def has_service(self) -> bool:
        return bool(self.services)

    @property
    def is_gap(self) -> bool:
        return not (self.has_goal and self.has_service)


@dataclass
class SupportRecord:
    case: Case
    assessment: Assessment | None
    problems: list[ProblemRow]
    services: list[ServiceGiven]

    @property
    def gaps(self) -> list[ProblemRow]:
        return [p for p in self.problems if p.is_gap]


def support_record(*, case: Case) -> SupportRecord:
    """The support record for the court (issue 4, part 6). Problems are the areas the latest
    assessment rated as a need; a goal counts from any plan version; a service counts once work
    began (in progress, completed or ended)."""
    assessment = case.assessments.prefetch_related("areas").order_by("-assessed_on", "-pk").first()
    labels = dict(SupportArea.choices)
    goals: dict[str, list[str]] = {}
    for plan in case.plans.prefetch_related("goals").order_by("version"):
        for goal in plan.goals.all():
            if goal.goal not in goals.setdefault(goal.area, []):
                goals[goal.area].append(goal.goal)
    given = [
        ServiceGiven(referral=r, hours=referral_hours(r))
        for r in case.referrals.filter(status__in=SERVICE_GIVEN)
        .select_related("service", "provider")
        .prefetch_related("sessions")
        .order_by("started_on", "pk")
    ]
    problems = []
    if assessment is not None:
        for area in sorted(assessment.areas.all(), key=lambda a: SupportArea.values.index(a.area)):
            if area.rating < 1:
                continue
            problems.append(
                ProblemRow(
                    area=area.area,
                    label=str(labels[area.area]),
                    rating=area.rating,
                    rating_label=str(area.get_rating_display()),
                    goals=goals.get(area.area, []),
                    services=[s for s in given if area.area in s.referral.areas],
                )
            )
    return SupportRecord(case=case, assessment=assessment, problems=problems, services=given)


# --- The matter's safeguards (issue 16) --------------------------------------------------------


def member_courts(*, principal: Principal) -> QuerySet[Institution]:
    """The principal's orphan's courts (whose foster family registers they keep)."""
    return Institution.objects.filter(
        pk__in=COURT_MEMBERS.institutions(principal), municipality__isnull=False
    ).order_by("name")


def proceeding_safeguards(*, proceeding: Proceeding) -> dict[str, object]:
    """What the matter's page shows beside the steps: the ground in the law's words, the
    children and parents whose disability is recorded (never a ground), the urgent reason,
    the support records attached and the gaps of the support record today."""
    children = list(proceeding.case.children.all())
    record = support_record(case=proceeding.case)
    return {
        "ground_law_text": law_text(proceeding.custody_grounds),
        "disabled_children": [c for c in children if c.has_disability],
        "attached_support_records": list(proceeding.support_records.all()),
        "support_gaps": record.gaps,
        "support_problems": len(record.problems),
    }


# --- Support that must go on (domain.md §6) -----------------------------------------------------


@dataclass
class UnsupportedProblem:
    case: Case
    area: str
    label: str
    since: datetime.date  # no active service since this day


def _uncovered_areas(case: Case, today: datetime.date, days: int) -> list[UnsupportedProblem]:
    plans = sorted(case.plans.all(), key=lambda p: p.version)
    if not plans:
        return []
    plan = plans[-1]
    labels = dict(SupportArea.choices)
    found = []
    for goal in plan.goals.all():
        covering = [r for r in case.referrals.all() if goal.area in (r.areas or [])]
        if any(r.status == ReferralStatus.IN_PROGRESS for r in covering):
            continue
        ends = [r.ended_on for r in covering if r.ended_on is not None]
        since = max([timezone.localdate(plan.created_at), *ends])
        if (today - since).days >= days:
            found.append(
                UnsupportedProblem(
                    case=case, area=goal.area, label=str(labels[goal.area]), since=since
                )
            )
    return found


def unsupported_problems(
    *, principal: Principal, case: Case | None = None
) -> list[UnsupportedProblem]:
    """Problems the current plan of an open case names with no service in progress for at
    least ``settings.SUPPORT_GAP_DAYS`` days (since the plan, or since the last service for
    that problem ended): support must go on while its reasons last. For the case's social
    worker and the municipality's coordinators and social service (the case managers)."""
    cases = Case.objects.filter(
        status=CaseStatus.OPEN, municipality__in=CASE_MANAGERS.municipalities(principal)
    )
    if case is not None:
        cases = cases.filter(pk=case.pk)
    cases = cases.prefetch_related("plans__goals", "referrals").order_by("opened_on", "pk")
    today = timezone.localdate()
    return [
        problem for c in cases for problem in _uncovered_areas(c, today, settings.SUPPORT_GAP_DAYS)
    ]


# --- Data subjects' requests (sargs.subjects) --------------------------------------------------
def court_records_about(
    *, case_ids: list[int], relation_ids: list[int], child: Child | None
) -> list[Any]:
    """The orphan's court's records about a person: the matters of their cases or about their
    custody relations, decisions and judgments, one-year reviews, preventive talks, the
    child's placements and crisis team calls. Reads only."""
    from .crisis_models import CrisisCall
    from .models import CourtJudgment, SupportRecordAttachment

    proceedings = list(
        Proceeding.objects.filter(Q(case_id__in=case_ids) | Q(custody_relation_id__in=relation_ids))
        .select_related("court", "opened_by")
        .order_by("pk")
    )
    records: list[Any] = list(proceedings)
    records += list(
        CourtJudgment.objects.filter(
            Q(proceeding__in=proceedings) | Q(relation_id__in=relation_ids)
        ).order_by("pk")
    )
    records += list(
        DeprivationReview.objects.filter(
            Q(proceeding__in=proceedings) | Q(relation_id__in=relation_ids)
        ).order_by("pk")
    )
    records += list(
        SupportRecordAttachment.objects.filter(proceeding__in=proceedings)
        .defer("content")
        .order_by("pk")
    )
    records += list(PreventiveTalk.objects.filter(case_id__in=case_ids).order_by("pk"))
    if child is not None:
        records += list(Placement.objects.filter(child=child).order_by("pk"))
    records += list(CrisisCall.objects.filter(case_id__in=case_ids).order_by("pk"))
    return records
