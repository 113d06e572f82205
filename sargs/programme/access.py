"""Who does what with the programme (docs/adr/0011-programme.md).

* The municipality's **coordinators** draft and edit the programme, record the council's
  approval, amend it, run questionnaires, set up monitoring and override a computed status.
* **Staff of the municipality's institutions** (any role) and **councillors** read the
  programme: it holds no child data. Staff of a responsible institution outside the
  municipality (an NGO, a State Police unit) read the programmes they have activities in.
* **Responsible institutions' staff** report monitoring for their own activities only.
* The **public** reads an approved programme and its progress, with small counts suppressed,
  and answers open questionnaires by their link.

Another municipality's programme is not found (404); a reader who tries to edit is refused
(403).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.core.policy import Policy
from sargs.organisations.principal import Principal, PrincipalRule
from sargs.organisations.roles import Role

from .models import Activity, Programme


def coordinated_municipalities(principal: Principal) -> frozenset[int]:
    return principal.municipalities(Role.COORDINATOR)


def sees_unsuppressed(principal: Principal, programme: Programme) -> bool:
    """Only the municipality's coordinators see small counts as they are."""
    return programme.municipality_id in coordinated_municipalities(principal)


class DraftsProgramme(PrincipalRule):
    description = "child rights coordinator"

    def check(self, principal: Principal) -> bool:
        return bool(coordinated_municipalities(principal))


class ReadsProgramme(PrincipalRule):
    """Anyone holding a role in an institution (national analysts excepted)."""

    description = "staff of an institution, councillor"

    def check(self, principal: Principal) -> bool:
        return any(g.role != Role.NATIONAL_ANALYST for g in principal.grants)


DRAFTS_PROGRAMME = DraftsProgramme()
READS_PROGRAMME = ReadsProgramme()


class ProgrammePolicy(Policy[Programme]):
    def visible(self, principal: Principal, queryset: QuerySet[Programme]) -> QuerySet[Programme]:
        municipalities = principal.municipalities()
        institutions = principal.institutions()
        if not municipalities and not institutions:
            return queryset.none()
        responsible = Activity.objects.filter(responsible__in=institutions).values(
            "version__programme"
        )
        return queryset.filter(Q(municipality__in=municipalities) | Q(pk__in=responsible))

    def can_change(self, principal: Principal, obj: Programme) -> bool:
        return obj.municipality_id in coordinated_municipalities(principal)


class ActivityPolicy(Policy[Activity]):
    """Activities of visible programmes; reported on by the responsible institution's staff
    (and the coordinators, who may record a report handed to them on paper)."""

    def visible(self, principal: Principal, queryset: QuerySet[Activity]) -> QuerySet[Activity]:
        programmes = programme_policy.visible(principal, Programme.objects.all())
        return queryset.filter(version__programme__in=programmes)

    def can_change(self, principal: Principal, obj: Activity) -> bool:
        return obj.version.programme.municipality_id in coordinated_municipalities(principal)

    def can_report(self, principal: Principal, obj: Activity) -> bool:
        return obj.responsible_id in principal.institutions() or self.can_change(principal, obj)


programme_policy = ProgrammePolicy()
activity_policy = ActivityPolicy()
