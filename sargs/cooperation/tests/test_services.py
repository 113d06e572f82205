"""Groups, meetings, decisions and follow-up, tested without HTTP."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from sargs.cases.casework import selectors as case_selectors
from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import TaskStatus, TimelineAudience, TimelineEntry
from sargs.cases.tests.helpers import open_case
from sargs.cooperation import selectors, services
from sargs.cooperation.access import meeting_policy
from sargs.cooperation.models import ItemKind, MeetingParticipant
from sargs.cooperation.services import ActionInput
from sargs.organisations.models import Institution
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType, Role
from sargs.organisations.testing import make_user

from .helpers import active_group, add_mandatory, draft_group, today, urgent_meeting, with_quorum

pytestmark = pytest.mark.django_db


def test_activation_is_refused_naming_the_missing_mandatory_members(cast):
    group = draft_group(cast)
    add_mandatory(cast, group, skip=("a_police", "a_court"))
    with pytest.raises(ValidationError) as error:
        services.group_activate(actor=cast.coordinator, group=group)
    message = " ".join(error.value.messages)
    assert "Municipal police" in message and "Orphan's court" in message
    assert "Social service" not in message
    services.group_member_add(
        actor=cast.coordinator,
        group=group,
        institution=cast.institutions["a_police"],
        person=cast.police_officer,
    )
    services.group_member_add(
        actor=cast.coordinator, group=group, institution=cast.institutions["a_court"]
    )
    assert services.group_activate(actor=cast.coordinator, group=group).is_active


def test_state_police_is_mandatory_where_there_is_no_municipal_police(cast):
    b_court = Institution.objects.create(
        name="B court", type=InstitutionType.ORPHANS_COURT, municipality=cast.municipality_b
    )
    group = services.group_create(
        actor=cast.b_coordinator, municipality=cast.municipality_b, name="Smiltenes grupa"
    )
    services.group_member_add(actor=cast.b_coordinator, group=group, institution=b_court)
    missing = selectors.group_missing_members(group=group)
    assert str(InstitutionType.STATE_POLICE.label) in missing
    assert str(InstitutionType.MUNICIPAL_POLICE.label) not in missing
    assert str(InstitutionType.ORPHANS_COURT.label) not in missing


def test_an_education_specialist_stands_for_the_education_board(cast):
    group = draft_group(cast)
    add_mandatory(cast, group, skip=("a_eduboard",))
    assert any("Education board" in m for m in selectors.group_missing_members(group=group))
    specialist = make_user(
        "admin_specialist", (cast.institutions["a_admin"], Role.EDUCATION_SPECIALIST)
    )
    services.group_member_add(
        actor=cast.coordinator,
        group=group,
        institution=cast.institutions["a_admin"],
        person=specialist,
    )
    assert selectors.group_missing_members(group=group) == []


def test_only_the_municipalitys_coordinator_configures_a_group(cast):
    group = draft_group(cast)
    with pytest.raises(PermissionDenied):
        services.group_member_add(
            actor=cast.b_coordinator, group=group, institution=cast.institutions["a_police"]
        )
    with pytest.raises(PermissionDenied):
        services.group_create(
            actor=cast.social_worker, municipality=cast.municipality_a, name="Cita"
        )


def test_an_active_group_keeps_its_mandatory_members(cast):
    group = active_group(cast)
    police = group.members.get(institution=cast.institutions["a_police"])
    with pytest.raises(ValidationError, match="Municipal police"):
        services.group_member_end(actor=cast.coordinator, member=police)


def test_a_scheduled_meeting_needs_the_groups_notice_period(cast):
    group = active_group(cast, notice_working_days=5)
    monday = datetime.date(2026, 11, 23)
    with pytest.raises(ValidationError, match="5 working days"):
        services.meeting_create(
            actor=cast.coordinator,
            group=group,
            kind="scheduled",
            date=monday + datetime.timedelta(days=2),
            time=datetime.time(10),
            place="Zāle",
            today=monday,
        )
    meeting = services.meeting_create(
        actor=cast.coordinator,
        group=group,
        kind="scheduled",
        date=monday + datetime.timedelta(days=7),
        time=datetime.time(10),
        place="Zāle",
        today=monday,
    )
    assert meeting.number == 1
    # Members, the leader and the secretary are invited once each.
    assert meeting.participants.count() == 5


def test_only_the_leader_or_secretary_runs_meetings(cast):
    group = active_group(cast)
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=cast.police_officer,
            group=group,
            kind="urgent",
            date=today(),
            time=datetime.time(10),
            place="Zāle",
        )


def test_a_draft_group_holds_no_meetings(cast):
    group = draft_group(cast)
    with pytest.raises(ValidationError, match="not active"):
        urgent_meeting(cast, group)


def _case_item(cast, meeting):
    _concern, case, _child = open_case(cast)
    item = services.agenda_item_add(
        actor=cast.coordinator, meeting=meeting, kind=ItemKind.CASE, title="", case=case
    )
    return case, item


def test_a_decision_on_a_case_gives_the_school_a_task_in_its_worklist(cast):
    group = active_group(cast)
    meeting = urgent_meeting(cast, group)
    case, item = _case_item(cast, meeting)
    with_quorum(cast, meeting)
    school = cast.institutions["a_school"]
    due = today() + datetime.timedelta(days=10)
    decision = services.decision_record(
        actor=cast.coordinator,
        item=item,
        text="Skola nodrošina psihologa konsultācijas.",
        facts="Bērns neapmeklē skolu.",
        tasks=[ActionInput(title="Psihologa konsultācijas", institution=school, due_on=due)],
    )
    task = decision.tasks.get()
    assert task.case_task is not None
    assert (task.case_task.case_id, task.case_task.institution_id) == (case.pk, school.pk)
    assert task.case_task.due_on == due
    worklist = case_selectors.worklist(
        principal=principal_for_user(cast.school_staff), tab="institution"
    )
    assert list(worklist) == [task.case_task]
    # The decision is on the case's timeline, addressed to the school.
    addressed = TimelineAudience.objects.filter(
        institution=school, entry__case=case, entry__text__contains="Psihologa"
    )
    assert addressed.exists()
    note = TimelineAudience.objects.filter(
        institution=school, entry__kind="note", entry__text__contains="psihologa konsultācijas"
    )
    assert note.exists()


def test_the_decision_on_the_timeline_reads_in_the_readers_language(cast):
    group = active_group(cast)
    meeting = urgent_meeting(cast, group)
    case, item = _case_item(cast, meeting)
    with_quorum(cast, meeting)
    services.decision_record(
        actor=cast.coordinator, item=item, text="Skola nodrošina psihologa konsultācijas."
    )
    entry = TimelineEntry.objects.get(case=case, kind="note")
    day = meeting.date.strftime("%d.%m.%Y")
    with translation.override("en"):
        assert entry.body == (
            f"Cooperation group {group.name}, meeting No. {meeting.number} of {day}: "
            "Skola nodrošina psihologa konsultācijas."
        )
    with translation.override("lv"):
        assert entry.body == (
            f"Sadarbības grupas “{group.name}” {day} sēde Nr. {meeting.number}: "
            "Skola nodrošina psihologa konsultācijas."
        )


def test_no_decision_without_quorum(cast):
    group = active_group(cast)
    meeting = urgent_meeting(cast, group)
    _case, item = _case_item(cast, meeting)
    with pytest.raises(ValidationError, match="no quorum"):
        services.decision_record(actor=cast.coordinator, item=item, text="Lēmums")
    one = meeting.participants.filter(kind="member")[:1]
    services.attendance_record(actor=cast.coordinator, meeting=meeting, present=list(one))
    assert not selectors.meeting_quorum(meeting=meeting).reached


def test_overdue_tasks_come_back_on_the_next_agenda(cast):
    group = active_group(cast)
    meeting = urgent_meeting(cast, group)
    case, item = _case_item(cast, meeting)
    with_quorum(cast, meeting)
    due = today() + datetime.timedelta(days=3)
    decision = services.decision_record(
        actor=cast.coordinator,
        item=item,
        text="Policija apseko ģimeni.",
        tasks=[
            ActionInput(title="Apsekot", institution=cast.institutions["a_police"], due_on=due),
            ActionInput(title="Ziņot", institution=cast.institutions["a_school"], due_on=due),
        ],
    )
    services.meeting_close(actor=cast.coordinator, meeting=meeting)
    done = decision.tasks.get(title="Ziņot").case_task
    case_services.task_complete(task=done, actor=cast.school_staff)

    later = due + datetime.timedelta(days=2)
    nxt = urgent_meeting(cast, group, day=later)
    follow_ups = list(nxt.items.filter(kind=ItemKind.FOLLOW_UP))
    assert [i.follow_up_of.title for i in follow_ups] == ["Apsekot"]
    assert follow_ups[0].case_id == case.pk
    # Bringing them again adds nothing twice.
    assert services.meeting_add_overdue(actor=cast.coordinator, meeting=nxt, today=later) == 0


def test_group_actions_outside_cases_are_tracked_by_the_group(cast):
    group = active_group(cast)
    meeting = urgent_meeting(cast, group)
    item = services.agenda_item_add(
        actor=cast.coordinator,
        meeting=meeting,
        kind=ItemKind.PROGRAMME_PROPOSAL,
        title="Vecāku atbalsta grupas",
    )
    with_quorum(cast, meeting)
    decision = services.decision_record(
        actor=cast.coordinator,
        item=item,
        text="Iekļaut programmā.",
        tasks=[
            ActionInput(
                title="Sagatavot aprakstu",
                institution=cast.institutions["a_social"],
                due_on=today() + datetime.timedelta(days=20),
            )
        ],
    )
    task = decision.tasks.get()
    assert task.case_task is None
    principal = principal_for_user(cast.social_worker)
    assert list(selectors.institution_group_tasks(principal=principal)) == [task]
    with pytest.raises(PermissionDenied):
        services.decision_task_complete(actor=cast.school_staff, task=task)
    services.decision_task_complete(actor=cast.social_worker, task=task, result="Gatavs")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_the_minutes_close_only_when_every_item_is_decided(cast):
    group = active_group(cast)
    meeting = urgent_meeting(cast, group)
    services.agenda_item_add(
        actor=cast.coordinator, meeting=meeting, kind=ItemKind.ANALYSIS, title="Situācija"
    )
    with_quorum(cast, meeting)
    with pytest.raises(ValidationError, match="every item"):
        services.meeting_close(actor=cast.coordinator, meeting=meeting)


def test_a_case_task_needs_someone_who_manages_cases(cast):
    group = active_group(cast, secretary=cast.police_officer)
    meeting = services.meeting_create(
        actor=cast.police_officer,
        group=group,
        kind="urgent",
        date=today(),
        time=datetime.time(9),
        place="Zāle",
    )
    _concern, case, _child = open_case(cast)
    # The police officer does not see the case, so cannot put it on the agenda.
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            actor=cast.police_officer, meeting=meeting, kind=ItemKind.CASE, title="", case=case
        )


def test_guest_sees_the_case_material_only_within_the_meetings_period(cast):
    group = active_group(cast, guest_access_days=1)
    day = datetime.date(2026, 11, 24)
    meeting = urgent_meeting(cast, group, day=day)
    _case, item = _case_item(cast, meeting)
    guest = make_user(
        "probation_officer", (cast.institutions["probation"], Role.COOPERATION_GROUP_MEMBER)
    )
    services.participant_invite(
        actor=cast.coordinator,
        meeting=meeting,
        guest_type="probation",
        name="",
        user=guest,
        institution=cast.institutions["probation"],
    )
    principal = principal_for_user(guest)
    participant = MeetingParticipant.objects.get(meeting=meeting, user=guest)
    assert not meeting_policy.sees_case_material(principal, item, participant, today=day)
    services.confidentiality_confirm(actor=guest, meeting=meeting)
    participant.refresh_from_db()
    sees = [
        meeting_policy.sees_case_material(principal, item, participant, today=d)
        for d in (day - datetime.timedelta(days=1), day, day + datetime.timedelta(days=1))
    ]
    assert sees == [False, True, True]
    assert not meeting_policy.sees_case_material(
        principal, item, participant, today=day + datetime.timedelta(days=2)
    )
