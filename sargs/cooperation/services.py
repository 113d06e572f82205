"""Writes for cooperation groups, meetings, decisions and agreed actions. Keyword arguments
only, one transaction each, the actor checked against the policy, a ValidationError a person
can act on for every refusal. Tasks on a case go through the case services, so that they
appear in the responsible institution's worklist and on the case's timeline."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework import services as case_services
from sargs.cases.casework.messages import message
from sargs.cases.casework.models import Case, CaseStatus, Task, TaskStatus
from sargs.core.workdays import add_working_days
from sargs.organisations.models import Institution, Membership, Municipality, User
from sargs.organisations.principal import principal_for_user

from . import selectors
from .access import group_policy
from .models import (
    AgendaItem,
    CooperationGroup,
    Decision,
    DecisionTask,
    GroupMember,
    GroupStatus,
    GuestType,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
    ParticipantKind,
)

# Settings a coordinator may change (the bylaws' content and the meeting rules).
GROUP_SETTINGS = (
    "name",
    "territory",
    "leader",
    "secretary",
    "support_unit",
    "information_exchange",
    "agenda_preparation",
    "report_interval_months",
    "notice_working_days",
    "quorum_percent",
    "guest_access_days",
)


def _today() -> datetime.date:
    return timezone.localdate()


# --- Groups -------------------------------------------------------------------------------


def _configured(group: CooperationGroup, actor: User) -> CooperationGroup:
    group = CooperationGroup.objects.select_for_update().get(pk=group.pk)
    if not group_policy.can_change(principal_for_user(actor), group):
        raise PermissionDenied
    if group.status == GroupStatus.DISSOLVED:
        raise ValidationError(_("The group is dissolved; it cannot be changed."))
    return group


def _check_people(group: CooperationGroup, leader: User | None, secretary: User | None) -> None:
    ids = selectors.group_municipality_ids(group)
    for field, person in (("leader", leader), ("secretary", secretary)):
        if person is None:
            continue
        works_here = Membership.objects.active().filter(
            user=person, institution__municipality__in=ids
        )
        if not works_here.exists():
            raise ValidationError(
                {field: _("Choose a person working in the group's municipality.")}
            )


@transaction.atomic
def group_create(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    territory: str = "",
    joint_municipalities: Iterable[Municipality] = (),
    **settings: object,
) -> CooperationGroup:
    """A coordinator creates a group for their municipality (joint with others if given)."""
    if municipality.pk not in group_policy.creatable_in(principal_for_user(actor)):
        raise PermissionDenied
    unknown = set(settings) - set(GROUP_SETTINGS)
    if unknown:
        raise ValidationError(_("Unknown settings: %(names)s") % {"names": ", ".join(unknown)})
    group = CooperationGroup(
        municipality=municipality, name=name.strip(), territory=territory, created_by=actor
    )
    for field, value in settings.items():
        setattr(group, field, value)
    group.full_clean()
    group.save()
    group.joint_municipalities.set([m for m in joint_municipalities if m.pk != municipality.pk])
    _check_people(group, group.leader, group.secretary)
    return group


def _require_only_active_group(group: CooperationGroup) -> None:
    """One active group per territory of a municipality (the whole municipality when the
    territory is blank): a second one must name a different territory."""
    territory = " ".join(group.territory.split()).casefold()
    for other in CooperationGroup.objects.filter(
        municipality_id=group.municipality_id, status=GroupStatus.ACTIVE
    ).exclude(pk=group.pk):
        if " ".join(other.territory.split()).casefold() == territory:
            raise ValidationError(
                _(
                    "“%(name)s” is already the active cooperation group for this territory. "
                    "Close it first, or give this group a territory of its own."
                )
                % {"name": other.name}
            )


@transaction.atomic
def group_update(*, actor: User, group: CooperationGroup, **changes: object) -> CooperationGroup:
    """Change the group's people, bylaws content or meeting rules."""
    group = _configured(group, actor)
    unknown = set(changes) - set(GROUP_SETTINGS)
    if unknown:
        raise ValidationError(_("Unknown settings: %(names)s") % {"names": ", ".join(unknown)})
    for field, value in changes.items():
        setattr(group, field, value)
    _check_people(group, group.leader, group.secretary)
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def group_member_add(
    *,
    actor: User,
    group: CooperationGroup,
    institution: Institution,
    person: User | None = None,
    position: str = "",
) -> GroupMember:
    """Add an institution (and its representative) to the group."""
    group = _configured(group, actor)
    if institution.municipality_id not in (None, *selectors.group_municipality_ids(group)):
        raise ValidationError(
            {"institution": _("Choose an institution of the group's municipalities.")}
        )
    if person is not None:
        works_there = Membership.objects.active().filter(user=person, institution=institution)
        if not works_there.exists():
            raise ValidationError(
                {"person": _("The representative must work in the chosen institution.")}
            )
    if group.members.filter(institution=institution, person=person, until__isnull=True).exists():
        raise ValidationError(_("This member is already in the group."))
    member = GroupMember(
        group=group, institution=institution, person=person, position=position, since=_today()
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def group_member_end(*, actor: User, member: GroupMember) -> GroupMember:
    """The member leaves the group; an active group must keep its mandatory members."""
    group = _configured(member.group, actor)
    member = GroupMember.objects.select_for_update().get(pk=member.pk)
    if member.until is not None:
        raise ValidationError(_("This member has already left the group."))
    member.until = _today()
    member.full_clean()
    member.save()
    if group.is_active:
        missing = selectors.group_missing_members(group=group)
        if missing:
            raise ValidationError(
                _("An active group must keep its mandatory members; missing then: %(names)s.")
                % {"names": ", ".join(missing)}
            )
    return member


@transaction.atomic
def group_activate(
    *, actor: User, group: CooperationGroup, today: datetime.date | None = None
) -> CooperationGroup:
    """The group starts work: only with every mandatory member, a leader and a secretary."""
    group = _configured(group, actor)
    if group.is_active:
        raise ValidationError(_("The group is already active."))
    missing = selectors.group_missing_members(group=group)
    if missing:
        raise ValidationError(
            _("The group cannot become active without its mandatory members: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    if group.leader_id is None or group.secretary_id is None:
        raise ValidationError(_("Name the group's leader and secretary first."))
    _require_only_active_group(group)
    group.status = GroupStatus.ACTIVE
    group.activated_on = today or _today()
    group.full_clean()
    group.save()
    return group


# --- Meetings -----------------------------------------------------------------------------


def _run_meeting(meeting: Meeting, actor: User, *, planned_only: bool = True) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("group").get(pk=meeting.pk)
    )
    if not group_policy.runs(principal_for_user(actor), meeting.group):
        raise PermissionDenied
    if planned_only and meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("The minutes of this meeting are closed."))
    return meeting


def _member_participants(meeting: Meeting) -> list[MeetingParticipant]:
    group = meeting.group
    rows = []
    seen: set[int] = set()
    for member in selectors.group_members(group=group):
        if member.person_id is not None and member.person_id in seen:
            continue
        if member.person_id is not None:
            seen.add(member.person_id)
        rows.append(
            MeetingParticipant(
                meeting=meeting,
                kind=ParticipantKind.MEMBER,
                member=member,
                user=member.person,
                name=str(member.person) if member.person else member.institution.name,
                institution=member.institution,
            )
        )
    for person in (group.leader, group.secretary):
        if person is not None and person.pk not in seen:
            seen.add(person.pk)
            first = Membership.objects.active().filter(user=person).select_related("institution")
            membership = first.first()
            rows.append(
                MeetingParticipant(
                    meeting=meeting,
                    kind=ParticipantKind.MEMBER,
                    user=person,
                    name=str(person),
                    institution=membership.institution if membership else None,
                )
            )
    return rows


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    group: CooperationGroup,
    kind: str,
    date: datetime.date,
    time: datetime.time,
    place: str,
    today: datetime.date | None = None,
) -> Meeting:
    """Call a meeting: scheduled ones with the group's notice period, urgent ones at once.
    The members are invited, and the group's overdue actions go on the agenda."""
    group = CooperationGroup.objects.select_for_update().get(pk=group.pk)
    if not group_policy.runs(principal_for_user(actor), group):
        raise PermissionDenied
    if not group.is_active:
        raise ValidationError(_("The group is not active yet: it cannot hold meetings."))
    today = today or _today()
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Choose scheduled or urgent.")})
    if kind == MeetingKind.SCHEDULED:
        earliest = add_working_days(today, group.notice_working_days)
        if date < earliest:
            raise ValidationError(
                {
                    "date": _(
                        "A scheduled meeting needs %(days)s working days' notice: "
                        "%(date)s at the earliest, or call an urgent meeting."
                    )
                    % {"days": group.notice_working_days, "date": earliest.strftime("%d.%m.%Y")}
                }
            )
    elif date < today:
        raise ValidationError({"date": _("The date must not be in the past.")})
    number = (group.meetings.aggregate(n=Max("number"))["n"] or 0) + 1
    meeting = Meeting(
        group=group, number=number, kind=kind, date=date, time=time, place=place, created_by=actor
    )
    meeting.full_clean()
    meeting.save()
    MeetingParticipant.objects.bulk_create(_member_participants(meeting))
    _add_overdue(meeting, actor, today)
    return meeting


