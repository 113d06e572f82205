"""Families as they are (issue 15, point 4): a brother or sister added to an open case
directly; a new concern about a family whose case was closed reopens it or opens a new case
linked to it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sargs.cases.casework import family_services as fs
from sargs.cases.casework import services as case_services
from sargs.cases.casework.family_selectors import earlier_family_case, sibling_candidates
from sargs.cases.casework.models import CaseChild, CaseStatus, EntryKind
from sargs.cases.concerns import services as concern_services
from sargs.cases.tests.helpers import open_case, report
from sargs.registry.models import Household
from sargs.registry.testing import make_child

pytestmark = pytest.mark.django_db
BROTHER_BORN = datetime.date(2018, 6, 1)


def test_a_brother_of_the_household_joins_the_open_case_without_a_concern(cast):
    _concern, case, anna = open_case(cast)
    brother = make_child(
        cast.municipality_a, first_name="Pēteris", birth_date=BROTHER_BORN, household=anna.household
    )
    assert list(sibling_candidates(case)) == [brother]
    fs.case_child_add(case=case, actor=cast.social_worker, child=brother)
    assert set(case.children.all()) == {anna, brother}
    assert list(sibling_candidates(case)) == []
    assert case.timeline.filter(kind=EntryKind.CHILD_ADDED, text__contains="Pēteris").exists()


def test_a_sibling_not_yet_registered_is_registered_into_the_family_and_added(cast):
    concern = report(cast)
    case = concern_services.concern_accept_new_child(
        concern=concern, actor=cast.social_worker, sex="female"
    )
    anna = case.children.get()
    assert anna.household is None  # registered from the concern, no household yet
    link = fs.case_sibling_register(
        case=case,
        actor=cast.social_worker,
        first_name="Pēteris",
        last_name="Bērziņš",
        sex="male",
        birth_date=BROTHER_BORN,
    )
    anna.refresh_from_db()
    assert link.child.household == anna.household is not None
    assert anna.household.municipality == cast.municipality_a
    assert case.children.count() == 2


def test_a_child_of_another_household_or_municipality_or_open_case_is_refused(cast):
    _concern, case, _anna = open_case(cast)
    other_home = Household.objects.create(municipality=cast.municipality_a, name="Cita ģimene")
    stranger = make_child(cast.municipality_a, first_name="Jānis", household=other_home)
    with pytest.raises(ValidationError, match="another household"):
        fs.case_child_add(case=case, actor=cast.social_worker, child=stranger)
    elsewhere = make_child(cast.municipality_b, first_name="Līga")
    with pytest.raises(ValidationError, match="another municipality"):
        fs.case_child_add(case=case, actor=cast.social_worker, child=elsewhere)
    with pytest.raises(ValidationError, match="already in an open case"):
        fs.case_child_add(case=case, actor=cast.social_worker, child=_anna)
    with pytest.raises(PermissionDenied):
        fs.case_child_add(case=case, actor=cast.b_social_worker, child=stranger)
    assert case.children.count() == 1


def _closed_case(cast):
    _concern, case, anna = open_case(cast)
    case_services.case_close(case=case, actor=cast.social_worker, outcome="stayed_in_family")
    return case, anna


def test_a_new_concern_opens_a_new_case_linked_to_the_earlier_one(cast):
    closed, anna = _closed_case(cast)
    assert earlier_family_case(anna) == closed
    new = concern_services.concern_accept(
        concern=report(cast), actor=cast.social_worker, child=anna
    )
    assert new != closed and new.previous_case == closed
    assert earlier_family_case(anna) is None  # the family has an open case again


def test_a_new_concern_reopens_the_earlier_case_when_chosen(cast):
    closed, anna = _closed_case(cast)
    reopened = concern_services.concern_accept(
        concern=report(cast), actor=cast.social_worker, child=anna, earlier="reopen"
    )
    assert reopened == closed
    reopened.refresh_from_db()
    assert (reopened.status, reopened.closed_on, reopened.outcome) == (CaseStatus.OPEN, None, "")
    assert CaseChild.objects.get(child=anna).active
    assert reopened.participants.filter(until__isnull=True, role="owner").exists()
    assert reopened.timeline.filter(kind=EntryKind.REOPENED).exists()


def test_reopening_needs_a_closed_case(cast):
    _concern, case, _anna = open_case(cast)
    with pytest.raises(ValidationError):
        fs.case_reopen(case=case, actor=cast.social_worker)
    fresh = make_child(cast.municipality_a, first_name="Marta", household=None)
    with pytest.raises(ValidationError, match="no closed case"):
        concern_services.concern_accept(
            concern=report(cast, child_first_name="Marta"),
            actor=cast.social_worker,
            child=fresh,
            earlier="reopen",
        )


def test_the_case_page_adds_a_brother_from_the_household_and_registers_another(cast, client_for):
    _concern, case, anna = open_case(cast)
    brother = make_child(
        cast.municipality_a, first_name="Pēteris", birth_date=BROTHER_BORN, household=anna.household
    )
    social = client_for(cast.social_worker)
    page = social.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="add-sibling"' in page and "Pēteris Bērziņa" in page
    response = social.post(f"/cases/{case.pk}/children/new/", {"child": brother.pk})
    assert response.status_code == 302
    response = social.post(
        f"/cases/{case.pk}/children/register/",
        {
            "first_name": "Oskars",
            "last_name": "Bērziņš",
            "birth_date": "01.02.2020",
            "sex": "male",
        },
    )
    assert response.status_code == 302
    assert {c.first_name for c in case.children.all()} == {"Anna", "Pēteris", "Oskars"}
    school = client_for(cast.school_staff).get(f"/cases/{case.pk}/").content.decode()
    assert "add-sibling" not in school
    assert social.post(f"/cases/{case.pk}/children/new/", {}).status_code == 200
    assert client_for(cast.school_staff).post(
        f"/cases/{case.pk}/children/new/", {"child": brother.pk}
    ).status_code in (403, 404)


def test_triage_shows_the_earlier_case_and_reopens_it_when_chosen(cast, client_for):
    closed, anna = _closed_case(cast)
    concern = report(cast)
    social = client_for(cast.social_worker)
    page = social.get(f"/cases/concerns/{concern.pk}/").content.decode()
    assert 'data-testid="earlier-case"' in page
    assert f'href="/cases/{closed.pk}/"' in page
    response = social.post(
        f"/cases/concerns/{concern.pk}/accept/", {"child": anna.pk, "earlier": "reopen"}
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.case == closed
    closed.refresh_from_db()
    assert closed.status == CaseStatus.OPEN
