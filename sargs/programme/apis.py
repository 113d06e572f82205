"""The programme over the API: the same services, selectors and policy as the pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.core import apis as core_apis
from sargs.core.apis import call_service
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors, services
from .access import DRAFTS_PROGRAMME, READS_PROGRAMME, activity_policy, coordinated_municipalities
from .models import (
    Activity,
    ActivityStatus,
    FundingSource,
    MonitoringReport,
    Programme,
    ProgrammeVersion,
)


class ProgrammeSerializer(serializers.ModelSerializer):
    municipality: core_apis.SlugRelatedField = core_apis.SlugRelatedField(
        slug_field="atvk", read_only=True
    )
    versions = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = ["id", "municipality", "title", "start_year", "end_year", "versions"]
        read_only_fields = fields

    def get_versions(self, obj: Programme) -> list[dict[str, Any]]:
        return [
            {
                "id": v.pk,
                "number": v.number,
                "status": v.status,
                "decision_number": v.decision_number,
                "decision_date": v.decision_date,
            }
            for v in obj.versions.all()
        ]


class ProgrammeCreateSerializer(serializers.Serializer):
    municipality = core_apis.SlugRelatedField(
        slug_field="atvk", queryset=Municipality.objects.all()
    )
    title = serializers.CharField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()


class ProgrammeListApi(generics.ListCreateAPIView):  # type: ignore[type-arg]
    """Programmes you may read; POST drafts one (coordinators), its situation description
    from the latest approved assessment."""

    access_rule = READS_PROGRAMME
    serializer_class = ProgrammeSerializer

    def get_queryset(self) -> QuerySet[Programme]:
        return selectors.programme_list(principal=principal_for(self.request)).prefetch_related(
            "versions"
        )

    @extend_schema(request=ProgrammeCreateSerializer, responses={201: ProgrammeSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not DRAFTS_PROGRAMME.check(principal_for(request)):
            raise PermissionDenied
        incoming = ProgrammeCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        if data["municipality"].pk not in coordinated_municipalities(principal_for(request)):
            raise PermissionDenied
        programme = call_service(
            lambda: services.programme_create(actor=signed_in_user(request._request), **data)
        )
        return Response(ProgrammeSerializer(programme).data, status=201)


class ProgrammeDetailApi(generics.RetrieveAPIView):  # type: ignore[type-arg]
    access_rule = READS_PROGRAMME
    serializer_class = ProgrammeSerializer

    def get_object(self) -> Programme:
        return selectors.programme_get(principal=principal_for(self.request), pk=self.kwargs["pk"])


class CostSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    source = serializers.ChoiceField(choices=FundingSource.choices)  # type: ignore[assignment]
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal(0))


class IndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.CharField()
    indicator_code = serializers.CharField()
    cell = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    target = serializers.DecimalField(max_digits=12, decimal_places=2)


class ActivitySerializer(serializers.ModelSerializer):
    responsible: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True
    )
    cooperating: serializers.ManyRelatedField = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        many=True, read_only=True
    )
    costs = CostSerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "priority",
            "title",
            "description",
            "responsible",
            "cooperating",
            "starts_on",
            "deadline",
            "costs",
            "indicators",
        ]
        read_only_fields = fields


class ActivityCreateSerializer(serializers.Serializer):
    priority = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    responsible = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    cooperating = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.all(), many=True, required=False, default=list
    )
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    deadline = serializers.DateField()
    costs = CostSerializer(many=True, required=False, default=list)


def _version(request: Request, pk: int) -> ProgrammeVersion:
    return selectors.version_get(principal=principal_for(request), pk=pk)


class ActivityListApi(generics.ListCreateAPIView):  # type: ignore[type-arg]
    """A version's action plan; POST adds an activity to a draft (coordinators)."""

    access_rule = READS_PROGRAMME
    serializer_class = ActivitySerializer

    def get_queryset(self) -> QuerySet[Activity]:
        return selectors.activity_list(version=_version(self.request, self.kwargs["pk"]))

    @extend_schema(request=ActivityCreateSerializer, responses={201: ActivitySerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        version = _version(request, kwargs["pk"])
        from .access import programme_policy

        programme_policy.require_change(principal_for(request), version.programme)
        incoming = ActivityCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        priority = version.priorities.filter(pk=data.pop("priority")).first()
        if priority is None:
            raise NotFound
        costs = {(c["year"], c["source"]): c["amount"] for c in data.pop("costs")}
        activity = call_service(
            lambda: services.activity_save(
                actor=signed_in_user(request._request),
                version=version,
                priority=priority,
                costs=costs,
                **data,
            )
        )
        return Response(ActivitySerializer(activity).data, status=201)


class ReportSerializer(serializers.ModelSerializer):
    track = serializers.CharField(read_only=True)
    results = serializers.SerializerMethodField()

    class Meta:
        model = MonitoringReport
        fields = [
            "id",
            "activity",
            "as_of",
            "status",
            "spent",
            "narrative",
            "computed_track",
            "override_track",
            "override_reason",
            "track",
            "results",
        ]
        read_only_fields = fields

    def get_results(self, obj: MonitoringReport) -> dict[str, str]:
        return {str(r.indicator_id): str(r.actual) for r in obj.results.all()}


class ReportCreateSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    status = serializers.ChoiceField(choices=ActivityStatus.choices)
    spent = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal(0))
    narrative = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    actuals = serializers.DictField(
        child=serializers.DecimalField(max_digits=12, decimal_places=2),
        required=False,
        default=dict,
        help_text="performance indicator id → actual value",
    )


class ReportListApi(generics.ListCreateAPIView):  # type: ignore[type-arg]
    """An activity's monitoring reports; POST reports on it (the responsible institution's
    staff, or the coordinators)."""

    access_rule = READS_PROGRAMME
    serializer_class = ReportSerializer

    def _activity(self) -> Activity:
        return selectors.activity_get(principal=principal_for(self.request), pk=self.kwargs["pk"])

    def get_queryset(self) -> QuerySet[MonitoringReport]:
        return selectors.report_history(self._activity())

    @extend_schema(request=ReportCreateSerializer, responses={201: ReportSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        activity = self._activity()
        if not activity_policy.can_report(principal_for(request), activity):
            raise PermissionDenied
        incoming = ReportCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        try:
            actuals = {int(k): v for k, v in data.pop("actuals").items()}
        except ValueError:
            raise NotFound from None
        report = call_service(
            lambda: services.monitoring_report_create(
                actor=signed_in_user(request._request), activity=activity, actuals=actuals, **data
            )
        )
        return Response(ReportSerializer(report).data, status=201)
