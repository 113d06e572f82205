"""Who sees cases and tasks (docs/adr/0008-case-access.md); the building blocks every
sub-area of sargs.cases uses to say who manages, takes part in or judges a case.

* The **case team** sees a whole case: the social workers (in the social service) and the
  child-rights coordinators of the case's municipality, and the members of an orphan's court
  taking part in the case.
* Every other **participating institution** (the school or police that reported, a provider,
  an institution given a task, also of another municipality) sees the case only through the
  timeline entries addressed to it or its type, and the tasks assigned to it; never the
  case's concerns (only those it reported itself).
* A **cooperation-group member** takes part in no case through that role: children reach
  them only on the agendas of the meetings they attend.
* Concerns (``sargs.cases.concerns.access``), referrals and the orphan's court's matters
  build on the same helpers.
* Another municipality's records are not found (404); roles that never see children's data
  (councillors, national analysts, administrators) are refused at the door (403).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from sargs.core.grants import Grants
from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import (
    CASE_MANAGERS,
    CHILD_DATA_STAFF,
    COURT_MEMBERS,
    IS_COORDINATOR,
    MANAGES_CASES,
)
from sargs.organisations.principal import Principal
from sargs.organisations.roles import CHILD_DATA_ROLES, InstitutionType, Role

from .models import Case, CaseParticipant, Task, TimelineAudience, TimelineEntry

SOCIAL = InstitutionType.SOCIAL_SERVICE.value

#: Roles through which an institution takes part in cases. A cooperation-group member reads
#: children's data only through the meetings they attend (sargs.cooperation), never through the
#: cases or concerns of the institution they come from.
CASE_PARTICIPANTS = Grants.of(
    "role that takes part in cases (not a cooperation-group member)",
    dict.fromkeys(CHILD_DATA_ROLES - {Role.COOPERATION_GROUP_MEMBER}),
    "any",
)

#: View rules of every cases sub-area.
SEES_CASES = CHILD_DATA_STAFF.rule

__all__ = [
    "CASE_MANAGERS",
    "CASE_PARTICIPANTS",
    "COURT_MEMBERS",
    "IS_COORDINATOR",
    "MANAGES_CASES",
    "SEES_CASES",
    "case_policy",
    "task_policy",
]


def institution_types(principal: Principal) -> frozenset[str]:
    """Kinds of institution in which the principal takes part in cases."""
    return frozenset(
        g.institution_type
        for g in principal.grants
        if CASE_PARTICIPANTS.covers(g.role, g.institution_type, national=g.municipality_id is None)
    )


def _active_participation(institutions: frozenset[int], case: str = "pk") -> Exists:
    return Exists(
        CaseParticipant.objects.filter(
            case=OuterRef(case), institution__in=institutions, until__isnull=True
        )
    )


def _transferred_to(municipalities: frozenset[int], case: str = "pk") -> Exists:
    """The case a child came from, for the municipality that took the child over (read only;
    docs/adr/0006)."""
    from .transfer_models import CaseTransfer

    return Exists(
        CaseTransfer.objects.filter(
            from_case=OuterRef(case), to_case__municipality__in=municipalities
        )
    )


def _nothing() -> Q:
    """A condition no row meets (dropped from an OR; an empty result on its own)."""
    return Q(pk__in=[])


class CasePolicy(Policy[Case]):
    subject = "cases: participants, timeline, assessments, plans, closure"
    permissions = (
        Permission(
            "see whole",
            (CASE_MANAGERS,),
            also=(
                "the case managers of the municipality the child was handed over to (read only)",
            ),
        ),
        Permission("see whole as its court", (COURT_MEMBERS,), scope="court taking part now"),
        Permission(
            "see in part",
            (CASE_PARTICIPANTS,),
            scope="institution taking part in the case now",
            also=("timeline entries addressed to the institution or its kind only",),
        ),
        Permission("change", (CASE_MANAGERS,)),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Case]) -> QuerySet[Case]:
        """Cases the principal sees at all (whole or in part).

        The institutions' participations and the transfers are ``pk IN (their cases)``, not
        EXISTS per case: PostgreSQL hashes each list once either way, but prices an EXISTS in
        an OR as run for every case, and so walked every open case of the country through an
        index and its table for the API's count (200,000 buffers at tenfold scale) instead of
        one scan, and sorted every case seen for a page instead of walking the index of open
        cases by opening date until the page is full (issue 20)."""
        from .transfer_models import CaseTransfer

        institutions = CASE_PARTICIPANTS.institutions(principal)
        if not institutions:
            return queryset.none()
        managers = CASE_MANAGERS.municipalities(principal)
        participating = CaseParticipant.objects.filter(
            institution__in=institutions, until__isnull=True
        ).values("case")
        condition = Q(municipality__in=managers) | Q(pk__in=participating)
        if managers:
            transferred = CaseTransfer.objects.filter(to_case__municipality__in=managers).values(
                "from_case"
            )
            condition |= Q(pk__in=transferred)
        return queryset.filter(condition)

    def sees_whole(self, principal: Principal, case: Case) -> bool:
        managers = CASE_MANAGERS.municipalities(principal)
        if case.municipality_id in managers:
            return True
        if managers and case.transfers_out.filter(to_case__municipality__in=managers).exists():
            return True
        courts = COURT_MEMBERS.institutions(principal)
        return (
            bool(courts)
            and case.participants.filter(institution__in=courts, until__isnull=True).exists()
        )

    def whole_cases(self, principal: Principal, queryset: QuerySet[Case]) -> QuerySet[Case]:
        return queryset.filter(self.whole_q(principal))

    def whole_q(self, principal: Principal, path: str = "") -> Q:
        """The cases seen whole, as a condition on the case reached through ``path``
        (``"case__"`` from a task or a concern): the case's own municipality, and an EXISTS
        for a court's participation or a transfer only when the principal has a court or
        manages cases. Joined to the row it filters, never ``case IN (every case seen whole)``,
        which reads every case of the municipality for each list (issue 20)."""
        managers = CASE_MANAGERS.municipalities(principal)
        courts = COURT_MEMBERS.institutions(principal)
        case = f"{path}pk"
        condition = _nothing()
        if managers:
            condition |= Q(**{f"{path}municipality__in": managers})
            condition |= Q(_transferred_to(managers, case))
        if courts:
            condition |= Q(_active_participation(courts, case))
        return condition

    def can_change(self, principal: Principal, obj: Case) -> bool:
        """Assess, plan, assign tasks, involve institutions, close: the case's managers."""
        return obj.municipality_id in self.municipalities(principal, "change")

    def timeline(
        self, principal: Principal, case: Case, queryset: QuerySet[TimelineEntry]
    ) -> QuerySet[TimelineEntry]:
        """The case's entries the principal may read."""
        queryset = queryset.filter(case=case)
        if self.sees_whole(principal, case):
            return queryset
        institutions = CASE_PARTICIPANTS.institutions(principal)
        types = institution_types(principal) & set(
            case.participants.filter(institution__in=institutions, until__isnull=True).values_list(
                "institution__type", flat=True
            )
        )
        addressed = TimelineAudience.objects.filter(entry=OuterRef("pk")).filter(
            Q(institution__in=institutions) | Q(institution_type__in=types)
        )
        return queryset.filter(Exists(addressed))


class TaskPolicy(Policy[Task]):
    subject = "tasks of a case and the worklist"
    permissions = (
        Permission(
            "see",
            (CASE_PARTICIPANTS,),
            scope="assigned institution",
            also=("whoever sees the case whole",),
        ),
        Permission(
            "change",
            (CASE_PARTICIPANTS,),
            scope="assigned institution",
            also=("the case managers of the case's municipality",),
        ),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Task]) -> QuerySet[Task]:
        """Tasks of cases seen whole, and tasks assigned to the principal's institutions."""
        institutions = CASE_PARTICIPANTS.institutions(principal)
        if not institutions:
            return queryset.none()
        return queryset.filter(
            Q(institution__in=institutions) | case_policy.whole_q(principal, "case__")
        )

    def can_change(self, principal: Principal, obj: Task) -> bool:
        """The assigned institution reports the task done; the case's managers too."""
        return obj.institution_id in CASE_PARTICIPANTS.institutions(principal) or (
            obj.case.municipality_id in CASE_MANAGERS.municipalities(principal)
        )


case_policy = CasePolicy()
task_policy = TaskPolicy()
