"""The registry over the API: the same policies, the same audit trail as the pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.audit.services import record_view, record_views
from sargs.core import apis as core_apis
from sargs.organisations.principal import principal_for

from . import selectors
from .access import KEEPS_REGISTRY
from .models import Child


class ChildListSerializer(serializers.ModelSerializer):
    municipality: core_apis.SlugRelatedField = core_apis.SlugRelatedField(
        slug_field="atvk", read_only=True
    )
    personal_code = serializers.CharField(source="personal_code_masked", read_only=True)

    class Meta:
        model = Child
        fields = [
            "id",
            "first_name",
            "last_name",
            "personal_code",
            "birth_date",
            "sex",
            "municipality",
            "household",
        ]


class ResidenceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    municipality = serializers.CharField(source="municipality.atvk")
    address = serializers.CharField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)


class RepresentationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.CharField()
    lives_with_child = serializers.BooleanField()
    first_name = serializers.CharField(source="representative.first_name")
    last_name = serializers.CharField(source="representative.last_name")
    residences = ResidenceSerializer(source="representative.residences.all", many=True)


class ChildDetailSerializer(ChildListSerializer):
    personal_code = serializers.CharField(read_only=True, allow_null=True)  # type: ignore[assignment]
    residences = ResidenceSerializer(many=True, read_only=True)
    representatives = RepresentationSerializer(
        source="representations.all", many=True, read_only=True
    )

    class Meta(ChildListSerializer.Meta):
        fields = [
            *ChildListSerializer.Meta.fields,
            "school",
            "has_disability",
            "disability_note",
            "residences",
            "representatives",
        ]


class ChildListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Children in the registries the user keeps; each child listed is an audited read."""

    access_rule = KEEPS_REGISTRY
    serializer_class = ChildListSerializer

    def get_queryset(self) -> QuerySet[Child]:
        return selectors.child_search(
            principal=principal_for(self.request),
            name=self.request.query_params.get("name", ""),
        )

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        record_views(request=self.request._request, objs=page or [], purpose="api list")
        return page


class ChildDetailApi(generics.RetrieveAPIView):  # type: ignore[type-arg]
    access_rule = KEEPS_REGISTRY
    serializer_class = ChildDetailSerializer

    def get_object(self) -> Child:
        child = selectors.child_get(principal=principal_for(self.request), pk=self.kwargs["pk"])
        record_view(request=self.request._request, obj=child)
        return child


def _as_of(request: Request) -> datetime.date:
    value = request.query_params.get("as_of")
    if not value:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({"as_of": "expected a date yyyy-mm-dd"}) from None


class ChildJurisdictionApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Which municipality is responsible for the child (BTAL 67), from the registry's data."""

    access_rule = KEEPS_REGISTRY
    serializer_class = serializers.Serializer

    @extend_schema(
        parameters=[
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="default: today"),
            OpenApiParameter("lang", OpenApiTypes.STR, enum=["lv", "en"]),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        child = selectors.child_get(principal=principal_for(request), pk=kwargs["pk"])
        lang = request.query_params.get("lang") or (get_language() or "lv")[:2]
        if lang not in ("lv", "en"):
            raise ValidationError({"lang": "expected 'lv' or 'en'"})
        answer = selectors.child_jurisdiction(child, _as_of(request), lang)  # type: ignore[arg-type]
        record_view(request=request._request, obj=child, purpose="jurisdiction")
        if answer.decision is None:
            raise ValidationError({"detail": answer.error})
        return Response(answer.decision.to_dict())