def _next_position(meeting: Meeting) -> int:
    return (meeting.items.aggregate(n=Max("position"))["n"] or 0) + 1


def _add_overdue(meeting: Meeting, actor: User | None, today: datetime.date) -> int:
    """Put the group's overdue actions not yet on this agenda on it, as follow-up items."""
    already = set(meeting.items.exclude(follow_up_of=None).values_list("follow_up_of", flat=True))
    added = 0
    for task in selectors.overdue_tasks(group=meeting.group, today=today):
        if task.pk in already or task.decision.item.meeting_id == meeting.pk:
            continue
        item = AgendaItem(
            meeting=meeting,
            position=_next_position(meeting),
            kind=ItemKind.FOLLOW_UP,
            title=_("Overdue: %(title)s (%(institution)s, deadline %(date)s)")
            % {
                "title": task.title,
                "institution": task.institution.name,
                "date": task.due_on.strftime("%d.%m.%Y"),
            },
            case=task.case_task.case if task.case_task_id else None,  # type: ignore[union-attr]
            follow_up_of=task,
            added_by=actor,
        )
        item.full_clean()
        item.save()
        added += 1
    return added


@transaction.atomic
def meeting_add_overdue(
    *, actor: User, meeting: Meeting, today: datetime.date | None = None
) -> int:
    """Bring actions that became overdue since the meeting was called onto its agenda."""
    meeting = _run_meeting(meeting, actor)
    return _add_overdue(meeting, actor, today or _today())


