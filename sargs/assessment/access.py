"""Who takes part in the annual situation assessment (docs/adr/0012-situation-assessment.md).

* **Reporters**: staff of an institution that reports an indicator (its type is the
  definition's ``reporter_type``) fill and submit their own institution's submissions; any
  role held *in that institution* counts, because the person who fills in the school's
  absence figures is whoever the school designates.
* **Coordinators** of a municipality open reporting periods, return or approve the
  submissions of their municipality's institutions, freeze the assessment, write the findings
  and produce the report. They see their municipality's figures unsuppressed.
* **Readers of aggregates** (councillors of the municipality, national analysts for every
  municipality) see the dashboard and the report with counts 1–4 suppressed; the national
  view also shows other municipalities suppressed to everyone.

Another municipality's submissions are not found (404); a reporter who tries to approve is
refused (403).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.core.access import Holds
from sargs.core.grants import Grants
from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import (
    COORDINATORS,
    COUNCILLORS,
    IS_COORDINATOR,
    NATIONAL_ADMINISTRATORS,
    NATIONAL_ANALYSTS,
    coordinated_municipalities,
)
from sargs.organisations.models import Municipality
from sargs.organisations.principal import Principal
from sargs.organisations.roles import Role

from .catalogue import INDICATORS
from .models import Assessment, Submission

__all__ = [
    "COORDINATES_ASSESSMENT",
    "IMPORTS_POPULATION",
    "READS_ASSESSMENT",
    "REPORTS_IN_ASSESSMENT",
    "TAKES_PART_IN_ASSESSMENT",
    "assessment_policy",
    "coordinated_municipalities",
    "dashboard_municipalities",
    "population_municipalities",
    "reporter_institutions",
    "sees_unsuppressed",
    "submission_policy",
]

# Readers of aggregates: the municipality's councillors and its cooperation group's members
# (issue 17: the group works from the indicator dashboard, aggregated and suppressed).
AGGREGATE_READERS = Grants.of(
    "councillor or cooperation group member",
    {**COUNCILLORS.by_role, Role.COOPERATION_GROUP_MEMBER: None},
    "municipal",
)

# The institution types the catalogue names as reporters; staff of other institutions (a
# council, an NGO, a health care institution) have nothing to report.
REPORTER_TYPES = frozenset(str(spec.reporter.value) for spec in INDICATORS if spec.reporter)
#: Any role held in an institution of a reporting type: whoever the school designates fills
#: in its figures.
REPORTERS = Grants.of(
    "staff of a reporting institution", dict.fromkeys(Role, REPORTER_TYPES), "any"
)


def reporting_institutions(principal: Principal) -> frozenset[int]:
    """Institutions the principal may report for: every institution they hold a role in."""
    return frozenset(g.institution_id for g in principal.grants)


def reporter_institutions(principal: Principal) -> frozenset[int]:
    """Institutions the principal reports for: those of a reporting type they work in."""
    return REPORTERS.institutions(principal)


def dashboard_municipalities(principal: Principal) -> QuerySet[Municipality]:
    """Municipalities whose assessment figures the principal may read (own, or all)."""
    if NATIONAL_ANALYSTS.held_by(principal):
        return Municipality.objects.current()
    ids = coordinated_municipalities(principal) | AGGREGATE_READERS.municipalities(principal)
    return Municipality.objects.filter(pk__in=ids)


def sees_unsuppressed(principal: Principal, municipality_id: int) -> bool:
    """Only the municipality's own coordinators see small counts as they are."""
    return municipality_id in coordinated_municipalities(principal)


def population_municipalities(principal: Principal) -> frozenset[int] | None:
    """Whose child population the principal may import: every municipality (None) for a
    national administrator, otherwise the municipalities they coordinate."""
    if NATIONAL_ADMINISTRATORS.held_by(principal):
        return None
    return coordinated_municipalities(principal)


#: Coordinators open periods, decide submissions, freeze, write findings, produce the report.
COORDINATES_ASSESSMENT = IS_COORDINATOR
#: Reporters (anyone working in an institution) and coordinators.
TAKES_PART_IN_ASSESSMENT = Holds(
    "institution staff or coordinator",
    lambda p: bool(p.grants) and not NATIONAL_ANALYSTS.held_by(p),
)
#: Coordinators, councillors and national analysts.
READS_ASSESSMENT = IS_COORDINATOR | AGGREGATE_READERS.rule | NATIONAL_ANALYSTS.rule
#: Staff of an institution that reports an indicator, and coordinators.
REPORTS_IN_ASSESSMENT = REPORTERS.rule | IS_COORDINATOR
#: Coordinators for their municipalities, national administrators for all.
IMPORTS_POPULATION = IS_COORDINATOR | NATIONAL_ADMINISTRATORS.rule


class SubmissionPolicy(Policy[Submission]):
    """Visible to the institution's own staff and the municipality's coordinators; changed
    (filled, submitted) by the institution's staff; decided by coordinators."""

    subject = "indicator submissions"
    permissions = (
        Permission("see", (COORDINATORS,), also=("staff of the reporting institution (any role)",)),
        Permission("change", also=("staff of the reporting institution (any role)",)),
        Permission("decide", (COORDINATORS,)),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Submission]) -> QuerySet[Submission]:
        return queryset.filter(
            Q(institution__in=reporting_institutions(principal))
            | Q(municipality__in=self.municipalities(principal, "see"))
        )

    def can_change(self, principal: Principal, obj: Submission) -> bool:
        return obj.institution_id in reporting_institutions(principal)

    def can_decide(self, principal: Principal, obj: Submission) -> bool:
        return obj.municipality_id in self.municipalities(principal, "decide")


class AssessmentPolicy(Policy[Assessment]):
    """Coordinators work on their municipality's assessment; aggregate readers read it."""

    subject = "the annual assessment (figures, findings, report)"
    permissions = (
        Permission("see", (COORDINATORS, AGGREGATE_READERS, NATIONAL_ANALYSTS)),
        Permission("change", (COORDINATORS,)),
        Permission("see unsuppressed", (COORDINATORS,)),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
        return queryset.filter(municipality__in=dashboard_municipalities(principal))

    def can_change(self, principal: Principal, obj: Assessment) -> bool:
        return obj.municipality_id in self.municipalities(principal, "change")


submission_policy = SubmissionPolicy()
assessment_policy = AssessmentPolicy()
