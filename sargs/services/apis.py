"""Family support services over the API: the same services, selectors and policies as the
pages. Invalid input answers 400 with the services' messages."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.core import apis as core_apis
from sargs.core.apis import call_service
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors, services
from .access import (
    MANAGES_SERVICES,
    SEES_CAPACITY,
    SEES_SERVICES,
    capacity_municipalities,
    crisis_team_policy,
    service_municipalities,
    service_policy,
)
from .models import CrisisTeamMember, MunicipalService, ProviderContract, ServiceType, Unit

Atvk = core_apis.SlugRelatedField


class MunicipalServiceSerializer(serializers.ModelSerializer):
    municipality: Atvk = Atvk(slug_field="atvk", read_only=True)
    service_type: Atvk = Atvk(slug_field="code", read_only=True)

    class Meta:
        model = MunicipalService
        fields = [
            "id",
            "municipality",
            "service_type",
            "name",
            "description",
            "target_group",
            "referring_roles",
            "is_active",
        ]
        read_only_fields = fields


class MunicipalServiceCreateSerializer(serializers.Serializer):
    service_type = core_apis.SlugRelatedField(
        slug_field="code", queryset=ServiceType.objects.filter(is_active=True)
    )
    municipality = core_apis.SlugRelatedField(
        slug_field="atvk",
        queryset=Municipality.objects.all(),
        required=False,
        help_text="ATVK code; needed only when you manage several municipalities",
    )
    name = serializers.CharField(required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    target_group = serializers.CharField(required=False, allow_blank=True, default="")
    referring_roles = serializers.ListField(child=serializers.CharField(), required=False)


def _municipality(request: Request, chosen: Municipality | None) -> Municipality:
    mine = sorted(service_municipalities(principal_for(request)))
    if chosen is None:
        if len(mine) != 1:
            raise ValidationError({"municipality": "give the ATVK code of the municipality"})
        return Municipality.objects.get(pk=mine[0])
    if chosen.pk not in mine:
        raise PermissionDenied
    return chosen


class CatalogueListApi(generics.ListCreateAPIView):  # type: ignore[type-arg]
    """Your municipalities' service catalogue; POST adds a service (type by its code)."""

    access_rule = MANAGES_SERVICES
    serializer_class = MunicipalServiceSerializer

    def get_queryset(self) -> QuerySet[MunicipalService]:
        return selectors.catalogue_list(principal=principal_for(self.request))

    @extend_schema(
        request=MunicipalServiceCreateSerializer, responses={201: MunicipalServiceSerializer}
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = MunicipalServiceCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        municipality = _municipality(request, data.pop("municipality", None))
        service = call_service(
            lambda: services.municipal_service_create(
                actor=signed_in_user(request._request), municipality=municipality, **data
            )
        )
        return Response(MunicipalServiceSerializer(service).data, status=201)


class ProviderContractSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="service.municipality.atvk", read_only=True)
    service_area: Atvk = Atvk(slug_field="atvk", many=True, read_only=True)

    class Meta:
        model = ProviderContract
        fields = [
            "id",
            "service",
            "municipality",
            "provider",
            "reference",
            "valid_from",
            "valid_to",
            "unit",
            "unit_price",
            "capacity",
            "service_area",
            "note",
        ]
        read_only_fields = fields


