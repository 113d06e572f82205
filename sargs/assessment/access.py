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

from sargs.core.policy import Policy
from sargs.organisations.models import Municipality
from sargs.organisations.principal import Principal, PrincipalRule
from sargs.organisations.roles import Role

from .catalogue import INDICATORS
from .models import Assessment, Submission

COORDINATOR_ROLES = (Role.COORDINATOR,)
AGGREGATE_READER_ROLES = (Role.COUNCILLOR,)


def coordinated_municipalities(principal: Principal) -> frozenset[int]:
    return principal.municipalities(*COORDINATOR_ROLES)


def reporting_institutions(principal: Principal) -> frozenset[int]:
    """Institutions the principal may report for: every institution they hold a role in."""
    return frozenset(g.institution_id for g in principal.grants)


def dashboard_municipalities(principal: Principal) -> QuerySet[Municipality]:
    """Municipalities whose assessment figures the principal may read (own, or all)."""
    if principal.is_national(Role.NATIONAL_ANALYST):
        return Municipality.objects.current()
    ids = coordinated_municipalities(principal) | principal.municipalities(*AGGREGATE_READER_ROLES)
    return Municipality.objects.filter(pk__in=ids)


def sees_unsuppressed(principal: Principal, municipality_id: int) -> bool:
    """Only the municipality's own coordinators see small counts as they are."""
    return municipality_id in coordinated_municipalities(principal)


class CoordinatesAssessment(PrincipalRule):
    description = "child rights coordinator"

    def check(self, principal: Principal) -> bool:
        return bool(coordinated_municipalities(principal))


class TakesPartInAssessment(PrincipalRule):
    """Reporters (anyone working in an institution) and coordinators."""

    description = "institution staff or coordinator"

    def check(self, principal: Principal) -> bool:
        return bool(principal.grants) and not principal.is_national(Role.NATIONAL_ANALYST)


class ReadsAssessment(PrincipalRule):
    description = "coordinator, councillor or national analyst"

    def check(self, principal: Principal) -> bool:
        return bool(
            coordinated_municipalities(principal)
            or principal.has_role(*AGGREGATE_READER_ROLES)
            or principal.is_national(Role.NATIONAL_ANALYST)
        )


COORDINATES_ASSESSMENT = CoordinatesAssessment()
TAKES_PART_IN_ASSESSMENT = TakesPartInAssessment()
READS_ASSESSMENT = ReadsAssessment()


class SubmissionPolicy(Policy[Submission]):
    """Visible to the institution's own staff and the municipality's coordinators; changed
    (filled, submitted) by the institution's staff; decided by coordinators."""

    def visible(self, principal: Principal, queryset: QuerySet[Submission]) -> QuerySet[Submission]:
        return queryset.filter(
            Q(institution__in=reporting_institutions(principal))
            | Q(municipality__in=coordinated_municipalities(principal))
        )

    def can_change(self, principal: Principal, obj: Submission) -> bool:
        return obj.institution_id in reporting_institutions(principal)

    def can_decide(self, principal: Principal, obj: Submission) -> bool:
        return obj.municipality_id in coordinated_municipalities(principal)


class AssessmentPolicy(Policy[Assessment]):
    """Coordinators work on their municipality's assessment; aggregate readers read it."""

    def visible(self, principal: Principal, queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
        return queryset.filter(municipality__in=dashboard_municipalities(principal))

    def can_change(self, principal: Principal, obj: Assessment) -> bool:
        return obj.municipality_id in coordinated_municipalities(principal)


submission_policy = SubmissionPolicy()
assessment_policy = AssessmentPolicy()


# --- Collection (helper A): who reports ------------------------------------------------------
# The institution types the catalogue names as reporters; staff of other institutions (a
# council, an NGO, a health care institution) have nothing to report.
REPORTER_TYPES = frozenset(str(spec.reporter.value) for spec in INDICATORS if spec.reporter)


def reporter_institutions(principal: Principal) -> frozenset[int]:
    """Institutions the principal reports for: those of a reporting type they work in."""
    return frozenset(
        g.institution_id for g in principal.grants if g.institution_type in REPORTER_TYPES
    )


class ReportsInAssessment(PrincipalRule):
    """Staff of an institution that reports an indicator, and coordinators."""

    description = "staff of a reporting institution or coordinator"

    def check(self, principal: Principal) -> bool:
        return bool(reporter_institutions(principal) or coordinated_municipalities(principal))


REPORTS_IN_ASSESSMENT = ReportsInAssessment()


# --- Quality (helper B): child population import ---------------------------------------------
def population_municipalities(principal: Principal) -> frozenset[int] | None:
    """Whose child population the principal may import: every municipality (None) for a
    national administrator, otherwise the municipalities they coordinate."""
    if principal.is_national(Role.ADMINISTRATOR):
        return None
    return coordinated_municipalities(principal)


class ImportsPopulation(PrincipalRule):
    description = "coordinator or national administrator"

    def check(self, principal: Principal) -> bool:
        return population_municipalities(principal) != frozenset()


IMPORTS_POPULATION = ImportsPopulation()
