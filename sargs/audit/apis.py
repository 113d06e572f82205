from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import generics, serializers

from sargs.core import apis as core_apis
from sargs.organisations.principal import principal_for

from .access import CAN_SEARCH_AUDIT
from .models import AuditEntry
from .selectors import audit_entry_search


class AuditEntrySerializer(serializers.ModelSerializer):
    actor: core_apis.SlugRelatedField = core_apis.SlugRelatedField(
        slug_field="username", read_only=True
    )
    record_type = serializers.SerializerMethodField()
    action = serializers.CharField(source="get_action_display")

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "timestamp",
            "actor",
            "action",
            "record_type",
            "object_pk",
            "object_repr",
            "remote_addr",
            "changes",
        ]

    def get_record_type(self, obj: AuditEntry) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class AuditEntryListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """The audit trail of the coordinator's municipality, newest first (read-only)."""

    access_rule = CAN_SEARCH_AUDIT
    serializer_class = AuditEntrySerializer

    def get_queryset(self) -> QuerySet[AuditEntry]:
        params = self.request.query_params
        return audit_entry_search(
            principal=principal_for(self.request),
            actor_username=params.get("actor", ""),
            object_type=params.get("record_type", ""),
            object_pk=params.get("object_pk", ""),
        )
