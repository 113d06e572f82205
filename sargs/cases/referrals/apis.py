"""Referrals and the results of the services over the API: the same services, policy and
audit as the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework.access import IS_COORDINATOR, MANAGES_CASES, SEES_CASES
from sargs.cases.casework.forms import outcome_year
from sargs.cases.casework.models import SupportArea
from sargs.core.apis import call_service
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for, signed_in_user
from sargs.services.access import SEES_CAPACITY, capacity_municipalities
from sargs.services.models import MunicipalService, ProviderContract

from . import selectors
from . import services as rs
from .access import referral_policy
from .models import REFERRAL_FINAL, REFERRAL_OPEN, OutcomeRating, Referral


class ReferralSerializer(serializers.ModelSerializer):
    hours_given = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "service",
            "contract",
            "provider",
            "status",
            "requested_on",
            "planned_from",
            "planned_to",
            "planned_hours",
            "areas",
            "shared_note",
            "urgency_reason",
            "assistant",
            "assistant_override_reason",
            "cooperation_agreed_on",
            "started_on",
            "ended_on",
            "outcome_rating",
            "outcome",
            "hours_given",
        ]
        read_only_fields = fields

    def get_hours_given(self, obj: Referral) -> str:
        return f"{selectors.referral_hours(obj):.2f}"


class ReferralListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Referrals you see: a provider only those to its institution. ``status``: open (default)
    or closed."""

    access_rule = SEES_CASES
    serializer_class = ReferralSerializer

    def get_queryset(self) -> QuerySet[Referral]:
        closed = self.request.query_params.get("status") == "closed"
        qs = Referral.objects.filter(
            status__in=REFERRAL_FINAL if closed else REFERRAL_OPEN
        ).prefetch_related("sessions")
        return referral_policy.visible(principal_for(self.request), qs).order_by("-pk")

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset) or []
        case_selectors.record_reads_with_children(
            request=self.request._request,
            shown=page,
            case_ids=[r.case_id for r in page],
            purpose="referral api",
        )
        return page

    @extend_schema(parameters=[OpenApiParameter("status", OpenApiTypes.STR)])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _get(request: Request, pk: int) -> Referral:
    return referral_policy.get_visible_or_404(
        principal_for(request),
        Referral.objects.select_related("case", "service__service_type__parent"),
        pk=pk,
    )


class ReferralDetailApi(generics.GenericAPIView):  # type: ignore[type-arg]
    access_rule = SEES_CASES
    serializer_class = ReferralSerializer

    def get(self, request: Request, pk: int) -> Response:
        referral = _get(request, pk)
        case_selectors.record_reads_with_children(
            request=request._request,
            shown=[referral],
            case_ids=[referral.case_id],
            purpose="referral api",
        )
        return Response(ReferralSerializer(referral).data)


class ReferralCreateSerializer(serializers.Serializer):
    service = serializers.PrimaryKeyRelatedField(queryset=MunicipalService.objects.all())
    contract = serializers.PrimaryKeyRelatedField(
        queryset=ProviderContract.objects.all(), required=False, allow_null=True, default=None
    )
    provider = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.all(), required=False, allow_null=True, default=None
    )
    planned_from = serializers.DateField()
    planned_to = serializers.DateField(required=False, allow_null=True, default=None)
    planned_hours = serializers.DecimalField(
        max_digits=7, decimal_places=2, required=False, allow_null=True, default=None
    )
    areas = serializers.ListField(
        child=serializers.ChoiceField(SupportArea.choices), required=False, default=list
    )
    shared_note = serializers.CharField(required=False, allow_blank=True, default="")
    urgency_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="a family assistant referral on a case without an assessment and a plan",
    )


class ReferralCreateApi(generics.GenericAPIView):  # type: ignore[type-arg]
    access_rule = MANAGES_CASES
    serializer_class = ReferralCreateSerializer

    @extend_schema(request=ReferralCreateSerializer, responses={201: ReferralSerializer})
    def post(self, request: Request, pk: int) -> Response:
        case = case_selectors.case_get_for_change(principal=principal_for(request), pk=pk)
        data = ReferralCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = call_service(
            lambda: rs.referral_create(
                case=case, actor=signed_in_user(request._request), **data.validated_data
            )
        )
        return Response(ReferralSerializer(referral).data, status=201)


class ReferralActionSerializer(serializers.Serializer):
    agreed_on = serializers.DateField(required=False, help_text="cooperation")
    held_on = serializers.DateField(required=False, help_text="sessions")
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, help_text="sessions"
    )
    areas = serializers.ListField(
        child=serializers.ChoiceField(SupportArea.choices), required=False, help_text="sessions"
    )
    note = serializers.CharField(required=False, allow_blank=True, help_text="sessions")
    outcome_rating = serializers.ChoiceField(
        OutcomeRating.choices, required=False, help_text="complete"
    )
    outcome = serializers.CharField(required=False, allow_blank=True, help_text="complete, end")


