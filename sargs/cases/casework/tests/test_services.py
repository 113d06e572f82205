"""Tasks, notes, participants, assessments and closure: every transition and its refusals."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import (
    AreaRating,
    CaseChild,
    CaseStatus,
    ParticipantRole,
    SupportArea,
    TaskStatus,
)
from sargs.cases.concerns import services as concern_services
from sargs.cases.tests.helpers import ALL_RATINGS, open_case, report, school_task, today
from sargs.core.workdays import add_working_days

pytestmark = pytest.mark.django_db


def test_a_task_for_the_school_with_a_deadline_in_working_days(cast):
    _concern, case, _child = open_case(cast)
    task = school_task(cast, case, due_on=None, working_days=5)
    assert task.due_on == add_working_days(today(), 5)
    assert task.status == TaskStatus.OPEN


def test_a_task_for_a_new_institution_makes_it_a_participant(cast):
    _concern, case, _child = open_case(cast)
    school_task(cast, case, institution=cast.institutions["a_provider"])
    assert case.participants.filter(
        institution=cast.institutions["a_provider"], role=ParticipantRole.PROVIDER
    ).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due_on": None}, "due_on"),
        ({"due_on": datetime.date(2000, 1, 1)}, "due_on"),
    ],
)
def test_a_task_needs_a_future_deadline(cast, changes, field):
    _concern, case, _child = open_case(cast)
    with pytest.raises(ValidationError) as error:
        school_task(cast, case, **changes)
    assert field in error.value.message_dict


def test_assignee_must_work_in_the_institution(cast):
    _concern, case, _child = open_case(cast)
    with pytest.raises(ValidationError) as error:
        school_task(cast, case, assignee=cast.police_officer)
    assert "assignee" in error.value.message_dict
    task = school_task(cast, case, assignee=cast.school_staff)
    assert task.assignee == cast.school_staff


def test_only_the_case_managers_assign_tasks(cast):
    _concern, case, _child = open_case(cast)
    for user in (cast.school_staff, cast.orphans_court_member, cast.b_social_worker):
        with pytest.raises(PermissionDenied):
            school_task(cast, case, actor=user)


def test_the_school_completes_its_task_once(cast):
    _concern, case, _child = open_case(cast)
    task = school_task(cast, case)
    with pytest.raises(PermissionDenied):
        case_services.task_complete(task=task, actor=cast.police_officer)
    case_services.task_complete(task=task, actor=cast.school_staff, result="Apmeklē regulāri.")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_at is not None
    with pytest.raises(ValidationError, match="no longer open"):
        case_services.task_complete(task=task, actor=cast.school_staff)


def test_cancel_needs_the_case_manager_and_a_reason(cast):
    _concern, case, _child = open_case(cast)
    task = school_task(cast, case)
    with pytest.raises(PermissionDenied):
        case_services.task_cancel(task=task, actor=cast.school_staff, reason="x")
    with pytest.raises(ValidationError):
        case_services.task_cancel(task=task, actor=cast.social_worker, reason="")
    case_services.task_cancel(task=task, actor=cast.social_worker, reason="Nav vajadzīgs.")
    task.refresh_from_db()
    assert task.status == TaskStatus.CANCELLED


def test_assessment_rates_every_area(cast):
    _concern, case, _child = open_case(cast)
    kwargs = {
        "case": case,
        "actor": cast.social_worker,
        "assessed_on": today(),
        "overall_risk": "high",
        "summary": "Bērns bez uzraudzības.",
    }
    partial = dict(ALL_RATINGS)
    del partial[SupportArea.HOUSING]
    with pytest.raises(ValidationError, match="missing: Housing"):
        case_services.assessment_record(ratings=partial, **kwargs)
    with pytest.raises(ValidationError, match="scale"):
        case_services.assessment_record(ratings={**ALL_RATINGS, "housing": 7}, **kwargs)
    with pytest.raises(ValidationError):
        case_services.assessment_record(ratings=ALL_RATINGS, **{**kwargs, "overall_risk": "x"})
    assessment = case_services.assessment_record(
        ratings={**ALL_RATINGS, "childcare": AreaRating.CRISIS}, notes={"childcare": "!"}, **kwargs
    )
    assert assessment.areas.count() == len(SupportArea.values)
    assert assessment.areas.get(area="childcare").rating == 3
    with pytest.raises(PermissionDenied):
        case_services.assessment_record(
            ratings=ALL_RATINGS, **{**kwargs, "actor": cast.school_staff}
        )


def test_involve_the_orphans_court_and_end_its_part(cast):
    _concern, case, _child = open_case(cast)
    court = cast.institutions["a_court"]
    participant = case_services.case_participant_add(
        case=case, actor=cast.social_worker, institution=court, role=ParticipantRole.COURT
    )
    with pytest.raises(ValidationError, match="already takes part"):
        case_services.case_participant_add(
            case=case, actor=cast.social_worker, institution=court, role=ParticipantRole.COURT
        )
    case_services.case_participant_end(participant=participant, actor=cast.social_worker)
    participant.refresh_from_db()
    assert participant.until == today()
    with pytest.raises(ValidationError, match="no longer takes part"):
        case_services.case_participant_end(participant=participant, actor=cast.social_worker)
    owner = case.participants.get(role=ParticipantRole.OWNER)
    with pytest.raises(ValidationError, match="cannot leave"):
        case_services.case_participant_end(participant=owner, actor=cast.social_worker)


def test_another_municipalitys_institution_cannot_join(cast):
    _concern, case, _child = open_case(cast)
    with pytest.raises(ValidationError):
        case_services.case_participant_add(
            case=case, actor=cast.social_worker, institution=cast.institutions["b_social"]
        )


def test_a_note_needs_text(cast):
    _concern, case, _child = open_case(cast)
    with pytest.raises(ValidationError):
        case_services.note_add(case=case, actor=cast.social_worker, text=" ")
    entry = case_services.note_add(
        case=case, actor=cast.social_worker, text="Tikšanās.", types=["school"]
    )
    assert entry.audience.get().institution_type == "school"


def test_close_refuses_open_tasks_then_closes_with_the_outcome(cast):
    _concern, case, child = open_case(cast)
    task = school_task(cast, case)
    with pytest.raises(ValidationError, match="Open task for"):
        case_services.case_close(case=case, actor=cast.social_worker, outcome="stayed_in_family")
    case_services.task_complete(task=task, actor=cast.school_staff)
    with pytest.raises(ValidationError) as error:
        case_services.case_close(case=case, actor=cast.social_worker, outcome="nonsense")
    assert "outcome" in error.value.message_dict
    case_services.case_close(case=case, actor=cast.social_worker, outcome="stayed_in_family")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_on == today()
    assert not CaseChild.objects.filter(child=child, active=True).exists()
    assert not case.participants.filter(until__isnull=True).exists()
    with pytest.raises(ValidationError, match="closed"):
        case_services.case_close(case=case, actor=cast.social_worker, outcome="other")
    with pytest.raises(ValidationError, match="closed"):
        school_task(cast, case)
    # A new concern about the child opens a new case.
    again = report(cast)
    new_case = concern_services.concern_accept(concern=again, actor=cast.social_worker, child=child)
    assert new_case != case


def test_closure_names_every_blocker_at_once_with_a_link(cast):
    from sargs.cases.casework.selectors import closure_blockers
    from sargs.cases.court import services as court_services
    from sargs.cases.tests.helpers import refer

    _concern, case, _child = open_case(cast)
    task = school_task(cast, case, title="Sekot apmeklējumam")
    referral = refer(cast, case)
    matter = court_services.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="suspend_custody",
        grounds="Vardarbība ģimenē.",
    )
    blockers = closure_blockers(case)
    links = [(b.kind, b.url) for b in blockers]
    # The court's own term task for the matter is an open task too.
    court_tasks = case.tasks.filter(status="open").exclude(pk=task.pk)
    assert links == [
        ("task", f"/cases/{case.pk}/#task-{task.pk}"),
        *(("task", f"/cases/{case.pk}/#task-{t.pk}") for t in court_tasks.order_by("due_on", "pk")),
        ("referral", f"/cases/referrals/{referral.pk}/"),
        ("proceeding", f"/cases/proceedings/{matter.pk}/"),
    ]
    with pytest.raises(ValidationError) as error:
        case_services.case_close(case=case, actor=cast.social_worker, outcome="stayed_in_family")
    assert error.value.messages == [b.text for b in blockers]
    assert "Sekot apmeklējumam" in error.value.messages[0]
