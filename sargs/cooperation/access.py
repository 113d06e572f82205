"""Who sees and runs cooperation groups (docs/adr/0010-cooperation-groups.md).

* The **coordinators** of the group's municipality create and configure it; coordinators of
  the other municipalities of a joint group see it.
* The **leader and the secretary** run its meetings, agendas, attendance and minutes.
* **Members** see the group and its meetings: the representatives named as members, and
  staff holding the cooperation-group-member role in a member institution.
* An **invited participant** sees only the meeting they were invited to, until its access
  period ends (the meeting day plus the group's ``guest_access_days``), and the case summary
  of the cases on its agenda only within that period, after confirming confidentiality.
* **Councillors** of the group's municipality see only the aggregated council report.
* Everyone else, other municipalities included: 404.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sargs.core.policy import Permission, Policy
from sargs.organisations.grants import (
    CHILD_DATA_STAFF,
    COORDINATORS,
    COUNCILLORS,
    IS_COORDINATOR,
    SEES_CHILD_DATA,
)
from sargs.organisations.principal import Principal
from sargs.organisations.roles import Role

from .models import (
    AgendaItem,
    CooperationGroup,
    DecisionTask,
    GroupMember,
    Meeting,
    MeetingParticipant,
    ParticipantKind,
)

__all__ = [
    "IS_COORDINATOR",
    "SEES_COUNCIL_REPORT",
    "WORKS_WITH_GROUPS",
    "decision_task_policy",
    "group_policy",
    "meeting_policy",
]


def _today() -> datetime.date:
    return timezone.localdate()


#: Access rule: any role that reads children's data (members and invited participants come
#: from every kind of institution); the policies narrow it to their own groups.
WORKS_WITH_GROUPS = SEES_CHILD_DATA
#: Access rule: councillors and the people who work with groups.
SEES_COUNCIL_REPORT = COUNCILLORS.rule | SEES_CHILD_DATA


def _in_municipalities(municipalities: frozenset[int]) -> Q:
    joint = CooperationGroup.joint_municipalities.through._default_manager.filter(
        cooperationgroup_id=OuterRef("pk"), municipality_id__in=municipalities
    )
    return Q(municipality__in=municipalities) | Q(Exists(joint))


def _member_rows(principal: Principal) -> QuerySet[GroupMember]:
    return GroupMember.objects.filter(until__isnull=True).filter(
        Q(person_id=principal.user_id)
        | Q(institution__in=principal.institutions(Role.COOPERATION_GROUP_MEMBER))
    )


class GroupPolicy(Policy[CooperationGroup]):
    subject = "cooperation groups"
    permissions = (
        Permission(
            "see",
            (COORDINATORS,),
            scope="municipality (or a joint group's)",
            also=("the group's leader, secretary and members",),
        ),
        Permission("create", (COORDINATORS,)),
        Permission("change", (COORDINATORS,)),
        Permission("run", also=("the group's leader and secretary",)),
        Permission("read report", (COUNCILLORS,), also=("whoever sees the group",)),
    )

    def visible(
        self, principal: Principal, queryset: QuerySet[CooperationGroup]
    ) -> QuerySet[CooperationGroup]:
        if principal.user_id is None or not principal.sees_child_data:
            return queryset.none()
        member = _member_rows(principal).filter(group=OuterRef("pk"))
        return queryset.filter(
            _in_municipalities(self.municipalities(principal, "see"))
            | Q(leader_id=principal.user_id)
            | Q(secretary_id=principal.user_id)
            | Exists(member)
        )

    def creatable_in(self, principal: Principal) -> frozenset[int]:
        """Municipalities the principal may create a group for."""
        return self.municipalities(principal, "create")

    def can_change(self, principal: Principal, obj: CooperationGroup) -> bool:
        """Configure: members, leader, secretary, settings, activation."""
        return obj.municipality_id in self.municipalities(principal, "change")

    def runs(self, principal: Principal, obj: CooperationGroup) -> bool:
        """Meetings, agendas, attendance, decisions and minutes."""
        return principal.user_id is not None and principal.user_id in (
            obj.leader_id,
            obj.secretary_id,
        )

    def reported(
        self, principal: Principal, queryset: QuerySet[CooperationGroup]
    ) -> QuerySet[CooperationGroup]:
        """Groups whose council report the principal may read."""
        councils = self.municipalities(principal, "read report")
        return queryset.filter(
            Q(pk__in=self.visible(principal, CooperationGroup.objects.all()).values("pk"))
            | _in_municipalities(councils)
        )


def open_guest_meetings(principal: Principal, today: datetime.date | None = None) -> list[int]:
    """Meetings the principal was invited to whose access period has not ended."""
    if principal.user_id is None:
        return []
    today = today or _today()
    rows = MeetingParticipant.objects.filter(
        user_id=principal.user_id, kind=ParticipantKind.GUEST
    ).values_list("meeting_id", "meeting__date", "meeting__group__guest_access_days")
    return [pk for pk, day, days in rows if today <= day + datetime.timedelta(days=days)]


class MeetingPolicy(Policy[Meeting]):
    subject = "meetings, agendas and minutes"
    permissions = (
        Permission(
            "see",
            also=(
                "whoever sees the group",
                "an invited participant: that meeting, until its access period ends",
            ),
        ),
        Permission("change", also=("the group's leader and secretary",)),
        Permission(
            "see case material",
            also=("participants who confirmed confidentiality (guests within the period)",),
        ),
    )

    def visible(self, principal: Principal, queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
        groups = group_policy.visible(principal, CooperationGroup.objects.all())
        return queryset.filter(
            Q(group__in=groups.values("pk")) | Q(pk__in=open_guest_meetings(principal))
        )

    def can_change(self, principal: Principal, obj: Meeting) -> bool:
        return group_policy.runs(principal, obj.group)

    def participant(self, principal: Principal, meeting: Meeting) -> MeetingParticipant | None:
        if principal.user_id is None:
            return None
        return meeting.participants.filter(user_id=principal.user_id).first()

    def awaits_confidentiality(self, principal: Principal, meeting: Meeting) -> bool:
        """An invited participant who has not yet confirmed confidentiality.

        The agenda (whose titles name children), the items' pages, the invitation and the
        minutes stay closed to them until they confirm. Members see those as ADR 0010 says;
        the case summary needs every participant's confirmation (``sees_case_material``). A
        guest who also sees the group (a member invited by name) is treated as a member."""
        participant = self.participant(principal, meeting)
        if participant is None or participant.kind != ParticipantKind.GUEST:
            return False
        if participant.confidentiality_confirmed_at is not None:
            return False
        groups = CooperationGroup.objects.filter(pk=meeting.group_id)
        return not group_policy.visible(principal, groups).exists()

    def require_confidentiality(self, principal: Principal, meeting: Meeting) -> None:
        """403 for an invited participant who has not confirmed confidentiality."""
        if self.awaits_confidentiality(principal, meeting):
            raise PermissionDenied

    def sees_case_material(
        self,
        principal: Principal,
        item: AgendaItem,
        participant: MeetingParticipant | None,
        today: datetime.date | None = None,
    ) -> bool:
        """The case summary of an agenda item: participants who confirmed confidentiality;
        invited participants only within the meeting's access period."""
        if item.case_id is None or participant is None:
            return False
        if participant.meeting_id != item.meeting_id:
            return False
        if participant.confidentiality_confirmed_at is None:
            return False
        if participant.kind == ParticipantKind.GUEST:
            today = today or _today()
            meeting = item.meeting
            return meeting.date <= today <= meeting.access_until
        return True


