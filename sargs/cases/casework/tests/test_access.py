"""The policies without HTTP: the list filter and the instance checks agree."""

from __future__ import annotations

import pytest

from sargs.cases.casework.access import case_policy, task_policy
from sargs.cases.casework.models import Case, Task
from sargs.cases.concerns.access import concern_policy
from sargs.cases.concerns.models import Concern
from sargs.cases.tests.helpers import open_case, report, school_task
from sargs.organisations.principal import principal_for_user

pytestmark = pytest.mark.django_db


def visible_cases(user) -> list[int]:
    return list(
        case_policy.visible(principal_for_user(user), Case.objects.all()).values_list(
            "pk", flat=True
        )
    )


def test_case_list_filter_and_whole_view_agree(cast):
    _concern, case, _child = open_case(cast)
    expectations = {
        "social_worker": (True, True, True),
        "coordinator": (True, True, True),
        "school_staff": (True, False, False),
        "orphans_court_member": (False, False, False),
        "police_officer": (False, False, False),
        "b_social_worker": (False, False, False),
        "councillor": (False, False, False),
        "administrator": (False, False, False),
        "national_analyst": (False, False, False),
    }
    for role, (sees, whole, changes) in expectations.items():
        user = getattr(cast, role)
        principal = principal_for_user(user)
        assert (case.pk in visible_cases(user)) is sees, role
        assert case_policy.sees_whole(principal, case) is whole, role
        assert case_policy.can_change(principal, case) is changes, role


def test_a_participation_that_ended_hides_the_case(cast):
    from sargs.cases.casework import services as case_services

    _concern, case, _child = open_case(cast)
    participant = case.participants.get(institution=cast.institutions["a_school"])
    case_services.case_participant_end(participant=participant, actor=cast.social_worker)
    assert case.pk not in visible_cases(cast.school_staff)


def test_tasks_and_concerns_follow_the_same_rules(cast):
    _concern, case, _child = open_case(cast)
    task = school_task(cast, case)
    police_task = school_task(cast, case, institution=cast.institutions["a_police"])
    for role, expected in {
        "school_staff": {task.pk},
        "police_officer": {police_task.pk},
        "social_worker": {task.pk, police_task.pk},
        "family_assistant": set(),
    }.items():
        principal = principal_for_user(getattr(cast, role))
        assert (
            set(task_policy.visible(principal, Task.objects.all()).values_list("pk", flat=True))
            == expected
        ), role
    fresh = report(cast)
    for role, expected in {
        "school_staff": True,
        "social_worker": True,
        "police_officer": False,
        "orphans_court_member": False,
        "b_social_worker": False,
    }.items():
        principal = principal_for_user(getattr(cast, role))
        shown = concern_policy.visible(principal, Concern.objects.filter(pk=fresh.pk)).exists()
        assert shown is expected, role
