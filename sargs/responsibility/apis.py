"""Handovers and cost claims over the API: the same services, policies and audit as the pages.
Invalid transitions and input answer 400 with the services' messages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.audit.services import record_view
from sargs.core import apis as core_apis
from sargs.core.apis import call_service
from sargs.organisations.models import Municipality
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.registry.access import registry_municipalities

from . import selectors, services
from .access import KEEPS_REGISTRY, claim_policy, handover_policy
from .models import CostBasis, CostClaim, Handover

Atvk = core_apis.SlugRelatedField


class HandoverSerializer(serializers.ModelSerializer):
    from_municipality: Atvk = Atvk(slug_field="atvk", read_only=True)
    to_municipality: Atvk = Atvk(slug_field="atvk", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="proposed, accepted, disputed or withdrawn"
    )

    class Meta:
        model = Handover
        fields = [
            "id",
            "child",
            "from_municipality",
            "to_municipality",
            "status",
            "basis",
            "reason_lv",
            "reason_en",
            "proposed_at",
            "decided_at",
            "dispute_reason",
            "sender_comment",
        ]


class ChildIdentitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    birth_date = serializers.DateField()
    personal_code = serializers.CharField(source="personal_code_masked")


class HandoverDetailSerializer(HandoverSerializer):
    child = ChildIdentitySerializer(read_only=True)  # type: ignore[assignment]


class CostClaimSerializer(serializers.ModelSerializer):
    claimant_municipality: Atvk = Atvk(slug_field="atvk", read_only=True)
    payer_municipality: Atvk = Atvk(slug_field="atvk", read_only=True)
    residence_municipality: Atvk = Atvk(slug_field="atvk", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="submitted, accepted, disputed or withdrawn"
    )

    class Meta:
        model = CostClaim
        fields = [
            "id",
            "child_first_name",
            "child_last_name",
            "child_birth_date",
            "residence_municipality",
            "claimant_municipality",
            "payer_municipality",
            "basis",
            "description",
            "period_from",
            "period_to",
            "amount",
            "status",
            "dispute_reason",
            "created_at",
            "decided_at",
        ]
        read_only_fields = fields


class CostClaimCreateSerializer(serializers.Serializer):
    child_first_name = serializers.CharField(max_length=100)
    child_last_name = serializers.CharField(max_length=100)
    child_birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    personal_code = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="optional; it can be added later",
    )
    residence_municipality = core_apis.SlugRelatedField(
        slug_field="atvk",
        queryset=Municipality.objects.all(),
        help_text="ATVK code of the municipality where the child lives; the BTAL 67 engine "
        "names the paying municipality from it",
    )
    description = serializers.CharField()
    period_from = serializers.DateField()
    period_to = serializers.DateField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    basis = serializers.ChoiceField(choices=CostBasis.choices)
    claimant_municipality = core_apis.SlugRelatedField(
        slug_field="atvk",
        queryset=Municipality.objects.all(),
        required=False,
        help_text="ATVK code; needed only when you keep the registry of several municipalities",
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class HandoverListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Open and closed handovers to and from the municipalities whose registry you keep
    (no identities: GET a handover for the child's name, which is an audited read)."""

    access_rule = KEEPS_REGISTRY
    serializer_class = HandoverSerializer

    def get_queryset(self) -> QuerySet[Handover]:
        return handover_policy.visible(
            principal_for(self.request),
            Handover.objects.select_related("from_municipality", "to_municipality"),
        ).order_by("-proposed_at", "-pk")


class HandoverDetailApi(generics.RetrieveAPIView):  # type: ignore[type-arg]
    access_rule = KEEPS_REGISTRY
    serializer_class = HandoverDetailSerializer

    def get_object(self) -> Handover:
        handover = selectors.handover_get(
            principal=principal_for(self.request), pk=self.kwargs["pk"]
        )
        record_view(
            request=self.request._request,
            obj=handover.child,
            purpose="handover api",
            handover=handover.pk,
        )
        return handover