class DecisionTaskPolicy(Policy[DecisionTask]):
    subject = "tasks from the group's decisions"
    permissions = (
        Permission(
            "see",
            (CHILD_DATA_STAFF,),
            scope="responsible institution",
            also=("whoever sees the group",),
        ),
        Permission(
            "change",
            (CHILD_DATA_STAFF,),
            scope="responsible institution",
            also=("the group's leader and secretary", "a case task: only through the case"),
        ),
    )

    def visible(
        self, principal: Principal, queryset: QuerySet[DecisionTask]
    ) -> QuerySet[DecisionTask]:
        groups = group_policy.visible(principal, CooperationGroup.objects.all())
        return queryset.filter(
            Q(decision__item__meeting__group__in=groups.values("pk"))
            | Q(institution__in=self.institutions(principal, "see"))
        )

    def can_change(self, principal: Principal, obj: DecisionTask) -> bool:
        """Report a group task done: the responsible institution, the leader, the secretary."""
        if obj.case_task_id is not None:
            return False  # done through the case, where the work is
        return obj.institution_id in self.institutions(principal, "change") or group_policy.runs(
            principal, obj.decision.item.meeting.group
        )


group_policy = GroupPolicy()
meeting_policy = MeetingPolicy()
decision_task_policy = DecisionTaskPolicy()
