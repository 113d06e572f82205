"""The collection over the API, for institutions' own systems (token auth) and scripts: the
same selectors, services and policy as the pages. Another municipality's submission is 404; a
reporter who tries to decide is 403; a refused transition is 400 with the service's message."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.core.apis import call_service
from sargs.core.versioning import etag, parse_if_match, stale_as_api_error
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors, services
from .access import (
    COORDINATES_ASSESSMENT,
    REPORTS_IN_ASSESSMENT,
    reporter_institutions,
    submission_policy,
)
from .models import ReportingPeriod, Submission, ValueState


class AssessmentPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "year", "semester", "opens_on", "deadline"]
        read_only_fields = fields


class AssessmentSubmissionSerializer(serializers.ModelSerializer):
    period = AssessmentPeriodSerializer(read_only=True)
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    municipality = serializers.CharField(source="municipality.atvk", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="draft, submitted, returned, approved or reopened"
    )

    class Meta:
        model = Submission
        fields = [
            "id",
            "period",
            "institution",
            "institution_name",
            "municipality",
            "status",
            "submitted_at",
            "decided_at",
        ]
        read_only_fields = fields


class AssessmentCellValueSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="indicator code, e.g. E2")
    cell = serializers.CharField(help_text='cell key, e.g. "pupils" or "pupils|sex=f"')
    state = serializers.ChoiceField(choices=ValueState.choices)
    amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        required=False,
        default=None,
        help_text="the number when state is 'number' (0 included); null otherwise",
    )


class AssessmentStoredValueSerializer(AssessmentCellValueSerializer):
    definition = serializers.IntegerField(help_text="id of the definition version")
    version = serializers.IntegerField()


class AssessmentSubmissionDetailSerializer(AssessmentSubmissionSerializer):
    values = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()
    revision = serializers.IntegerField(
        read_only=True,
        help_text="goes up with every save of the values; also the response's ETag",
    )

    class Meta(AssessmentSubmissionSerializer.Meta):
        fields = [*AssessmentSubmissionSerializer.Meta.fields, "values", "missing", "revision"]
        read_only_fields = fields

    @extend_schema_field(AssessmentStoredValueSerializer(many=True))
    def get_values(self, obj: Submission) -> Any:
        # Through the serializer, so amounts are decimal strings as documented.
        return AssessmentStoredValueSerializer(_stored_values(obj), many=True).data

    def get_missing(self, obj: Submission) -> list[str]:
        """Cells still without a value, as "E2:pupils|sex=f"."""
        definitions = selectors.definitions_for(obj.institution, obj.period)
        return [services.error_key(c) for c in selectors.missing_cells(obj, definitions)]


def _stored_values(submission: Submission) -> list[dict[str, Any]]:
    rows = submission.values.select_related("definition__indicator").order_by(
        "definition__indicator__order", "pk"
    )
    return [
        {
            "indicator": v.definition.indicator.code,
            "definition": v.definition_id,
            "version": v.definition.version,
            "cell": v.cell,
            "state": v.state,
            "amount": v.amount,
        }
        for v in rows
    ]


class AssessmentSubmissionCreateSerializer(serializers.Serializer):
    institution = serializers.IntegerField()
    period = serializers.IntegerField()


class AssessmentValuesInputSerializer(serializers.Serializer):
    values = AssessmentCellValueSerializer(many=True, allow_empty=False)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="the submission's revision these values start from; a newer one gives 409. "
        "Or send the GET's ETag as If-Match (a newer one gives 412). Neither: not checked.",
    )


class AssessmentReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=2000)


class AssessmentReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


def _submission(request: Request, pk: int) -> Submission:
    return selectors.submission_get(principal=principal_for(request), pk=pk)


def _detail(submission: Submission, status: int = 200) -> Response:
    return Response(
        AssessmentSubmissionDetailSerializer(submission).data,
        status=status,
        headers={"ETag": etag(submission.revision)},
    )


class PeriodListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Reporting periods with their collection opening date and deadline."""

    access_rule = REPORTS_IN_ASSESSMENT
    serializer_class = AssessmentPeriodSerializer

    def get_queryset(self) -> QuerySet[ReportingPeriod]:
        return selectors.period_list()


class SubmissionListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Your institutions' submissions and, for coordinators, the municipality's; POST opens
    (or finds) an institution's submission for a period."""

    access_rule = REPORTS_IN_ASSESSMENT
    serializer_class = AssessmentSubmissionSerializer

    def get_queryset(self) -> QuerySet[Submission]:
        qs = selectors.submission_list(principal=principal_for(self.request))
        period = self.request.query_params.get("period")
        if period and period.isdigit():
            qs = qs.filter(period_id=int(period))
        return qs

    @extend_schema(parameters=[OpenApiParameter("period", int, description="period id")])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=AssessmentSubmissionCreateSerializer,
        responses={200: AssessmentSubmissionDetailSerializer},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = AssessmentSubmissionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        if data["institution"] not in reporter_institutions(principal_for(request)):
            raise NotFound
        institution = Institution.objects.get(pk=data["institution"])
        period = ReportingPeriod.objects.filter(pk=data["period"]).first()
        if period is None:
            raise NotFound
        submission = call_service(
            lambda: services.submission_for(institution=institution, period=period)
        )
        return _detail(submission)


class SubmissionDetailApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """One submission with its values and the cells still missing."""

    access_rule = REPORTS_IN_ASSESSMENT
    serializer_class = AssessmentSubmissionDetailSerializer

    def get(self, request: Request, pk: int) -> Response:
        return _detail(_submission(request, pk))


class SubmissionValuesApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Set the listed cells (others stay as they are); all or nothing."""

    access_rule = REPORTS_IN_ASSESSMENT
    serializer_class = AssessmentValuesInputSerializer

    @extend_schema(
        request=AssessmentValuesInputSerializer,
        responses={
            200: AssessmentSubmissionDetailSerializer,
            409: OpenApiTypes.OBJECT,
            412: OpenApiTypes.OBJECT,
        },
    )
    def put(self, request: Request, pk: int) -> Response:
        submission = _submission(request, pk)
        if not submission_policy.can_change(principal_for(request), submission):
            raise PermissionDenied
        incoming = AssessmentValuesInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        header = request.headers.get("If-Match")
        based_on = parse_if_match(header) if header else incoming.validated_data.get("version")
        by_code = {
            d.indicator.code: d
            for d in selectors.definitions_for(submission.institution, submission.period)
        }
        values: dict[selectors.Key, selectors.Value] = {}
        unknown = []
        for item in incoming.validated_data["values"]:
            definition = by_code.get(item["indicator"])
            if definition is None:
                unknown.append(item["indicator"])
                continue
            values[(definition.pk, item["cell"])] = (item["state"], item["amount"])
        if unknown:
            raise serializers.ValidationError(
                {"values": [f"not reported by this institution: {', '.join(sorted(set(unknown)))}"]}
            )
        call_service(
            lambda: stale_as_api_error(
                lambda: services.save_values(
                    actor=signed_in_user(request._request),
                    submission=submission,
                    values=values,
                    based_on=based_on,
                ),
                precondition=header is not None,
            )
        )
        return _detail(submission)


class _TransitionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    serializer_class = AssessmentSubmissionDetailSerializer


class SubmissionSubmitApi(_TransitionApi):
    """Submit to the coordinator; refused (400) while a cell has no value."""

    access_rule = REPORTS_IN_ASSESSMENT

    @extend_schema(request=None, responses={200: AssessmentSubmissionDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        submission = _submission(request, pk)
        if not submission_policy.can_change(principal_for(request), submission):
            raise PermissionDenied
        user = signed_in_user(request._request)
        call_service(lambda: services.submit(actor=user, submission=submission))
        return _detail(submission)


def _for_decision(request: Request, pk: int) -> Submission:
    submission = _submission(request, pk)
    if not submission_policy.can_decide(principal_for(request), submission):
        raise PermissionDenied
    return submission


class SubmissionReturnApi(_TransitionApi):
    """Return a submitted submission with a comment (coordinator)."""

    access_rule = COORDINATES_ASSESSMENT

    @extend_schema(
        request=AssessmentReturnSerializer, responses={200: AssessmentSubmissionDetailSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        submission = _for_decision(request, pk)
        incoming = AssessmentReturnSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        user = signed_in_user(request._request)
        comment = incoming.validated_data["comment"]
        call_service(
            lambda: services.return_submission(actor=user, submission=submission, comment=comment)
        )
        return _detail(submission)


class SubmissionApproveApi(_TransitionApi):
    """Approve a submitted submission (coordinator); its values are locked."""

    access_rule = COORDINATES_ASSESSMENT

    @extend_schema(request=None, responses={200: AssessmentSubmissionDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        submission = _for_decision(request, pk)
        user = signed_in_user(request._request)
        call_service(lambda: services.approve(actor=user, submission=submission))
        return _detail(submission)


class SubmissionReopenApi(_TransitionApi):
    """Reopen an approved submission with a reason (coordinator)."""

    access_rule = COORDINATES_ASSESSMENT

    @extend_schema(
        request=AssessmentReopenSerializer, responses={200: AssessmentSubmissionDetailSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        submission = _for_decision(request, pk)
        incoming = AssessmentReopenSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        user = signed_in_user(request._request)
        reason = incoming.validated_data["reason"]
        call_service(lambda: services.reopen(actor=user, submission=submission, reason=reason))
        return _detail(submission)
