"""The factories build rows the database and the model rules accept, linked as a test expects."""

import datetime

import pytest

from sargs.cases.casework.models import CaseStatus
from sargs.cases.concerns.models import ConcernStatus
from sargs.cases.factories import CaseChildFactory, CaseFactory, ConcernFactory
from sargs.registry.factories import ChildFactory, HouseholdFactory, old_code

pytestmark = pytest.mark.django_db


def test_a_case_with_a_child_of_its_municipality(cast):
    case = CaseFactory(municipality=cast.municipality_a, social_worker=cast.social_worker)
    link = CaseChildFactory(case=case)
    case.full_clean()
    link.child.full_clean()
    assert case.status == CaseStatus.OPEN
    assert list(case.children.all()) == [link.child]
    assert link.child.municipality == cast.municipality_a
    assert link.added_on == case.opened_on


def test_a_concern_from_the_school_is_new_and_due_the_next_day(cast):
    concern = ConcernFactory(
        reporting_institution=cast.institutions["a_school"],
        observed_on=datetime.date(2026, 3, 2),
    )
    assert concern.municipality == cast.municipality_a
    assert concern.status == ConcernStatus.NEW
    assert concern.triage_due == datetime.date(2026, 3, 3)


def test_a_child_takes_its_households_municipality_and_a_given_code(cast):
    household = HouseholdFactory(municipality=cast.municipality_b)
    code = old_code(datetime.date(2015, 3, 4))
    child = ChildFactory(household=household, personal_code=code)
    assert child.municipality == cast.municipality_b
    assert child.personal_code == code