class _ActionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """POST an action on one record; 404 when not visible, 403 when not your side."""

    access_rule = KEEPS_REGISTRY
    side: str = ""
    response_serializer: type[serializers.BaseSerializer] = HandoverSerializer  # type: ignore[type-arg]
    serializer_class = serializers.Serializer

    def fetch(self, request: Request, pk: int) -> Model:
        raise NotImplementedError

    def perform(self, obj: Any, request: Request, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.fetch(request, kwargs["pk"])
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = call_service(lambda: self.perform(obj, request, dict(serializer.validated_data)))
        return Response(self.response_serializer(result).data)


class _HandoverActionApi(_ActionApi):
    def fetch(self, request: Request, pk: int) -> Handover:
        principal = principal_for(request)
        handover = selectors.handover_get(principal=principal, pk=pk)
        check = (
            handover_policy.can_decide if self.side == "receiver" else handover_policy.can_manage
        )
        if not check(principal, handover):
            raise PermissionDenied
        return handover


class HandoverAcceptApi(_HandoverActionApi):
    side = "receiver"

    @extend_schema(request=None, responses=HandoverSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)

    def perform(self, obj: Any, request: Request, data: dict[str, Any]) -> Any:
        return services.handover_accept(handover=obj, actor=signed_in_user(request._request))


class HandoverDisputeApi(_HandoverActionApi):
    side = "receiver"
    serializer_class = ReasonSerializer

    @extend_schema(request=ReasonSerializer, responses=HandoverSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)

    def perform(self, obj: Any, request: Request, data: dict[str, Any]) -> Any:
        return services.handover_dispute(
            handover=obj, actor=signed_in_user(request._request), reason=data.get("reason", "")
        )


class HandoverWithdrawApi(_HandoverActionApi):
    side = "sender"

    @extend_schema(request=None, responses=HandoverSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)

    def perform(self, obj: Any, request: Request, data: dict[str, Any]) -> Any:
        return services.handover_withdraw(handover=obj, actor=signed_in_user(request._request))


class CostClaimListApi(generics.ListCreateAPIView):  # type: ignore[type-arg]
    """Cost claims made by or to your municipalities; POST submits one: the child as you know
    it, where it lives, and the BTAL 67 engine names the paying municipality."""

    access_rule = KEEPS_REGISTRY
    serializer_class = CostClaimSerializer

    def get_queryset(self) -> QuerySet[CostClaim]:
        return selectors.claims_visible(principal=principal_for(self.request))

    def paginate_queryset(self, queryset: Any) -> Any:
        """The claims name their children (as the claimant entered them): each read recorded."""
        page = super().paginate_queryset(queryset)
        rows = list(queryset) if page is None else page
        selectors.claims_record_read(
            request=self.request._request, claims=rows, purpose="cost claim api"
        )
        return page

    @extend_schema(request=CostClaimCreateSerializer, responses={201: CostClaimSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = CostClaimCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        claimant = data.pop("claimant_municipality", None)
        mine = sorted(registry_municipalities(principal_for(request)))
        if claimant is None:
            if len(mine) != 1:
                raise ValidationError(
                    {"claimant_municipality": "give the ATVK code of the claimant municipality"}
                )
            claimant = Municipality.objects.get(pk=mine[0])
        child = services.ClaimChild(
            first_name=data.pop("child_first_name"),
            last_name=data.pop("child_last_name"),
            birth_date=data.pop("child_birth_date"),
            personal_code=data.pop("personal_code"),
            residence=data.pop("residence_municipality"),
        )
        claim = call_service(
            lambda: services.cost_claim_create(
                actor=signed_in_user(request._request),
                claimant_municipality=claimant,
                child=child,
                **data,
            )
        )
        return Response(CostClaimSerializer(claim).data, status=201)


class _ClaimActionApi(_ActionApi):
    response_serializer = CostClaimSerializer

    def fetch(self, request: Request, pk: int) -> CostClaim:
        principal = principal_for(request)
        claim = selectors.claim_get(principal=principal, pk=pk)
        check = claim_policy.can_decide if self.side == "payer" else claim_policy.can_manage
        if not check(principal, claim):
            raise PermissionDenied
        return claim


class CostClaimAcceptApi(_ClaimActionApi):
    side = "payer"

    @extend_schema(request=None, responses=CostClaimSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)

    def perform(self, obj: Any, request: Request, data: dict[str, Any]) -> Any:
        return services.cost_claim_accept(claim=obj, actor=signed_in_user(request._request))


class CostClaimDisputeApi(_ClaimActionApi):
    side = "payer"
    serializer_class = ReasonSerializer

    @extend_schema(request=ReasonSerializer, responses=CostClaimSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)

    def perform(self, obj: Any, request: Request, data: dict[str, Any]) -> Any:
        return services.cost_claim_dispute(
            claim=obj, actor=signed_in_user(request._request), reason=data.get("reason", "")
        )


class CostClaimWithdrawApi(_ClaimActionApi):
    side = "claimant"

    @extend_schema(request=None, responses=CostClaimSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)

    def perform(self, obj: Any, request: Request, data: dict[str, Any]) -> Any:
        return services.cost_claim_withdraw(claim=obj, actor=signed_in_user(request._request))


def _money(value: Any) -> str:
    return f"{value:.2f}"


class CostClaimTotalsApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Per counterpart municipality: claims whose period begins in ``year``, incoming (made to
    you) and outgoing (made by you), accepted and pending apart; amounts as decimal strings."""

    access_rule = KEEPS_REGISTRY
    serializer_class = serializers.Serializer

    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="default: this year"),
            OpenApiParameter(
                "municipality", OpenApiTypes.STR, description="ATVK; default: your first"
            ),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raw = request.query_params.get("year") or str(timezone.localdate().year)
        if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
            raise ValidationError({"year": "expected a year YYYY"})
        mine = Municipality.objects.filter(
            pk__in=registry_municipalities(principal_for(request))
        ).order_by("name")
        atvk = request.query_params.get("municipality")
        municipality = mine.filter(atvk=atvk).first() if atvk else mine.first()
        if municipality is None:
            raise ValidationError({"municipality": "not a municipality whose registry you keep"})
        rows = selectors.cost_claim_totals(municipality=municipality, year=int(raw))
        return Response(
            {
                "year": int(raw),
                "municipality": municipality.atvk,
                "counterparts": [
                    {
                        "municipality": row.name,
                        "municipality_id": row.municipality_id,
                        "incoming_accepted": _money(row.incoming_accepted),
                        "incoming_pending": _money(row.incoming_pending),
                        "outgoing_accepted": _money(row.outgoing_accepted),
                        "outgoing_pending": _money(row.outgoing_pending),
                    }
                    for row in rows
                ],
            }
        )