class ProviderContractCreateSerializer(serializers.Serializer):
    service = serializers.PrimaryKeyRelatedField(queryset=MunicipalService.objects.all())
    provider = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    reference = serializers.CharField(required=False, allow_blank=True, default="")
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(required=False, allow_null=True, default=None)
    unit = serializers.ChoiceField(choices=Unit.choices)
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    capacity = serializers.IntegerField(min_value=0)
    service_area = core_apis.SlugRelatedField(
        slug_field="atvk", queryset=Municipality.objects.all(), many=True, required=False
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ContractListApi(generics.ListCreateAPIView):  # type: ignore[type-arg]
    """Contracts of your municipalities, or of your own provider institution; POST records
    one (managers only)."""

    access_rule = SEES_SERVICES
    serializer_class = ProviderContractSerializer

    def get_queryset(self) -> QuerySet[ProviderContract]:
        return selectors.contract_list(principal=principal_for(self.request))

    @extend_schema(
        request=ProviderContractCreateSerializer, responses={201: ProviderContractSerializer}
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        principal = principal_for(request)
        if not MANAGES_SERVICES.check(principal):
            raise PermissionDenied
        incoming = ProviderContractCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        service = data.pop("service")
        if not service_policy.visible(principal, MunicipalService.objects.filter(pk=service.pk)):
            raise NotFound
        contract = call_service(
            lambda: services.provider_contract_create(
                actor=signed_in_user(request._request), service=service, **data
            )
        )
        return Response(ProviderContractSerializer(contract).data, status=201)


class ContractCapacitySerializer(serializers.Serializer):
    contract_id = serializers.IntegerField()
    provider = serializers.CharField()
    unit = serializers.CharField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    capacity = serializers.IntegerField()
    in_use = serializers.IntegerField(allow_null=True)
    free = serializers.IntegerField(allow_null=True)
    waiting = serializers.IntegerField(allow_null=True)


@extend_schema_field(
    {
        "anyOf": [{"type": "integer"}, {"type": "string"}],
        "nullable": True,
        "description": "a count; for those who do not manage the services a string, "
        '"<5" for 1-4 (ADR 0009)',
    }
)
class SuppressibleCountField(serializers.Field):  # type: ignore[type-arg]
    """A count as the rows give it: a number, or its suppressed display ("<5")."""

    def to_representation(self, value: Any) -> Any:
        return value if isinstance(value, int) else str(value)


class ServiceCapacitySerializer(serializers.Serializer):
    service_id = serializers.IntegerField(
        required=False, help_text="only for those who manage the services"
    )
    service = serializers.CharField()
    capacity = serializers.IntegerField()
    in_use = SuppressibleCountField(allow_null=True)
    free = serializers.IntegerField(allow_null=True)
    waiting = SuppressibleCountField(allow_null=True)
    contracts = ContractCapacitySerializer(
        many=True, help_text="per provider; empty for those who do not manage the services"
    )


class CapacityApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Contracted capacity per service and provider today (aggregates, no personal data)."""

    access_rule = SEES_CAPACITY
    serializer_class = ServiceCapacitySerializer
    pagination_class = None  # one row per service: never paged

    @extend_schema(
        parameters=[OpenApiParameter("municipality", OpenApiTypes.STR, description="ATVK code")],
        responses=ServiceCapacitySerializer(many=True),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        allowed = capacity_municipalities(principal_for(request))
        atvk = request.query_params.get("municipality")
        municipality = allowed.filter(atvk=atvk).first() if atvk else allowed.first()
        if municipality is None:
            raise NotFound
        rows = selectors.capacity_summary(
            municipality,
            selectors.capacity_in_use(municipality),
            waiting=selectors.capacity_waiting(municipality),
        )
        if municipality.pk in service_municipalities(principal_for(request)):
            return Response(ServiceCapacitySerializer(rows, many=True).data)
        return Response(
            ServiceCapacitySerializer(selectors.capacity_suppressed(rows), many=True).data
        )


class ShiftSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    member = serializers.IntegerField(source="member_id")
    member_name = serializers.CharField(source="member.display_name")
    profession = serializers.CharField(source="member.profession")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class GapSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class RotaSerializer(serializers.Serializer):
    week_start = serializers.DateField()
    uncovered_hours = serializers.FloatField()
    shifts = ShiftSerializer(many=True)
    gaps = GapSerializer(many=True)


class ShiftCreateSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class CrisisRotaApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """A crisis team's on-call rota for a week and its gaps in around-the-clock cover; POST
    adds a shift (managers of the team's municipality)."""

    access_rule = SEES_SERVICES
    serializer_class = RotaSerializer

    @extend_schema(
        parameters=[OpenApiParameter("week", OpenApiTypes.DATE, description="a day of the week")],
        responses=RotaSerializer,
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        team = selectors.crisis_team_get(principal=principal_for(request), pk=kwargs["pk"])
        try:
            day = datetime.date.fromisoformat(request.query_params.get("week", ""))
        except ValueError:
            day = timezone.localdate()
        rota = selectors.rota_week(team=team, week_start=selectors.monday_of(day))
        gaps = [{"starts_at": s, "ends_at": e} for s, e in rota.gaps]
        data = {
            "week_start": rota.week_start,
            "uncovered_hours": rota.uncovered_hours,
            "shifts": rota.shifts,
            "gaps": gaps,
        }
        return Response(RotaSerializer(data).data)

    @extend_schema(request=ShiftCreateSerializer, responses={201: ShiftSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        principal = principal_for(request)
        team = selectors.crisis_team_get(principal=principal, pk=kwargs["pk"])
        crisis_team_policy.require_change(principal, team)
        incoming = ShiftCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        member = CrisisTeamMember.objects.filter(team=team, pk=data.pop("member")).first()
        if member is None:
            raise ValidationError({"member": "not a member of this team"})
        shift = call_service(
            lambda: services.on_call_shift_add(
                actor=signed_in_user(request._request), team=team, member=member, **data
            )
        )
        return Response(ShiftSerializer(shift).data, status=201)
