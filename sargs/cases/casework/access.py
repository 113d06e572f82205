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
from django.http import HttpRequest

from sargs.core.policy import Policy
from sargs.organisations.principal import Principal, principal_for
from sargs.organisations.roles import CHILD_DATA_ROLES, InstitutionType, Role

from .models import Case, CaseParticipant, Task, TimelineAudience, TimelineEntry

SOCIAL = InstitutionType.SOCIAL_SERVICE.value
COURT = InstitutionType.ORPHANS_COURT.value

# Role → institution types where holding it makes one a case manager of the municipality.
MANAGER_GRANTS: dict[Role, frozenset[str]] = {
    Role.COORDINATOR: frozenset({InstitutionType.ADMINISTRATION.value, SOCIAL}),
    Role.SOCIAL_WORKER: frozenset({SOCIAL}),
}


def manager_municipalities(principal: Principal) -> frozenset[int]:
    """Municipalities whose cases the principal sees whole and manages (triage, plans)."""
    return frozenset(
        g.municipality_id
        for g in principal.grants
        if g.municipality_id is not None
        and g.institution_type in MANAGER_GRANTS.get(g.role, frozenset())
    )


def court_institutions(principal: Principal) -> frozenset[int]:
    return frozenset(
        g.institution_id
        for g in principal.grants
        if g.role == Role.ORPHANS_COURT_MEMBER and g.institution_type == COURT
    )


# Roles through which an institution takes part in cases. A cooperation-group member reads
# children's data only through the meetings they attend (sargs.cooperation), never through the
# cases or concerns of the institution they come from.
CASE_ROLES = CHILD_DATA_ROLES - {Role.COOPERATION_GROUP_MEMBER}


def participant_institutions(principal: Principal) -> frozenset[int]:
    """Institutions in which the principal holds a role that takes part in cases."""
    return frozenset(g.institution_id for g in principal.grants if g.role in CASE_ROLES)


def institution_types(principal: Principal) -> frozenset[str]:
    return frozenset(g.institution_type for g in principal.grants if g.role in CASE_ROLES)


class SeesCases:
    """Access rule: a role that may see an individual child's data."""

    public = False
    description = "role that reads children's data"

    def allows(self, request: HttpRequest) -> bool:
        return principal_for(request).has_role(*CHILD_DATA_ROLES)


class ManagesCases:
    """Access rule: a social service social worker or a coordinator."""

    public = False
    description = "case manager (social service social worker, coordinator)"

    def allows(self, request: HttpRequest) -> bool:
        return bool(manager_municipalities(principal_for(request)))


class IsCoordinator:
    """Access rule: a child-rights coordinator (outcome figures of their municipalities)."""

    public = False
    description = "coordinator"

    def allows(self, request: HttpRequest) -> bool:
        return principal_for(request).has_role(Role.COORDINATOR)


IS_COORDINATOR = IsCoordinator()


SEES_CASES = SeesCases()
MANAGES_CASES = ManagesCases()


def _active_participation(institutions: frozenset[int]) -> Exists:
    return Exists(
        CaseParticipant.objects.filter(
            case=OuterRef("pk"), institution__in=institutions, until__isnull=True
        )
    )


def _transferred_to(municipalities: frozenset[int]) -> Exists:
    """The case a child came from, for the municipality that took the child over (read only;
    docs/adr/0006)."""
    from .transfer_models import CaseTransfer

    return Exists(
        CaseTransfer.objects.filter(
            from_case=OuterRef("pk"), to_case__municipality__in=municipalities
        )
    )


class CasePolicy(Policy[Case]):
    def visible(self, principal: Principal, queryset: QuerySet[Case]) -> QuerySet[Case]:
        """Cases the principal sees at all (whole or in part)."""
        institutions = participant_institutions(principal)
        if not institutions:
            return queryset.none()
        managers = manager_municipalities(principal)
        return queryset.filter(
            Q(municipality__in=managers)
            | _active_participation(institutions)
            | _transferred_to(managers)
        )

    def sees_whole(self, principal: Principal, case: Case) -> bool:
        managers = manager_municipalities(principal)
        if case.municipality_id in managers:
            return True
        if managers and case.transfers_out.filter(to_case__municipality__in=managers).exists():
            return True
        courts = court_institutions(principal)
        return (
            bool(courts)
            and case.participants.filter(institution__in=courts, until__isnull=True).exists()
        )

    def whole_cases(self, principal: Principal, queryset: QuerySet[Case]) -> QuerySet[Case]:
        managers = manager_municipalities(principal)
        return queryset.filter(
            Q(municipality__in=managers)
            | _active_participation(court_institutions(principal))
            | _transferred_to(managers)
        )

    def can_change(self, principal: Principal, obj: Case) -> bool:
        """Assess, plan, assign tasks, involve institutions, close: the case's managers."""
        return obj.municipality_id in manager_municipalities(principal)

    def timeline(
        self, principal: Principal, case: Case, queryset: QuerySet[TimelineEntry]
    ) -> QuerySet[TimelineEntry]:
        """The case's entries the principal may read."""
        queryset = queryset.filter(case=case)
        if self.sees_whole(principal, case):
            return queryset
        institutions = participant_institutions(principal)
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
    def visible(self, principal: Principal, queryset: QuerySet[Task]) -> QuerySet[Task]:
        """Tasks of cases seen whole, and tasks assigned to the principal's institutions."""
        institutions = participant_institutions(principal)
        if not institutions:
            return queryset.none()
        whole = case_policy.whole_cases(principal, Case.objects.all())
        return queryset.filter(Q(institution__in=institutions) | Q(case__in=whole.values("pk")))

    def can_change(self, principal: Principal, obj: Task) -> bool:
        """The assigned institution reports the task done; the case's managers too."""
        return obj.institution_id in participant_institutions(principal) or (
            obj.case.municipality_id in manager_municipalities(principal)
        )


case_policy = CasePolicy()
task_policy = TaskPolicy()
