"""The rehabilitation plan, the support record for the court and the outcome figures over the
API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.audit.services import record_view
from sargs.core.apis import call_service
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.organisations.roles import Role

from . import plan_services, selectors
from .access import (
    IS_COORDINATOR,
    SEES_CASES,
    case_policy,
)
from .case_apis import CaseActionApi
from .models import (
    Case,
    RehabilitationPlan,
    SupportArea,
)
from .plan_views import outcome_year
from .support_record import support_record as build_support_record


class PlanSaveSerializer(serializers.Serializer):
    review_on = serializers.DateField()
    goals = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="area → goal for the areas: " + ", ".join(SupportArea.values),
    )


def _plan_body(plan: RehabilitationPlan | None) -> dict[str, Any]:
    if plan is None:
        return {"version": None}
    return {
        "id": plan.pk,
        "version": plan.version,
        "review_on": plan.review_on,
        "family_agreed_on": plan.family_agreed_on,
        "goals": {g.area: g.goal for g in plan.goals.all()},
    }


class PlanApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """The case's current plan (case team only); POST saves a new version (case managers)."""

    access_rule = SEES_CASES
    serializer_class = PlanSaveSerializer

    def case(self, request: Request, pk: int) -> Case:
        principal = principal_for(request)
        case = selectors.case_get(principal=principal, pk=pk)
        if not case_policy.sees_whole(principal, case):
            raise PermissionDenied
        record_view(request=request._request, obj=case, purpose="plan api")
        return case

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_plan_body(plan_services.plan_current(self.case(request, pk))))

    @extend_schema(request=PlanSaveSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk)
        case_policy.require_change(principal_for(request), case)
        data = PlanSaveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = call_service(
            lambda: plan_services.plan_save(
                case=case, actor=signed_in_user(request._request), **data.validated_data
            )
        )
        return Response(_plan_body(plan), status=201)


class PlanAgreementSerializer(serializers.Serializer):
    agreed_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PlanAgreementApi(CaseActionApi):
    serializer_class = PlanAgreementSerializer

    @extend_schema(request=PlanAgreementSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk)
        plan = plan_services.plan_current(case)
        if plan is None:
            raise ValidationError("the case has no plan")
        data = PlanAgreementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = call_service(
            lambda: plan_services.plan_record_agreement(
                plan=plan, actor=signed_in_user(request._request), **data.validated_data
            )
        )
        return Response(_plan_body(plan))


class OutcomeFiguresApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Coordinators: per service given, the children whose case closed in ``year`` and how
    many were kept in their family (aggregates, no identities)."""

    access_rule = IS_COORDINATOR
    serializer_class = serializers.Serializer

    @extend_schema(
        parameters=[OpenApiParameter("year", OpenApiTypes.INT)], responses=OpenApiTypes.OBJECT
    )
    def get(self, request: Request) -> Response:
        principal = principal_for(request)
        year = outcome_year(request.query_params.get("year"))
        rows = selectors.outcome_figures(
            municipality_ids=principal.municipalities(Role.COORDINATOR), year=year
        )
        return Response(
            {
                "year": year,
                "services": [
                    {
                        "service": r.service or None,
                        "children": r.children,
                        "kept_in_family": r.kept_in_family,
                        "by_outcome": r.by_outcome,
                    }
                    for r in rows
                ],
            }
        )


class SupportRecordApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """The support record for the court (case team only): problems, plan goals, services given
    and for how long, gaps."""

    access_rule = SEES_CASES
    serializer_class = serializers.Serializer

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        principal = principal_for(request)
        case = selectors.case_get(principal=principal, pk=pk)
        if not case_policy.sees_whole(principal, case):
            raise PermissionDenied
        record_view(request=request._request, obj=case, purpose="support record api")
        record = build_support_record(case=case)

        def given(s: Any) -> dict[str, Any]:
            return {
                "referral": s.referral.pk,
                "service": s.referral.service.name,
                "started_on": s.referral.started_on,
                "ended_on": s.referral.ended_on,
                "hours": f"{s.hours:.2f}",
            }

        return Response(
            {
                "case": case.pk,
                "assessment": record.assessment.pk if record.assessment else None,
                "problems": [
                    {
                        "area": p.area,
                        "rating": p.rating,
                        "goals": p.goals,
                        "services": [given(s) for s in p.services],
                        "gap": p.is_gap,
                    }
                    for p in record.problems
                ],
                "services": [given(s) for s in record.services],
            }
        )
