"""Reads of the police's part of a case."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework.models import Case
from sargs.organisations.principal import Principal

from .access import records_police_part, sees_police_part
from .models import PoliceAssessment, PreventionWork


@dataclass
class PolicePart:
    case: Case
    assessments: list[PoliceAssessment]
    prevention: list[PreventionWork]
    can_record: bool


def police_part(*, principal: Principal, pk: int) -> PolicePart:
    """The case's police records for who may see them; 404 for anyone else (a school, a
    provider), even when they take part in the case."""
    case = case_selectors.case_get(principal=principal, pk=pk)
    if not sees_police_part(principal, case):
        raise Http404
    return PolicePart(
        case=case,
        assessments=list(
            PoliceAssessment.objects.filter(case=case).select_related("police", "author")
        ),
        prevention=list(
            PreventionWork.objects.filter(case=case).select_related("police", "child", "author")
        ),
        can_record=records_police_part(principal, case),
    )


# --- Data subjects' requests (sargs.subjects) --------------------------------------------------
def police_records_about_cases(case_ids: list[int]) -> list[PoliceAssessment | PreventionWork]:
    """The police's assessments and prevention work on these cases. Reads only."""
    return [
        *PoliceAssessment.objects.filter(case_id__in=case_ids).order_by("pk"),
        *PreventionWork.objects.filter(case_id__in=case_ids).order_by("pk"),
    ]
