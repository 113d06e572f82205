"""The crisis team when a child is removed (issue 16 point 6, domain.md §8): an urgent removal
or the chair's single-member decision gives the on-call person a task for today; the family's
agreement, recorded on the case, gives the social service the rehabilitation plan task."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from sargs.cases.casework.models import Task, TimelineEntry
from sargs.cases.court import services as ps
from sargs.cases.court.crisis import crisis_family_agreement_record
from sargs.cases.court.crisis_models import CrisisCall
from sargs.cases.tests.helpers import open_case, today
from sargs.core.workdays import add_working_days
from sargs.registry.custody_grounds import SuspensionGround
from sargs.registry.testing import make_parent
from sargs.services.models import CrisisTeam, CrisisTeamMember, OnCallShift

pytestmark = pytest.mark.django_db
REMOVAL = {"urgent_reason": "removal_btal27", "urgent_note": "Policija šķīra bērnu naktī."}


def _matter(cast):
    _concern, case, child = open_case(cast, danger=True)
    mother = make_parent(child, "mother", first_name="Ilze", lives_with_child=True)
    matter = ps.proceeding_open(
        case=case,
        actor=cast.orphans_court_member,
        court=cast.institutions["a_court"],
        kind="suspend_custody",
        grounds="Bērns bez uzraudzības.",
        opened_on=today() - datetime.timedelta(days=5),
    )
    return case, mother, matter


def _suspend(cast, matter, mother, **kwargs):
    return ps.proceeding_decide(
        proceeding=matter,
        actor=cast.orphans_court_member,
        decision="Pārtraukt aizgādības tiesības.",
        decided_on=today(),
        custody_outcome="suspended",
        relation=mother,
        grounds=SuspensionGround.ABUSE_OR_NO_CARE,
        decision_number="BT-16",
        **kwargs,
    )


def _team_on_call(cast) -> CrisisTeamMember:
    team = CrisisTeam.objects.create(
        municipality=cast.municipality_a,
        name="Krīzes komanda",
        provider=cast.institutions["a_provider"],
        phone="+371 20000000",
    )
    member = CrisisTeamMember.objects.create(
        team=team, user=cast.family_assistant, profession="family_assistant", phone="+371 2911"
    )
    other = CrisisTeamMember.objects.create(
        team=team, name="Anna Psiholoģe", profession="psychologist"
    )
    now = timezone.now()
    OnCallShift.objects.create(
        team=team,
        member=other,
        starts_at=now - datetime.timedelta(days=2),
        ends_at=now - datetime.timedelta(hours=1),
    )
    OnCallShift.objects.create(
        team=team,
        member=member,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=11),
    )
    return member


def test_an_urgent_removal_gives_the_on_call_person_a_task_for_today(cast):
    _case, mother, matter = _matter(cast)
    member = _team_on_call(cast)
    _suspend(cast, matter, mother, **REMOVAL)
    call = CrisisCall.objects.get(proceeding=matter)
    assert call.trigger == "urgent_removal" and call.on_call == member
    task = call.task
    assert task.institution == cast.institutions["a_provider"]
    assert task.assignee == cast.family_assistant
    assert task.due_on == today()
    assert "Crisis intervention" in task.title and "+371 2911" in task.description


def test_the_chairs_single_member_decision_prompts_the_team_too(cast):
    _case, mother, matter = _matter(cast)
    _team_on_call(cast)
    _suspend(
        cast,
        matter,
        mother,
        urgent_reason="immediate_danger",
        urgent_note="Bīstami.",
        chair_alone=True,
    )
    assert CrisisCall.objects.get(proceeding=matter).trigger == "chair_alone"


def test_an_ordinary_decision_does_not_call_the_team(cast):
    case, mother, matter = _matter(cast)
    _team_on_call(cast)
    _suspend(cast, matter, mother, urgent_reason="immediate_danger", urgent_note="Bīstami.")
    assert not CrisisCall.objects.filter(case=case).exists()


def test_with_no_one_on_call_the_social_service_must_arrange_it(cast):
    _case, mother, matter = _matter(cast)
    _suspend(cast, matter, mother, **REMOVAL)
    call = CrisisCall.objects.get(proceeding=matter)
    assert call.on_call is None and call.team is None
    assert call.task.institution == cast.institutions["a_social"]
    assert "no crisis team member is on call" in call.task.title


@override_settings(CRISIS_PLAN_WORKING_DAYS=3)
def test_the_familys_agreement_sets_the_plan_task(cast):
    case, mother, matter = _matter(cast)
    _team_on_call(cast)
    _suspend(cast, matter, mother, **REMOVAL)
    call = CrisisCall.objects.get(proceeding=matter)
    with pytest.raises(PermissionDenied):
        crisis_family_agreement_record(call=call, actor=cast.school_staff, agreed_on=today())
    with pytest.raises(ValidationError):
        crisis_family_agreement_record(
            call=call, actor=cast.provider_staff, agreed_on=today() + datetime.timedelta(days=1)
        )
    # The crisis team's provider records it.
    call = crisis_family_agreement_record(call=call, actor=cast.provider_staff, agreed_on=today())
    assert call.family_agreed_on == today()
    plan_task = call.plan_task
    assert plan_task.institution == cast.institutions["a_social"]
    assert "rehabilitation plan" in plan_task.title
    assert plan_task.due_on == add_working_days(today(), 3)
    assert TimelineEntry.objects.filter(case=case, message="crisis_family_agreed").exists()
    with pytest.raises(ValidationError):
        crisis_family_agreement_record(call=call, actor=cast.social_worker, agreed_on=today())
    assert Task.objects.filter(case=case, title__contains="rehabilitation plan").count() == 1


def test_the_case_team_records_the_agreement_on_the_page(cast, client_for):
    case, mother, matter = _matter(cast)
    _suspend(cast, matter, mother, **REMOVAL)
    call = CrisisCall.objects.get(proceeding=matter)
    social = client_for(cast.social_worker)
    assert client_for(cast.school_staff).get(f"/cases/{case.pk}/crisis/").status_code == 404
    page = social.get(f"/cases/{case.pk}/crisis/")
    assert page.status_code == 200 and b'data-testid="crisis-call"' in page.content
    response = social.post(
        f"/cases/{case.pk}/crisis/{call.pk}/agreement/",
        {"agreed_on": today().strftime("%d.%m.%Y")},
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.family_agreed_on == today() and call.plan_task is not None
