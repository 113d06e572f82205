"""The cases app's API views, for the wiring in sargs/api/urls.py (``cases_apis.<View>``).

The views live in modules by concern: ``concern_apis`` (concerns), ``case_apis`` (cases,
tasks, worklist, alerts), ``plan_apis`` (plan, support record, outcome figures), besides
``referral_apis``, ``results_apis``, ``proceeding_views`` and ``talk_views``. Once the wiring
imports those modules directly, this module can go.
"""

from __future__ import annotations

from .case_apis import (
    AlertAcknowledgeApi,
    AssessmentCreateApi,
    CaseCloseApi,
    CaseDetailApi,
    CaseListApi,
    TaskCompleteApi,
    TaskCreateApi,
    WorklistApi,
)
from .concern_apis import ConcernAcceptApi, ConcernCloseApi, ConcernDetailApi, ConcernListApi
from .plan_apis import OutcomeFiguresApi, PlanAgreementApi, PlanApi, SupportRecordApi

__all__ = [
    "AlertAcknowledgeApi",
    "AssessmentCreateApi",
    "CaseCloseApi",
    "CaseDetailApi",
    "CaseListApi",
    "ConcernAcceptApi",
    "ConcernCloseApi",
    "ConcernDetailApi",
    "ConcernListApi",
    "OutcomeFiguresApi",
    "PlanAgreementApi",
    "PlanApi",
    "SupportRecordApi",
    "TaskCompleteApi",
    "TaskCreateApi",
    "WorklistApi",
]
