from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.core import apis as core_apis
from sargs.core.access import SIGNED_IN

from . import selectors
from .access import institution_policy
from .models import Institution, Membership, Municipality
from .principal import principal_for, signed_in_user


class MunicipalitySerializer(serializers.ModelSerializer):
    successor: core_apis.SlugRelatedField = core_apis.SlugRelatedField(
        slug_field="atvk", read_only=True
    )

    class Meta:
        model = Municipality
        fields = [
            "atvk",
            "lau",
            "name",
            "kind",
            "iso_3166_2",
            "valid_from",
            "valid_to",
            "successor",
        ]


class InstitutionSerializer(serializers.ModelSerializer):
    municipality: core_apis.SlugRelatedField = core_apis.SlugRelatedField(
        slug_field="atvk", read_only=True
    )

    class Meta:
        model = Institution
        fields = [
            "id",
            "name",
            "type",
            "municipality",
            "registration_number",
            "email",
            "phone",
            "is_active",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    institution = InstitutionSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["role", "institution", "valid_from", "valid_to"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    roles = MembershipSerializer(many=True)


class MunicipalityListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """Reference data: every municipality, current and historical."""

    access_rule = SIGNED_IN
    serializer_class = MunicipalitySerializer
    queryset = Municipality.objects.select_related("successor").order_by("atvk")


class InstitutionListApi(generics.ListAPIView):  # type: ignore[type-arg]
    access_rule = SIGNED_IN
    serializer_class = InstitutionSerializer

    def get_queryset(self) -> QuerySet[Institution]:
        return selectors.institution_list(
            principal=principal_for(self.request),
            query=self.request.query_params.get("q", ""),
            institution_type=self.request.query_params.get("type", ""),
        )


class InstitutionDetailApi(generics.RetrieveAPIView):  # type: ignore[type-arg]
    access_rule = SIGNED_IN
    serializer_class = InstitutionSerializer

    def get_object(self) -> Institution:
        return institution_policy.get_visible_or_404(
            principal_for(self.request),
            Institution.objects.select_related("municipality"),
            pk=self.kwargs["pk"],
        )


class MeApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """The signed-in user and their active roles."""

    access_rule = SIGNED_IN
    serializer_class = MeSerializer

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = signed_in_user(request._request)
        roles = (
            Membership.objects.active()
            .filter(user=user)
            .select_related("institution__municipality")
        )
        data = {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "roles": roles,
        }
        return Response(MeSerializer(data).data)
