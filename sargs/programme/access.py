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

from sargs.core.grants import Grants
from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import COORDINATORS, IS_COORDINATOR, coordinated_municipalities
from sargs.organisations.principal import Principal
from sargs.organisations.roles import Role

from .models import Activity, Programme

__all__ = [
    "DRAFTS_PROGRAMME",
    "READS_PROGRAMME",
    "activity_policy",
    "coordinated_municipalities",
    "programme_policy",
    "sees_unsuppressed",
]

#: Anyone holding a role in an institution, national analysts excepted (they read the
#: assessment, not programmes).
PROGRAMME_READERS = Grants.of(
    "staff of an institution, councillor",
    dict.fromkeys(set(Role) - {Role.NATIONAL_ANALYST}),
    "any",
)


def sees_unsuppressed(principal: Principal, programme: Programme) -> bool:
    """Only the municipality's coordinators see small counts as they are."""
    return programme.municipality_id in coordinated_municipalities(principal)


#: Coordinators draft, approve, amend, run questionnaires and monitoring.
DRAFTS_PROGRAMME = IS_COORDINATOR
READS_PROGRAMME = PROGRAMME_READERS.rule


class ProgrammePolicy(Policy[Programme]):
    subject = "the programme, its versions and questionnaires"
    permissions = (
        Permission(
            "see",
            (PROGRAMME_READERS,),
            also=(
                "staff of an institution responsible for one of its activities",
                "the public: an approved programme, small counts suppressed",
            ),
        ),
        Permission("change", (COORDINATORS,)),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Programme]) -> QuerySet[Programme]:
        municipalities = self.municipalities(principal, "see")
        institutions = principal.institutions()
        if not municipalities and not institutions:
            return queryset.none()
        responsible = Activity.objects.filter(responsible__in=institutions).values(
            "version__programme"
        )
        return queryset.filter(Q(municipality__in=municipalities) | Q(pk__in=responsible))

    def can_change(self, principal: Principal, obj: Programme) -> bool:
        return obj.municipality_id in self.municipalities(principal, "change")


class ActivityPolicy(Policy[Activity]):
    """Activities of visible programmes; reported on by the responsible institution's staff
    (and the coordinators, who may record a report handed to them on paper)."""

    subject = "programme activities and their monitoring"
    permissions = (
        Permission("see", also=("whoever sees the programme",)),
        Permission("change", (COORDINATORS,), scope="programme's municipality"),
        Permission(
            "report",
            (COORDINATORS,),
            scope="programme's municipality",
            also=("staff of the responsible institution (any role)",),
        ),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Activity]) -> QuerySet[Activity]:
        programmes = programme_policy.visible(principal, Programme.objects.all())
        return queryset.filter(version__programme__in=programmes)

    def can_change(self, principal: Principal, obj: Activity) -> bool:
        return obj.version.programme.municipality_id in self.municipalities(principal, "change")

    def can_report(self, principal: Principal, obj: Activity) -> bool:
        return obj.responsible_id in principal.institutions() or self.can_change(principal, obj)


programme_policy = ProgrammePolicy()
activity_policy = ActivityPolicy()
