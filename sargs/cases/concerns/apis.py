"""Concerns and alerts over the API: report, list, read, triage (accept into a case or close),
acknowledge an alert. The same services, policies and audit as the pages; invalid input
answers 400."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.cases.casework.access import MANAGES_CASES, SEES_CASES
from sargs.core import apis as core_apis
from sargs.core.apis import call_service
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.registry.access import child_policy
from sargs.registry.models import Child

from . import selectors, services
from .access import alert_policy, concern_policy
from .models import Alert, Concern, ConcernCategory, ConcernPlace


class ConcernSerializer(serializers.ModelSerializer):
    reporter = serializers.SerializerMethodField(
        help_text="the reporter's name and institution, or only the institution type"
    )
    residence_municipality: core_apis.SlugRelatedField = core_apis.SlugRelatedField(
        slug_field="atvk",
        read_only=True,
        help_text="ATVK code of the municipality where the child lives, when known",
    )

    class Meta:
        model = Concern
        fields = [
            "id",
            "child_first_name",
            "child_last_name",
            "child_birth_date",
            "categories",
            "description",
            "observed_on",
            "place",
            "place_detail",
            "observed_by",
            "danger_to_life",
            "residence_municipality",
            "residence_address",
            "status",
            "triage_due",
            "case",
            "closed_reason",
            "created_at",
            "reporter",
        ]
        read_only_fields = fields

    def get_reporter(self, obj: Concern) -> dict[str, Any]:
        principal = self.context["principal"]
        if concern_policy.sees_reporter(principal, obj):
            return {
                "name": obj.reported_by.get_full_name() if obj.reported_by else "",
                "institution": obj.reporting_institution.name,
                "institution_type": obj.reporting_institution.type,
            }
        return {"institution_type": obj.reporting_institution.type}


@extend_schema_field(OpenApiTypes.STR)
class CurrentMunicipality(core_apis.SlugRelatedField):  # type: ignore[type-arg]
    """A municipality that exists today (as the form offers), asked on each request."""

    def get_queryset(self) -> QuerySet[Municipality]:
        return Municipality.objects.current()


class ConcernCreateSerializer(serializers.Serializer):
    reporting_institution = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.all(), help_text="an institution where you hold a role"
    )
    child_first_name = serializers.CharField(max_length=100)
    child_last_name = serializers.CharField(max_length=100)
    child_birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    child_personal_code = serializers.CharField(required=False, allow_blank=True, default="")
    categories = serializers.ListField(child=serializers.ChoiceField(ConcernCategory.choices))
    description = serializers.CharField()
    observed_on = serializers.DateField()
    place = serializers.ChoiceField(ConcernPlace.choices)
    place_detail = serializers.CharField(required=False, allow_blank=True, default="")
    observed_by = serializers.CharField(max_length=200)
    danger_to_life = serializers.BooleanField(required=False, default=False)
    residence_municipality = CurrentMunicipality(
        slug_field="atvk",
        required=False,
        allow_null=True,
        default=None,
        help_text="ATVK code of the municipality where the child lives, if known; with danger "
        "to life or health it is alerted too (BTAL 67)",
    )
    residence_address = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class ConcernListApi(generics.ListCreateAPIView):  # type: ignore[type-arg]
    """Concerns you may see (``tab``: triage, ours or closed); POST reports one. Every row read
    is recorded in the audit trail."""

    access_rule = SEES_CASES
    serializer_class = ConcernSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "principal": principal_for(self.request)}

    def get_queryset(self) -> QuerySet[Concern]:
        tab = self.request.query_params.get("tab", "ours")
        if tab not in selectors.CONCERN_TABS:
            raise ValidationError({"tab": "triage, ours or closed"})
        return selectors.concern_list(principal=principal_for(self.request), tab=tab)  # type: ignore[arg-type]

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        selectors.concerns_record_read(
            request=self.request._request, concerns=page or [], purpose="concern api"
        )
        return page

    @extend_schema(
        parameters=[OpenApiParameter("tab", OpenApiTypes.STR, description="triage, ours, closed")]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ConcernCreateSerializer, responses={201: ConcernSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = ConcernCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        concern = call_service(
            lambda: services.concern_report(
                actor=signed_in_user(request._request), **incoming.validated_data
            )
        )
        return Response(
            ConcernSerializer(concern, context=self.get_serializer_context()).data, status=201
        )


class ConcernDetailApi(generics.RetrieveAPIView):  # type: ignore[type-arg]
    access_rule = SEES_CASES
    serializer_class = ConcernSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "principal": principal_for(self.request)}

    def get_object(self) -> Concern:
        concern = selectors.concern_get(principal=principal_for(self.request), pk=self.kwargs["pk"])
        selectors.concerns_record_read(
            request=self.request._request, concerns=[concern], purpose="concern api"
        )
        return concern


class ConcernAcceptSerializer(serializers.Serializer):
    child = serializers.IntegerField(help_text="id of a child in your municipality's registry")


class ConcernCloseSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class _ConcernActionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    access_rule = MANAGES_CASES

    def concern(self, request: Request, pk: int) -> Concern:
        principal = principal_for(request)
        concern = selectors.concern_get(principal=principal, pk=pk)
        concern_policy.require_change(principal, concern)
        return concern

    def answer(self, request: Request, concern: Concern) -> Response:
        concern.refresh_from_db()
        context = {"principal": principal_for(request)}
        return Response(ConcernSerializer(concern, context=context).data)


class ConcernAcceptApi(_ConcernActionApi):
    serializer_class = ConcernAcceptSerializer

    @extend_schema(request=ConcernAcceptSerializer, responses=ConcernSerializer)
    def post(self, request: Request, pk: int) -> Response:
        concern = self.concern(request, pk)
        data = ConcernAcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        child = child_policy.visible(principal_for(request), Child.objects.all()).filter(
            pk=data.validated_data["child"]
        )
        if not child.exists():
            raise ValidationError({"child": "not a child in your registry"})
        call_service(
            lambda: services.concern_accept(
                concern=concern, actor=signed_in_user(request._request), child=child.get()
            )
        )
        return self.answer(request, concern)


class ConcernCloseApi(_ConcernActionApi):
    serializer_class = ConcernCloseSerializer

    @extend_schema(request=ConcernCloseSerializer, responses=ConcernSerializer)
    def post(self, request: Request, pk: int) -> Response:
        concern = self.concern(request, pk)
        data = ConcernCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(
            lambda: services.concern_close(
                concern=concern,
                actor=signed_in_user(request._request),
                reason=data.validated_data["reason"],
            )
        )
        return self.answer(request, concern)


class AlertAcknowledgeApi(generics.GenericAPIView):  # type: ignore[type-arg]
    access_rule = SEES_CASES
    serializer_class = serializers.Serializer

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request, pk: int) -> Response:
        principal = principal_for(request)
        alert = alert_policy.get_visible_or_404(principal, Alert.objects.all(), pk=pk)
        alert = call_service(
            lambda: services.alert_acknowledge(alert=alert, actor=signed_in_user(request._request))
        )
        return Response({"id": alert.pk, "acknowledged_at": alert.acknowledged_at})
