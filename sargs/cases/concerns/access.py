"""Who sees concerns and alerts (docs/adr/0008-case-access.md).

A concern is seen by its reporting institution, by the social service and coordinators of its
municipality (who triage it), by the orphan's courts alerted about it, and by the team of the
case it went into (those who see the case whole). Seeing part of a case (a timeline entry or a
task addressed to one's institution) never opens its concerns: a school, a provider or another
municipality's task holder reads only the concerns it reported. The reporter's name is shown to
the case team only.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from sargs.cases.casework.access import (
    CASE_MANAGERS,
    CASE_PARTICIPANTS,
    COURT_MEMBERS,
    SOCIAL,
    case_policy,
)
from sargs.core.policy import Permission, Policy
from sargs.organisations.principal import Principal
from sargs.organisations.roles import Role

from .models import Alert, Concern


def social_institutions(principal: Principal) -> frozenset[int]:
    """The social services in which the principal is a social worker or coordinator."""
    return frozenset(
        g.institution_id
        for g in principal.grants
        if g.institution_type == SOCIAL and g.role in (Role.SOCIAL_WORKER, Role.COORDINATOR)
    )


class ConcernPolicy(Policy[Concern]):
    subject = "concerns about a child and their triage"
    permissions = (
        Permission("see", (CASE_MANAGERS,), also=("whoever sees the case it went into whole",)),
        Permission("see as its reporter", (CASE_PARTICIPANTS,), scope="reporting institution"),
        Permission(
            "see when alerted",
            (COURT_MEMBERS, CASE_MANAGERS),
            scope="alerted court or social service",
        ),
        Permission("triage", (CASE_MANAGERS,)),
        Permission(
            "see the reporter's name",
            (CASE_MANAGERS,),
            also=("an orphan's court alerted about it or seeing its case whole",),
        ),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Concern]) -> QuerySet[Concern]:
        institutions = CASE_PARTICIPANTS.institutions(principal)
        if not institutions:
            return queryset.none()
        # Alerted: the courts, and the social service of the responsible municipality when the
        # child lives elsewhere (BTAL 67(5)/(7), docs/adr/0006): they must know.
        alerted = Alert.objects.filter(
            concern=OuterRef("pk"),
            recipient__in=COURT_MEMBERS.institutions(principal) | social_institutions(principal),
        )
        return queryset.filter(
            Q(reporting_institution__in=institutions)
            | Q(municipality__in=CASE_MANAGERS.municipalities(principal))
            | case_policy.whole_q(principal, "case__")
            | Exists(alerted)
        )

    def reported(self, principal: Principal, queryset: QuerySet[Concern]) -> QuerySet[Concern]:
        """The concerns the principal's institutions reported: all of them visible (the first
        rule of ``visible``), so read from the reporter's index alone, without the other
        rules' join to every case (issue 20)."""
        institutions = CASE_PARTICIPANTS.institutions(principal)
        if not institutions:
            return queryset.none()
        return queryset.filter(reporting_institution__in=institutions)

    def can_change(self, principal: Principal, obj: Concern) -> bool:
        """Triage: the social service and coordinators of the concern's municipality."""
        return obj.municipality_id in CASE_MANAGERS.municipalities(principal)

    def sees_reporter(self, principal: Principal, concern: Concern) -> bool:
        """The reporter's name: the triaging social service and the orphan's courts alerted
        or taking part in the case; everyone else sees the institution type only."""
        if concern.municipality_id in CASE_MANAGERS.municipalities(principal):
            return True
        courts = COURT_MEMBERS.institutions(principal)
        if not courts:
            return False
        if concern.case is not None and case_policy.sees_whole(principal, concern.case):
            return True
        return concern.alerts.filter(recipient__in=courts).exists()


class AlertPolicy(Policy[Alert]):
    subject = "alerts about a concern"
    permissions = (
        Permission("see", (CASE_PARTICIPANTS,), scope="alerted institution"),
        Permission("acknowledge", (CASE_PARTICIPANTS,), scope="alerted institution"),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Alert]) -> QuerySet[Alert]:
        return queryset.filter(recipient__in=CASE_PARTICIPANTS.institutions(principal))

    def can_change(self, principal: Principal, obj: Alert) -> bool:
        return obj.recipient_id in CASE_PARTICIPANTS.institutions(principal)


concern_policy = ConcernPolicy()
alert_policy = AlertPolicy()
