"""Who sees and acts on the orphan's court's matters (docs/adr/0008-case-access.md).

* A **proceeding** is seen by the court running it and by the social service and coordinators
  of the case's municipality; only the court running it changes it.
* A **placement** is seen by the case team (whoever sees the case whole); an orphan's court
  taking part in the case places a child and ends the placement.
* **Preventive talks** are read by the case team and recorded by its orphan's court.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.cases.casework.access import CASE_MANAGERS, COURT_MEMBERS, case_policy
from sargs.cases.casework.models import Case
from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import IS_COURT_MEMBER
from sargs.organisations.principal import Principal

from .models import Placement, Proceeding

__all__ = ["IS_COURT_MEMBER", "placement_policy", "proceeding_policy"]


class ProceedingPolicy(Policy[Proceeding]):
    subject = "orphan's court matters: proceedings, decisions, judgments"
    permissions = (
        Permission("see", (COURT_MEMBERS, CASE_MANAGERS), scope="matter's court or case"),
        Permission("change", (COURT_MEMBERS,), scope="court running the matter"),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Proceeding]) -> QuerySet[Proceeding]:
        return queryset.filter(
            Q(court__in=COURT_MEMBERS.institutions(principal))
            | Q(case__municipality__in=CASE_MANAGERS.municipalities(principal))
        )

    def can_change(self, principal: Principal, obj: Proceeding) -> bool:
        return obj.court_id in COURT_MEMBERS.institutions(principal)


class PlacementPolicy(Policy[Placement]):
    subject = "out-of-family care placements"
    permissions = (
        Permission("see", also=("whoever sees the case whole",)),
        Permission(
            "change",
            (COURT_MEMBERS,),
            scope="court taking part in the case now (active membership)",
        ),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Placement]) -> QuerySet[Placement]:
        whole = case_policy.whole_cases(principal, Case.objects.all())
        return queryset.filter(case__in=whole.values("pk"))

    def can_change(self, principal: Principal, obj: Placement) -> bool:
        """An orphan's court taking part in the case now: the principal's court grants come
        from active memberships only, and an ended participation (``until``) no longer counts."""
        courts = COURT_MEMBERS.institutions(principal)
        return (
            bool(courts)
            and obj.case.participants.filter(institution__in=courts, until__isnull=True).exists()
        )


proceeding_policy = ProceedingPolicy()
placement_policy = PlacementPolicy()
