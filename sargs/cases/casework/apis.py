"""Cases, tasks and worklists over the API: list and read cases, assign and complete tasks,
record assessments, the rehabilitation plan, close; the outcome figures. The same services,
policies and audit as the pages; invalid transitions and input answer 400 with the services'
messages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, pagination, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.audit.services import record_view, record_views
from sargs.cases.referrals.selectors import outcome_figures
from sargs.core.apis import call_service
from sargs.core.versioning import etag, parse_if_match, stale_as_api_error
from sargs.organisations.grants import coordinated_municipalities
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors, services
from .access import IS_COORDINATOR, MANAGES_CASES, SEES_CASES, case_policy, task_policy
from .forms import outcome_year
from .models import (
    AreaRating,
    Assessment,
    Case,
    CaseOutcome,
    RehabilitationPlan,
    RiskLevel,
    SupportArea,
    Task,
)


class CaseTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = [
            "id",
            "case",
            "title",
            "description",
            "institution",
            "assignee",
            "due_on",
            "status",
            "done_at",
            "result",
        ]
        read_only_fields = fields


class CaseChildSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    birth_date = serializers.DateField()


class CaseSerializer(serializers.ModelSerializer):
    children = CaseChildSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = ["id", "municipality", "status", "opened_on", "closed_on", "outcome", "children"]
        read_only_fields = fields


class CaseCursorPagination(pagination.CursorPagination):
    """Newest opened first, a page at a time by a cursor (``next``, ``previous``): a big
    municipality's cases run to tens of thousands, and counting every one the user sees for
    each page cost more than the page (docs/adr/0025). Cases opened on the same day keep their
    order by id (the cursor remembers how many of them it has passed)."""

    ordering = ("-opened_on", "-id")
    page_size = 50


class CaseListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Open cases you see (``closed=1`` for closed ones), newest first, paged by a cursor.
    Every row read is recorded."""

    access_rule = SEES_CASES
    serializer_class = CaseSerializer
    pagination_class = CaseCursorPagination

    def get_queryset(self) -> QuerySet[Case]:
        closed = self.request.query_params.get("closed") in ("1", "true")
        return selectors.case_list(principal=principal_for(self.request), closed=closed)

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset) or []
        request = self.request._request
        record_views(request=request, objs=page, purpose="case api")
        record_views(
            request=request,
            objs=[c for case in page for c in case.children.all()],
            purpose="case api",
        )
        return page


class CaseDetailApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """One case as you may see it: the case team gets everything, other participants the
    timeline entries addressed to them and the tasks assigned to them."""

    access_rule = SEES_CASES
    serializer_class = CaseSerializer

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        principal = principal_for(request)
        case = selectors.case_get(principal=principal, pk=pk)
        children = list(case.children.all())
        record_view(request=request._request, obj=case, purpose="case api")
        record_views(request=request._request, objs=children, purpose="case api", case=case.pk)
        whole = case_policy.sees_whole(principal, case)
        body: dict[str, Any] = {
            **CaseSerializer(case).data,
            "tasks": CaseTaskSerializer(
                selectors.case_tasks(principal=principal, case=case), many=True
            ).data,
            "timeline": [
                {"kind": e.kind, "text": e.body, "created_at": e.created_at}
                for e in selectors.case_timeline(principal=principal, case=case)
            ],
        }
        if whole:
            body["assessments"] = [
                {
                    "id": a.pk,
                    "assessed_on": a.assessed_on,
                    "overall_risk": a.overall_risk,
                    "summary": a.summary,
                    "areas": {x.area: x.rating for x in a.areas.all()},
                }
                for a in selectors.case_assessments(case=case)
            ]
        return Response(body)


class CaseActionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    access_rule = MANAGES_CASES

    def case(self, request: Request, pk: int) -> Case:
        principal = principal_for(request)
        case = selectors.case_get(principal=principal, pk=pk)
        case_policy.require_change(principal, case)
        return case


class TaskCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    working_days = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class TaskCreateApi(CaseActionApi):
    serializer_class = TaskCreateSerializer

    @extend_schema(request=TaskCreateSerializer, responses={201: CaseTaskSerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk)
        data = TaskCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = call_service(
            lambda: services.task_create(
                case=case, actor=signed_in_user(request._request), **data.validated_data
            )
        )
        return Response(CaseTaskSerializer(task).data, status=201)


class AssessmentCreateSerializer(serializers.Serializer):
    assessed_on = serializers.DateField()
    overall_risk = serializers.ChoiceField(RiskLevel.choices)
    summary = serializers.CharField()
    ratings = serializers.DictField(
        child=serializers.ChoiceField(AreaRating.choices),
        help_text="area → 0..3 for every area: " + ", ".join(SupportArea.values),
    )
    notes = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="the version of the latest assessment this one was made after (0: none yet); "
        "a newer one gives 409. Or send the GET's ETag as If-Match (a newer one gives 412). "
        "Neither: not checked.",
    )


def _assessment_body(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "version": assessment.version,
        "assessed_on": assessment.assessed_on,
        "overall_risk": assessment.overall_risk,
        "summary": assessment.summary,
        "areas": {x.area: x.rating for x in assessment.areas.all()},
        "notes": {x.area: x.note for x in assessment.areas.all()},
    }


class AssessmentApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """The case's assessments, the last recorded first (case team only; its ETag is the last
    one's version); POST records a new one (case managers)."""

    access_rule = SEES_CASES
    serializer_class = AssessmentCreateSerializer

    def case(self, request: Request, pk: int) -> Case:
        case = selectors.case_get_whole(principal=principal_for(request), pk=pk)
        selectors.record_reads_with_children(
            request=request._request, shown=[case], case_ids=[case.pk], purpose="assessment api"
        )
        return case

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk)
        assessments = sorted(selectors.case_assessments(case=case), key=lambda a: -a.version)
        version = assessments[0].version if assessments else 0
        return Response(
            {"version": version, "assessments": [_assessment_body(a) for a in assessments]},
            headers={"ETag": etag(version)},
        )

    @extend_schema(
        request=AssessmentCreateSerializer,
        responses={201: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT, 412: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk)
        case_policy.require_change(principal_for(request), case)
        data = AssessmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        header = request.headers.get("If-Match")
        based_on = parse_if_match(header) if header else values.pop("version", None)
        values.pop("version", None)
        assessment = call_service(
            lambda: stale_as_api_error(
                lambda: services.assessment_record(
                    case=case,
                    actor=signed_in_user(request._request),
                    based_on=based_on,
                    **values,
                ),
                precondition=header is not None,
            )
        )
        return Response(
            _assessment_body(assessment), status=201, headers={"ETag": etag(assessment.version)}
        )


class CaseCloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(CaseOutcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CaseCloseApi(CaseActionApi):
    serializer_class = CaseCloseSerializer

    @extend_schema(request=CaseCloseSerializer, responses=CaseSerializer)
    def post(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk)
        data = CaseCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = call_service(
            lambda: services.case_close(
                case=case, actor=signed_in_user(request._request), **data.validated_data
            )
        )
        return Response(CaseSerializer(case).data)


class TaskResultSerializer(serializers.Serializer):
    result = serializers.CharField(required=False, allow_blank=True, default="")


class TaskCompleteApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """The responsible institution (or the case manager) reports a task done."""

    access_rule = SEES_CASES
    serializer_class = TaskResultSerializer

    @extend_schema(request=TaskResultSerializer, responses=CaseTaskSerializer)
    def post(self, request: Request, pk: int) -> Response:
        principal = principal_for(request)
        task = task_policy.get_visible_or_404(principal, Task.objects.select_related("case"), pk=pk)
        task_policy.require_change(principal, task)
        data = TaskResultSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = call_service(
            lambda: services.task_complete(
                task=task, actor=signed_in_user(request._request), **data.validated_data
            )
        )
        return Response(CaseTaskSerializer(task).data)


class WorklistApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Open tasks: ``tab`` mine (default), due (this week), overdue or institution."""

    access_rule = SEES_CASES
    serializer_class = CaseTaskSerializer

    def get_queryset(self) -> QuerySet[Task]:
        tab = self.request.query_params.get("tab", "mine")
        if tab not in selectors.WORKLIST_TABS:
            raise ValidationError({"tab": "mine, due, overdue or institution"})
        return selectors.worklist(principal=principal_for(self.request), tab=tab)  # type: ignore[arg-type]

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset) or []
        selectors.worklist_record_read(request=self.request._request, tasks=page)
        return page

    @extend_schema(
        parameters=[
            OpenApiParameter("tab", OpenApiTypes.STR, description="mine, due, overdue, institution")
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


# --- The rehabilitation plan and the outcome figures --------------------------------------------


class PlanSaveSerializer(serializers.Serializer):
    review_on = serializers.DateField()
    goals = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="area → goal for the areas: " + ", ".join(SupportArea.values),
    )
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="the plan version this edit starts from (0: no plan yet); a newer one gives "
        "409. Or send the GET's ETag as If-Match (a newer one gives 412).",
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
        case = selectors.case_get_whole(principal=principal_for(request), pk=pk)
        selectors.record_reads_with_children(
            request=request._request, shown=[case], case_ids=[case.pk], purpose="plan api"
        )
        return case

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        plan = selectors.plan_current(self.case(request, pk))
        return Response(_plan_body(plan), headers={"ETag": etag(plan.version if plan else 0)})

    @extend_schema(
        request=PlanSaveSerializer,
        responses={201: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT, 412: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk)
        case_policy.require_change(principal_for(request), case)
        data = PlanSaveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        header = request.headers.get("If-Match")
        based_on = parse_if_match(header) if header else values.pop("version", None)
        values.pop("version", None)
        plan = call_service(
            lambda: stale_as_api_error(
                lambda: services.plan_save(
                    case=case,
                    actor=signed_in_user(request._request),
                    based_on=based_on,
                    **values,
                ),
                precondition=header is not None,
            )
        )
        return Response(_plan_body(plan), status=201, headers={"ETag": etag(plan.version)})


class PlanAgreementSerializer(serializers.Serializer):
    agreed_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PlanAgreementApi(CaseActionApi):
    serializer_class = PlanAgreementSerializer

    @extend_schema(request=PlanAgreementSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request, pk: int) -> Response:
        case = self.case(request, pk)
        plan = selectors.plan_current(case)
        if plan is None:
            raise ValidationError("the case has no plan")
        data = PlanAgreementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = call_service(
            lambda: services.plan_record_agreement(
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
        rows = outcome_figures(municipality_ids=coordinated_municipalities(principal), year=year)
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
