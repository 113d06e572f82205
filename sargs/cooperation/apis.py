"""Cooperation groups over the API: the same selectors, services and policies as the pages.
Case material is not served here: it is shown only on the agenda item's page, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from sargs.core.apis import call_service
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for, signed_in_user

from . import selectors, services
from .access import WORKS_WITH_GROUPS, group_policy, meeting_policy
from .models import (
    AgendaItem,
    CooperationGroup,
    DecisionTask,
    GroupMember,
    Meeting,
)


class MemberSerializer(serializers.ModelSerializer):
    institution_name = serializers.CharField(source="institution.name", read_only=True)

    class Meta:
        model = GroupMember
        fields = ["id", "institution", "institution_name", "person", "position", "since"]
        read_only_fields = fields


class GroupSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="draft, active or dissolved")

    class Meta:
        model = CooperationGroup
        fields = [
            "id",
            "name",
            "municipality",
            "joint_municipalities",
            "territory",
            "status",
            "activated_on",
            "leader",
            "secretary",
            "notice_working_days",
            "quorum_percent",
            "guest_access_days",
            "report_interval_months",
        ]
        read_only_fields = fields


class GroupDetailSerializer(GroupSerializer):
    members = serializers.SerializerMethodField()
    missing_members = serializers.SerializerMethodField(
        help_text="the mandatory members still missing (empty when complete)"
    )

    class Meta(GroupSerializer.Meta):
        fields = [*GroupSerializer.Meta.fields, "members", "missing_members"]
        read_only_fields = fields

    def get_members(self, obj: CooperationGroup) -> list[dict[str, Any]]:
        return MemberSerializer(selectors.group_members(group=obj), many=True).data  # type: ignore[return-value]

    def get_missing_members(self, obj: CooperationGroup) -> list[str]:
        return selectors.group_missing_members(group=obj)


class GroupListApi(generics.ListAPIView):  # type: ignore[type-arg]
    """The cooperation groups you see."""

    access_rule = WORKS_WITH_GROUPS
    serializer_class = GroupSerializer

    def get_queryset(self) -> QuerySet[CooperationGroup]:
        return selectors.group_list(principal=principal_for(self.request))


class GroupDetailApi(generics.RetrieveAPIView):  # type: ignore[type-arg]
    access_rule = WORKS_WITH_GROUPS
    serializer_class = GroupDetailSerializer

    def get_object(self) -> CooperationGroup:
        return selectors.group_get(principal=principal_for(self.request), pk=self.kwargs["pk"])


class MeetingSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text="scheduled or urgent")
    status = serializers.CharField(read_only=True, help_text="planned, held or cancelled")

    class Meta:
        model = Meeting
        fields = ["id", "group", "number", "kind", "date", "time", "place", "status", "held_at"]
        read_only_fields = fields


class MeetingCreateSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="scheduled or urgent")
    date = serializers.DateField()
    time = serializers.TimeField()
    place = serializers.CharField(max_length=200)


class GroupMeetingsApi(generics.ListCreateAPIView):  # type: ignore[type-arg]
    """A group's meetings; POST calls one (the leader or the secretary)."""

    access_rule = WORKS_WITH_GROUPS
    serializer_class = MeetingSerializer

    def group(self) -> CooperationGroup:
        return selectors.group_get(principal=principal_for(self.request), pk=self.kwargs["pk"])

    def get_queryset(self) -> QuerySet[Meeting]:
        return selectors.meeting_list(principal=principal_for(self.request), group=self.group())

    @extend_schema(request=MeetingCreateSerializer, responses={201: MeetingSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        group = self.group()
        if not group_policy.runs(principal_for(request), group):
            raise PermissionDenied
        incoming = MeetingCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        meeting = call_service(
            lambda: services.meeting_create(
                actor=signed_in_user(request._request), group=group, **incoming.validated_data
            )
        )
        return Response(MeetingSerializer(meeting).data, status=201)


class ActionSerializer(serializers.ModelSerializer):
    status = serializers.CharField(source="current_status", read_only=True)

    class Meta:
        model = DecisionTask
        fields = ["id", "title", "institution", "due_on", "case_task", "status"]
        read_only_fields = fields


class ItemSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(
        read_only=True, help_text="case, analysis, programme, ministry or follow_up"
    )
    decision = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "position", "kind", "title", "case", "follow_up_of", "facts", "decision"]
        read_only_fields = fields

    def get_decision(self, obj: AgendaItem) -> dict[str, Any] | None:
        decision = getattr(obj, "decision", None)
        if decision is None:
            return None
        return {
            "text": decision.text,
            "tasks": ActionSerializer(decision.tasks.all(), many=True).data,
        }


class QuorumSerializer(serializers.Serializer):
    present = serializers.IntegerField(help_text="members present")
    members = serializers.IntegerField(help_text="members of the group")
    reached = serializers.BooleanField()


class MeetingDetailSerializer(MeetingSerializer):
    """The meeting with its quorum and agenda, as the detail answers it."""

    quorum = QuorumSerializer(read_only=True)
    items = ItemSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "quorum", "items"]
        read_only_fields = fields


class MeetingDetailApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """A meeting with its agenda, decisions and agreed actions (no case material); the read
    is recorded against the children of the cases on the agenda."""

    access_rule = WORKS_WITH_GROUPS
    serializer_class = MeetingSerializer

    @extend_schema(responses=MeetingDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        meeting = selectors.meeting_for_reading(request=request._request, pk=pk)
        meeting_policy.require_confidentiality(principal_for(request), meeting)
        quorum = selectors.meeting_quorum(meeting=meeting)
        return Response(
            {
                **MeetingSerializer(meeting).data,
                "quorum": {
                    "present": quorum.present,
                    "members": quorum.members,
                    "reached": quorum.reached,
                },
                "items": ItemSerializer(selectors.meeting_items(meeting=meeting), many=True).data,
            }
        )


class ActionInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all())
    due_on = serializers.DateField()


class DecisionInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    facts = serializers.CharField(required=False, allow_blank=True, default="")
    tasks = ActionInputSerializer(many=True, required=False, default=list)


class DecisionRecordApi(generics.GenericAPIView):  # type: ignore[type-arg]
    """Record the decision on an agenda item with its agreed actions (leader, secretary)."""

    access_rule = WORKS_WITH_GROUPS
    serializer_class = DecisionInputSerializer

    @extend_schema(request=DecisionInputSerializer, responses={201: ItemSerializer})
    def post(self, request: Request, pk: int) -> Response:
        principal = principal_for(request)
        item = (
            AgendaItem.objects.select_related("meeting__group")
            .filter(pk=pk, meeting__in=meeting_policy.visible(principal, Meeting.objects.all()))
            .first()
        )
        if item is None:
            raise Http404
        meeting_policy.require_change(principal, item.meeting)
        chosen = item
        incoming = DecisionInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        call_service(
            lambda: services.decision_record(
                actor=signed_in_user(request._request),
                item=chosen,
                text=data["text"],
                facts=data["facts"],
                tasks=[services.ActionInput(**t) for t in data["tasks"]],
            )
        )
        item = AgendaItem.objects.select_related("decision").get(pk=item.pk)
        return Response(ItemSerializer(item).data, status=201)
