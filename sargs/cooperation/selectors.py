"""Reads for cooperation groups and meetings, always through the policies."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from sargs.cases.casework.models import CaseStatus, TaskStatus
from sargs.cases.casework.selectors import record_reads_with_children
from sargs.organisations.models import Institution, Membership
from sargs.organisations.principal import Principal, principal_for
from sargs.organisations.roles import InstitutionType, Role

from .access import decision_task_policy, group_policy, meeting_policy
from .models import (
    AgendaItem,
    CooperationGroup,
    Decision,
    DecisionTask,
    GroupMember,
    Meeting,
    MeetingParticipant,
    MeetingStatus,
    ParticipantKind,
)


def _groups() -> QuerySet[CooperationGroup]:
    return CooperationGroup.objects.select_related(
        "municipality", "leader", "secretary", "support_unit"
    ).prefetch_related("joint_municipalities")


def group_list(*, principal: Principal) -> QuerySet[CooperationGroup]:
    """The groups the principal sees, with the number of current members."""
    return (
        group_policy.visible(principal, _groups())
        .annotate(member_count=Count("members", filter=Q(members__until__isnull=True)))
        .order_by("name", "pk")
    )


def group_get(*, principal: Principal, pk: int) -> CooperationGroup:
    return group_policy.get_visible_or_404(principal, _groups(), pk=pk)


def group_members(*, group: CooperationGroup) -> QuerySet[GroupMember]:
    return group.members.filter(until__isnull=True).select_related("institution", "person")


def group_municipality_ids(group: CooperationGroup) -> set[int]:
    return {group.municipality_id, *(m.pk for m in group.joint_municipalities.all())}


def _police_requirement(group: CooperationGroup) -> tuple[str, str]:
    """Municipal police, or State Police where the group's municipalities have none."""
    has_municipal = Institution.objects.filter(
        municipality__in=group_municipality_ids(group),
        type=InstitutionType.MUNICIPAL_POLICE,
        is_active=True,
    ).exists()
    if has_municipal:
        return InstitutionType.MUNICIPAL_POLICE.value, str(InstitutionType.MUNICIPAL_POLICE.label)
    return InstitutionType.STATE_POLICE.value, str(InstitutionType.STATE_POLICE.label)


def group_missing_members(*, group: CooperationGroup) -> list[str]:
    """The mandatory members (MK 545) the group still lacks, by name; empty when complete."""
    members = list(group_members(group=group))
    types = {m.institution.type for m in members}
    people = [m.person_id for m in members if m.person_id is not None]
    specialists = Membership.objects.active().filter(
        user_id__in=people, role=Role.EDUCATION_SPECIALIST
    )
    police_type, police_label = _police_requirement(group)
    missing = []
    if police_type not in types:
        missing.append(police_label)
    if InstitutionType.SOCIAL_SERVICE not in types:
        missing.append(str(InstitutionType.SOCIAL_SERVICE.label))
    if InstitutionType.EDUCATION_BOARD not in types and not specialists.exists():
        missing.append(_("Education board or an education specialist"))
    if InstitutionType.ORPHANS_COURT not in types:
        missing.append(str(InstitutionType.ORPHANS_COURT.label))
    return missing


def meeting_list(*, principal: Principal, group: CooperationGroup) -> QuerySet[Meeting]:
    return (
        meeting_policy.visible(principal, Meeting.objects.filter(group=group))
        .annotate(item_count=Count("items"))
        .order_by("-date", "-time", "-pk")
    )


def meeting_get(*, principal: Principal, pk: int) -> Meeting:
    return meeting_policy.get_visible_or_404(
        principal,
        Meeting.objects.select_related("group", "group__leader", "group__secretary"),
        pk=pk,
    )