Action = Callable[..., Any]
# action → (side allowed, service, accepted fields)
ACTIONS: dict[str, tuple[str, Action, tuple[str, ...]]] = {
    "accept": ("provide", rs.referral_accept, ()),
    "waitlist": ("provide", rs.referral_waitlist, ()),
    "cooperation": ("change", rs.referral_record_cooperation, ("agreed_on",)),
    "start": ("provide", rs.referral_start, ()),
    "sessions": ("provide", rs.referral_session_add, ("held_on", "hours", "areas", "note")),
    "complete": ("change", rs.referral_complete, ("outcome_rating", "outcome")),
    "end": ("change", rs.referral_end, ("outcome",)),
}


class ReferralActionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """POST a transition: accept, waitlist, start, sessions (provider); cooperation, complete,
    end (provider or the case's side). 404 when not visible, 403 when not your side."""

    access_rule = SEES_CASES
    serializer_class = ReferralActionSerializer

    @extend_schema(request=ReferralActionSerializer, responses=ReferralSerializer)
    def post(self, request: Request, pk: int, action: str) -> Response:
        if action not in ACTIONS:
            raise NotFound
        side, service, fields = ACTIONS[action]
        referral = _get(request, pk)
        principal = principal_for(request)
        allowed = (
            referral_policy.can_provide(principal, referral)
            if side == "provide"
            else referral_policy.can_change(principal, referral)
        )
        if not allowed:
            raise PermissionDenied
        data = ReferralActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        kwargs = {k: v for k, v in data.validated_data.items() if k in fields}
        missing = [f for f in fields if f not in kwargs and f not in ("areas", "note")]
        if missing:
            raise ValidationError({f: "required" for f in missing})
        call_service(
            lambda: service(referral=referral, actor=signed_in_user(request._request), **kwargs)
        )
        referral.refresh_from_db()
        return Response(ReferralSerializer(referral).data)


# --- Results of the services ------------------------------------------------------------------

PARAMETERS = [
    OpenApiParameter("municipality", OpenApiTypes.STR, description="ATVK code"),
    OpenApiParameter("year", OpenApiTypes.INT),
]


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


class ServiceResultsApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Coordinators: per service and year, families and children served, hours, cost (EUR),
    children kept in / returned to their family, and the time families waited."""

    access_rule = IS_COORDINATOR
    serializer_class = serializers.Serializer

    @extend_schema(parameters=PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        municipality = selectors.chosen_municipality(
            selectors.coordinator_municipalities(principal_for(request)),
            request.query_params.get("municipality"),
        )
        year = outcome_year(request.query_params.get("year"))
        rows = selectors.service_results(municipality=municipality, year=year)
        return Response(
            {
                "municipality": municipality.atvk,
                "year": year,
                "services": [
                    {
                        "service_id": r.service_id,
                        "service": r.service,
                        "families": r.families,
                        "children": r.children,
                        "hours": _money(r.hours),
                        "cost": _money(r.cost),
                        "kept_in_family": r.kept_in_family,
                        "returned_to_family": r.returned_to_family,
                    }
                    for r in rows
                ],
                "waiting": [
                    {
                        "service_id": w.service_id,
                        "service": w.service,
                        "referrals": w.referrals,
                        "median_days": w.median_days,
                        "max_days": w.max_days,
                    }
                    for w in selectors.waiting_times(municipality=municipality, year=year)
                ],
            }
        )


class ServiceResultsSummaryApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Councillors, national analysts and managers: the results with counts 1–4 suppressed.
    Every count is the displayed string ("12", "<5", "×"), never the raw small count; hours
    and cost are null where the families count is hidden."""

    access_rule = SEES_CAPACITY
    serializer_class = serializers.Serializer

    @extend_schema(parameters=PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        municipality = selectors.chosen_municipality(
            capacity_municipalities(principal_for(request)),
            request.query_params.get("municipality"),
        )
        year = outcome_year(request.query_params.get("year"))
        summary = selectors.results_summary(
            selectors.service_results(municipality=municipality, year=year)
        )
        columns = ("families", "children", "kept_in_family", "returned_to_family")
        return Response(
            {
                "municipality": municipality.atvk,
                "year": year,
                "services": [
                    {
                        "service": row.service,
                        **{c: cell.display for c, cell in zip(columns, row.cells, strict=True)},
                        "hours": _money(row.hours),
                        "cost": _money(row.cost),
                    }
                    for row in summary.rows
                ],
                "total": {
                    **{c: cell.display for c, cell in zip(columns, summary.totals, strict=True)},
                    "hours": _money(summary.hours),
                    "cost": _money(summary.cost),
                },
            }
        )
