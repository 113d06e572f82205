"""The audit trail over the API, as the page shows it: readable text in the user's language,
personal codes masked (``presentation``), never the raw JSON of the change (which holds full
personal codes and bare ids). Paged by a cursor over (time, id): no count, no offset, so a page
costs the same however long the trail is (ADR 0022)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, pagination, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.organisations.principal import principal_for

from .access import CAN_SEARCH_AUDIT
from .models import AuditEntry
from .presentation import EntryRow, present_entries
from .selectors import audit_entry_search


class AuditCursorPagination(pagination.CursorPagination):
    """Newest first; entries with the same time keep their order by id (the cursor remembers
    how many of them it has passed)."""

    ordering = ("-timestamp", "-id")
    page_size = 50


class ChangeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    field = serializers.CharField(source="label", help_text="the field's name, as on the page")
    before = serializers.CharField(allow_blank=True)
    after = serializers.CharField(allow_blank=True)
    operation = serializers.CharField(
        allow_blank=True, help_text="for a list of related records: added or removed"
    )


class DetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    field = serializers.CharField(help_text="what the detail is, e.g. the purpose of a read")
    value = serializers.CharField(allow_blank=True)


class AuditEntrySerializer(serializers.Serializer):  # type: ignore[type-arg]
    """One entry: the stored facts (id, time, actor's username, record type and id, address)
    and the readable row of the audit page (record, changes, details)."""

    id = serializers.IntegerField()
    timestamp = serializers.DateTimeField()
    actor = serializers.SerializerMethodField(help_text="username")
    action = serializers.CharField(source="get_action_display")
    record_type = serializers.SerializerMethodField()
    object_pk = serializers.CharField(allow_blank=True)
    record = serializers.SerializerMethodField(help_text="the record's name, personal codes masked")
    remote_addr = serializers.CharField(allow_null=True)
    changes = serializers.SerializerMethodField()
    details = serializers.SerializerMethodField()

    def _row(self, obj: AuditEntry) -> EntryRow:
        rows: dict[int, EntryRow] = self.context["rows"]
        return rows[obj.pk]

    def get_actor(self, obj: AuditEntry) -> str | None:
        return obj.actor.username if obj.actor is not None else None

    def get_record_type(self, obj: AuditEntry) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"

    def get_record(self, obj: AuditEntry) -> str:
        return self._row(obj).record

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, obj: AuditEntry) -> list[dict[str, str]]:
        return ChangeSerializer(self._row(obj).changes, many=True).data  # type: ignore[return-value]

    @extend_schema_field(DetailSerializer(many=True))
    def get_details(self, obj: AuditEntry) -> list[dict[str, str]]:
        return [{"field": label, "value": value} for label, value in self._row(obj).context]


class AuditEntryListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """The audit trail of the coordinator's municipality, newest first (read-only)."""

    access_rule = CAN_SEARCH_AUDIT
    serializer_class = AuditEntrySerializer
    pagination_class = AuditCursorPagination

    def get_queryset(self) -> QuerySet[AuditEntry]:
        params = self.request.query_params
        return audit_entry_search(
            principal=principal_for(self.request),
            actor_username=params.get("actor", ""),
            object_type=params.get("record_type", ""),
            object_pk=params.get("object_pk", ""),
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("actor", OpenApiTypes.STR, description="username"),
            OpenApiParameter(
                "record_type", OpenApiTypes.STR, description="app_label.model, e.g. registry.child"
            ),
            OpenApiParameter("object_pk", OpenApiTypes.STR, description="the record's id"),
        ]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        entries = list(page or [])
        rows = {row.pk: row for row in present_entries(entries)}
        context = {**self.get_serializer_context(), "rows": rows}
        serializer = AuditEntrySerializer(entries, many=True, context=context)
        return self.get_paginated_response(serializer.data)