def meeting_items(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    tasks = DecisionTask.objects.select_related("institution", "case_task")
    return (
        meeting.items.select_related(
            "case", "follow_up_of", "follow_up_of__institution", "decision"
        )
        .prefetch_related(Prefetch("decision__tasks", queryset=tasks))
        .order_by("position", "pk")
    )


def meeting_participants(*, meeting: Meeting) -> QuerySet[MeetingParticipant]:
    return meeting.participants.select_related("institution", "user").order_by("kind", "name", "pk")


@dataclass(frozen=True)
class Quorum:
    present: int
    members: int
    percent: int

    @property
    def reached(self) -> bool:
        return self.members > 0 and self.present * 100 > self.members * self.percent


def meeting_quorum(*, meeting: Meeting) -> Quorum:
    """Members present against the members invited (invited participants do not count)."""
    rows = meeting.participants.filter(kind=ParticipantKind.MEMBER)
    return Quorum(
        present=rows.filter(attended=True).count(),
        members=rows.count(),
        percent=meeting.group.quorum_percent,
    )


def _open(qs: QuerySet[DecisionTask]) -> QuerySet[DecisionTask]:
    return qs.filter(
        Q(case_task__isnull=True, status=TaskStatus.OPEN)
        | Q(case_task__status=TaskStatus.OPEN, case_task__case__status=CaseStatus.OPEN)
    )


def overdue_tasks(*, group: CooperationGroup, today: datetime.date) -> QuerySet[DecisionTask]:
    """The group's agreed actions still open after their deadline."""
    return _open(
        DecisionTask.objects.filter(decision__item__meeting__group=group, due_on__lt=today)
    ).select_related("institution", "case_task", "decision__item__meeting")


def group_tasks(*, principal: Principal, group: CooperationGroup) -> QuerySet[DecisionTask]:
    """The group's open agreed actions (case tasks and the group's own)."""
    return _open(
        decision_task_policy.visible(
            principal, DecisionTask.objects.filter(decision__item__meeting__group=group)
        )
    ).select_related("institution", "case_task", "decision__item__meeting", "decision__item")


def institution_group_tasks(*, principal: Principal) -> QuerySet[DecisionTask]:
    """Open group tasks outside cases assigned to the principal's institutions."""
    from sargs.organisations.roles import CHILD_DATA_ROLES

    return (
        DecisionTask.objects.filter(
            case_task__isnull=True,
            status=TaskStatus.OPEN,
            institution__in=principal.institutions(*CHILD_DATA_ROLES),
        )
        .select_related("institution", "decision__item__meeting__group")
        .order_by("due_on", "pk")
    )


def upcoming_meetings(*, principal: Principal, today: datetime.date) -> QuerySet[Meeting]:
    """Planned meetings from today on that the principal may open, the nearest first."""
    return (
        meeting_policy.visible(
            principal, Meeting.objects.filter(status=MeetingStatus.PLANNED, date__gte=today)
        )
        .select_related("group")
        .order_by("date", "time", "pk")
    )


# --- Reads recorded where they are made (ADR 0003) ---------------------------------------------
# A meeting's agenda, its documents and its agreed actions name children (the items' titles and
# cases): whatever shows them fetches through these, and the read is recorded against each
# child of the cases concerned, for the page, the API and the documents alike.


def _agenda_case_ids(meeting: Meeting) -> set[int]:
    """The cases the agenda is about: case items and the case tasks followed up or agreed."""
    rows = AgendaItem.objects.filter(meeting=meeting).values_list(
        "case_id", "follow_up_of__case_task__case_id", "decision__tasks__case_task__case_id"
    )
    return {pk for row in rows for pk in row if pk is not None}


def meeting_for_reading(*, request: HttpRequest, pk: int) -> Meeting:
    """The meeting the user may open (404 otherwise). When its agenda is open to them (an
    invited participant confirmed confidentiality first), the read is recorded against the
    meeting and every child of the cases on its agenda, in one INSERT."""
    principal = principal_for(request)
    meeting = meeting_get(principal=principal, pk=pk)
    if not meeting_policy.awaits_confidentiality(principal, meeting):
        record_reads_with_children(
            request=request,
            shown=[meeting],
            case_ids=_agenda_case_ids(meeting),
            purpose="cooperation meeting",
            meeting=meeting.pk,
        )
    return meeting


def item_for_reading(*, request: HttpRequest, pk: int) -> AgendaItem:
    """An agenda item of a meeting the user may open (404 otherwise; 403 before an invited
    participant confirms confidentiality), its read recorded against the item, its case and
    the case's children, in one INSERT."""
    principal = principal_for(request)
    item = (
        AgendaItem.objects.select_related(
            "meeting", "meeting__group", "case", "follow_up_of", "follow_up_of__case_task"
        )
        .filter(pk=pk, meeting__in=meeting_policy.visible(principal, Meeting.objects.all()))
        .first()
    )
    if item is None:
        raise Http404
    meeting_policy.require_confidentiality(principal, item.meeting)
    follow_up = item.follow_up_of.case_task if item.follow_up_of else None
    record_reads_with_children(
        request=request,
        shown=[item, *([item.case] if item.case else [])],
        case_ids=[item.case_id, follow_up.case_id if follow_up else None],
        purpose="cooperation meeting",
        meeting=item.meeting_id,
    )
    return item


def group_for_reading(*, request: HttpRequest, pk: int) -> CooperationGroup:
    """The group the user may open (404 otherwise), its read recorded with the children of the
    cases of its open agreed actions that the page lists, in one INSERT."""
    principal = principal_for(request)
    group = group_get(principal=principal, pk=pk)
    case_ids = group_tasks(principal=principal, group=group).values_list(
        "case_task__case_id", flat=True
    )
    record_reads_with_children(
        request=request,
        shown=[group],
        case_ids=list(case_ids),
        purpose="cooperation group",
    )
    return group


@dataclass(frozen=True)
class Invitation:
    """A meeting the user was invited to as a guest, and until when they may open it."""

    meeting: Meeting
    access_until: datetime.date
    open: bool


def guest_invitations(*, principal: Principal, today: datetime.date) -> list[Invitation]:
    """Meetings the principal was invited to as a guest: those still open to them, the nearest
    first, then those whose access ended, the latest first (one query)."""
    if principal.user_id is None:
        return []
    rows = (
        MeetingParticipant.objects.filter(user_id=principal.user_id, kind=ParticipantKind.GUEST)
        .select_related("meeting", "meeting__group")
        .order_by("-meeting__date", "-pk")
    )
    found = [
        Invitation(p.meeting, p.meeting.access_until, today <= p.meeting.access_until) for p in rows
    ]
    return sorted(
        found, key=lambda i: (not i.open, i.meeting.date if i.open else -i.meeting.date.toordinal())
    )


def guest_access_ended(
    *, principal: Principal, pk: int, today: datetime.date
) -> datetime.date | None:
    """The day the principal's guest access to meeting ``pk`` ended; None when they never had
    any (or have it still): the meeting page then answers 404 as for anyone else."""
    for invitation in guest_invitations(principal=principal, today=today):
        if invitation.meeting.pk == pk and not invitation.open:
            return invitation.access_until
    return None


def has_open_invitation(*, principal: Principal, today: datetime.date) -> bool:
    """Whether the principal is an invited guest of a meeting still open to them (one query:
    the menu shows them the way to their meetings)."""
    if principal.user_id is None:
        return False
    rows = MeetingParticipant.objects.filter(
        user_id=principal.user_id, kind=ParticipantKind.GUEST
    ).values_list("meeting__date", "meeting__group__guest_access_days")
    return any(today <= day + datetime.timedelta(days=days) for day, days in rows)


# --- Data subjects' requests (sargs.subjects) --------------------------------------------------
def cooperation_records_about_cases(
    case_ids: list[int],
) -> list[AgendaItem | Decision | DecisionTask]:
    """The cooperation group's agenda items on these cases, their decisions and the actions
    agreed. Reads only."""
    items = list(
        AgendaItem.objects.filter(case_id__in=case_ids)
        .select_related("meeting", "meeting__group")
        .order_by("pk")
    )
    decisions = list(Decision.objects.filter(item__in=items).order_by("pk"))
    tasks = list(
        DecisionTask.objects.filter(decision__in=decisions)
        .select_related("institution")
        .order_by("pk")
    )
    return [*items, *decisions, *tasks]