@transaction.atomic
def agenda_item_add(
    *,
    actor: User,
    meeting: Meeting,
    kind: str,
    title: str,
    case: Case | None = None,
    facts: str = "",
) -> AgendaItem:
    """An individual case, a situation-analysis topic or a proposal on the agenda."""
    meeting = _run_meeting(meeting, actor)
    if kind not in ItemKind.values or kind == ItemKind.FOLLOW_UP:
        raise ValidationError({"kind": _("Choose the kind of item.")})
    if kind == ItemKind.CASE:
        if case is None:
            raise ValidationError({"case": _("Choose the case.")})
        principal = principal_for_user(actor)
        if case.municipality_id not in selectors.group_municipality_ids(meeting.group) or (
            not case_selectors.case_seen_by(principal=principal, case=case)
        ):
            raise ValidationError({"case": _("Choose a case of the group's municipalities.")})
        if case.status != CaseStatus.OPEN:
            raise ValidationError({"case": _("The case is closed.")})
        if meeting.items.filter(case=case, kind=ItemKind.CASE).exists():
            raise ValidationError({"case": _("This case is already on the agenda.")})
    else:
        case = None
    if not title.strip():
        title = str(case) if case is not None else ""
    if not title.strip():
        raise ValidationError({"title": _("Give the item a title.")})
    item = AgendaItem(
        meeting=meeting,
        position=_next_position(meeting),
        kind=kind,
        title=title.strip(),
        case=case,
        facts=facts,
        added_by=actor,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def participant_invite(
    *,
    actor: User,
    meeting: Meeting,
    guest_type: str,
    name: str,
    user: User | None = None,
    institution: Institution | None = None,
    organisation: str = "",
) -> MeetingParticipant:
    """Invite someone from outside the group to this meeting only."""
    meeting = _run_meeting(meeting, actor)
    if guest_type not in GuestType.values:
        raise ValidationError({"guest_type": _("Choose whom you invite.")})
    if user is not None:
        if institution is None:
            first = Membership.objects.active().filter(user=user).select_related("institution")
            membership = first.order_by("pk").first()
            institution = membership.institution if membership else None
        if meeting.participants.filter(user=user).exists():
            raise ValidationError({"user": _("This person is already invited.")})
        if institution is not None and not (
            Membership.objects.active().filter(user=user, institution=institution).exists()
        ):
            raise ValidationError({"user": _("The person must work in the chosen institution.")})
    if not name.strip():
        name = str(user) if user is not None else ""
    if not name.strip():
        raise ValidationError({"name": _("Give the invited person's name.")})
    if institution is None and not organisation.strip():
        raise ValidationError({"organisation": _("Give the institution or organisation.")})
    participant = MeetingParticipant(
        meeting=meeting,
        kind=ParticipantKind.GUEST,
        user=user,
        name=name.strip(),
        institution=institution,
        organisation=organisation.strip(),
        guest_type=guest_type,
    )
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def attendance_record(
    *, actor: User, meeting: Meeting, present: Iterable[MeetingParticipant]
) -> selectors.Quorum:
    """Who attended; answers the quorum it gives."""
    meeting = _run_meeting(meeting, actor)
    ids = {p.pk for p in present}
    # Each changed row saved on its own, not with QuerySet.update(), so the change log
    # records who was marked present or absent (ADR 0003).
    for participant in meeting.participants.select_related("meeting__group"):
        attended = participant.pk in ids
        if participant.attended != attended:
            participant.attended = attended
            participant.save(update_fields=["attended"])
    return selectors.meeting_quorum(meeting=meeting)


@transaction.atomic
def confidentiality_confirm(
    *, actor: User, meeting: Meeting, now: datetime.datetime | None = None
) -> MeetingParticipant:
    """A participant confirms they keep the case material confidential (before seeing it)."""
    participant = (
        MeetingParticipant.objects.select_for_update().filter(meeting=meeting, user=actor).first()
    )
    if participant is None:
        raise PermissionDenied
    if participant.confidentiality_confirmed_at is not None:
        raise ValidationError(_("You have already confirmed confidentiality for this meeting."))
    participant.confidentiality_confirmed_at = now or timezone.now()
    participant.save(update_fields=["confidentiality_confirmed_at"])
    return participant


# --- Decisions and agreed actions ---------------------------------------------------------


@dataclass(frozen=True)
class ActionInput:
    """One agreed action of a decision."""

    title: str
    institution: Institution
    due_on: datetime.date


def _check_actions(meeting: Meeting, actions: Sequence[ActionInput], today: datetime.date) -> None:
    for action in actions:
        if not action.title.strip():
            raise ValidationError({"tasks": _("Describe each agreed action.")})
        if action.due_on < today:
            raise ValidationError({"tasks": _("A deadline must not be in the past.")})
        if action.institution.municipality_id not in (
            None,
            *selectors.group_municipality_ids(meeting.group),
        ):
            raise ValidationError(
                {"tasks": _("Choose responsible institutions of the group's municipalities.")}
            )


def _case_task(actor: User, case: Case, action: ActionInput, meeting: Meeting) -> Task:
    try:
        return case_services.task_create(
            case=case,
            actor=actor,
            title=action.title.strip(),
            institution=action.institution,
            due_on=action.due_on,
            description=_("Cooperation group %(group)s, meeting No. %(number)s of %(date)s.")
            % {
                "group": meeting.group.name,
                "number": meeting.number,
                "date": meeting.date.strftime("%d.%m.%Y"),
            },
        )
    except PermissionDenied:
        raise ValidationError(
            _(
                "Tasks on a case are assigned through the case: the decision must be recorded "
                "by someone who manages the municipality's cases (the coordinator or a social "
                "worker)."
            )
        ) from None


@transaction.atomic
def decision_record(
    *,
    actor: User,
    item: AgendaItem,
    text: str,
    facts: str = "",
    tasks: Sequence[ActionInput] = (),
    today: datetime.date | None = None,
) -> Decision:
    """The group's decision on an item, with its agreed actions. On a case, each action is a
    case task for the responsible institution (its worklist, the case's timeline), and the
    decision is noted on the timeline for those institutions."""
    meeting = _run_meeting(item.meeting, actor)
    item = AgendaItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    today = today or _today()
    if meeting.date > today:
        raise ValidationError(_("Decisions are recorded on or after the meeting day."))
    quorum = selectors.meeting_quorum(meeting=meeting)
    if not quorum.reached:
        raise ValidationError(
            _(
                "The meeting has no quorum: %(present)s of %(members)s members present; "
                "more than %(percent)s%% are needed. Record the attendance first."
            )
            % {"present": quorum.present, "members": quorum.members, "percent": quorum.percent}
        )
    if Decision.objects.filter(item=item).exists():
        raise ValidationError(_("This item already has a decision."))
    if not text.strip():
        raise ValidationError({"text": _("Write the decision.")})
    _check_actions(meeting, tasks, today)
    case = item.case
    if case is not None and case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case is closed; its tasks cannot be assigned."))
    if facts.strip():
        item.facts = facts.strip()
        item.save(update_fields=["facts"])
    decision = Decision(item=item, text=text.strip(), recorded_by=actor)
    decision.full_clean()
    decision.save()
    for action in tasks:
        case_task = _case_task(actor, case, action, meeting) if case is not None else None
        row = DecisionTask(
            decision=decision,
            title=action.title.strip(),
            institution=action.institution,
            due_on=action.due_on,
            case_task=case_task,
        )
        row.full_clean()
        row.save()
    if case is not None:
        _note_on_case(actor, case, meeting, decision, [a.institution for a in tasks])
    return decision


def _note_on_case(
    actor: User, case: Case, meeting: Meeting, decision: Decision, to: list[Institution]
) -> None:
    try:
        case_services.note_add(
            case=case,
            actor=actor,
            text=message(
                "cooperation_decision",
                group=meeting.group.name,
                number=str(meeting.number),
                date=meeting.date,
                text=decision.text,
            ),
            institutions=to,
        )
    except PermissionDenied:
        raise ValidationError(
            _("The decision on a case must be recorded by someone who manages its cases.")
        ) from None


@transaction.atomic
def meeting_close(
    *, actor: User, meeting: Meeting, now: datetime.datetime | None = None
) -> Meeting:
    """Close the minutes: the meeting was held with a quorum and every item has a decision."""
    meeting = _run_meeting(meeting, actor)
    now = now or timezone.now()
    if meeting.date > timezone.localdate(now):
        raise ValidationError(_("The meeting has not taken place yet."))
    if not selectors.meeting_quorum(meeting=meeting).reached:
        raise ValidationError(_("The meeting has no quorum; record the attendance first."))
    undecided = meeting.items.filter(decision__isnull=True)
    if undecided.exists():
        raise ValidationError(
            _("Record a decision on every item first: %(items)s.")
            % {"items": ", ".join(str(i) for i in undecided)}
        )
    meeting.status = MeetingStatus.HELD
    meeting.held_at = now
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting) -> Meeting:
    """Call a planned meeting off; its follow-up items return on the next one."""
    meeting = _run_meeting(meeting, actor)
    if Decision.objects.filter(item__meeting=meeting).exists():
        raise ValidationError(_("A meeting with decisions cannot be cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def decision_task_complete(*, actor: User, task: DecisionTask, result: str = "") -> DecisionTask:
    """The responsible institution (or the leader, the secretary) reports a group action done.
    Actions on a case are done on the case's task instead."""
    task = DecisionTask.objects.select_for_update(of=("self",)).get(pk=task.pk)
    if task.case_task_id is not None:
        raise ValidationError(_("Report this task done on the case, where the work is."))
    from .access import decision_task_policy

    if not decision_task_policy.can_change(principal_for_user(actor), task):
        raise PermissionDenied
    if task.status != TaskStatus.OPEN:
        raise ValidationError(_("This task is no longer open."))
    task.status = TaskStatus.DONE
    task.done_at = timezone.now()
    task.result = result
    task.full_clean()
    task.save()
    return task
