"""Reads for families as they are (issue 15, point 4): the household a case's children live
in, the brothers and sisters who could join the case, and a family's earlier, closed case."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from sargs.registry.models import Child, Household

from .models import Case, CaseChild, CaseStatus


def family_household(case: Case) -> Household | None:
    """The household of the case's children (the first child's that has one)."""
    child = (
        Child.objects.filter(case_links__case=case, household__isnull=False)
        .select_related("household")
        .order_by("case_links__added_on", "case_links__pk")
        .first()
    )
    return child.household if child is not None else None


def sibling_candidates(case: Case) -> QuerySet[Child]:
    """Children of the family's household who are in no open case: those the case's managers
    may add to it directly."""
    household = family_household(case)
    if household is None:
        return Child.objects.none()
    return (
        Child.objects.filter(household=household, municipality_id=case.municipality_id)
        .exclude(case_links__active=True)
        .order_by("birth_date", "pk")
    )


def earlier_family_case(child: Child) -> Case | None:
    """The family's latest closed case: the child's own, or a household sibling's, when
    neither is in an open case (a new concern then reopens it or opens one linked to it)."""
    family = Q(child=child)
    if child.household_id is not None:
        family |= Q(child__household_id=child.household_id)
    links = CaseChild.objects.filter(family)
    if links.filter(active=True).exists():
        return None
    link = (
        links.filter(case__status=CaseStatus.CLOSED)
        .select_related("case")
        .order_by("-case__closed_on", "-case__pk")
        .first()
    )
    return link.case if link is not None else None
