"""Navigation shows each user the sections their access lets them open, and no others; each
role reaches its own items from the menu."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from sargs.organisations.roles import Role
from sargs.organisations.testing import ROLE_HOME
from sargs.portal.navigation import navigation_for

pytestmark = pytest.mark.django_db


def _urls(user, path: str = "/") -> set[str]:
    request = RequestFactory().get(path)
    request.user = user
    return {item.url for item in navigation_for(request)}


def test_sections_follow_the_pages_access_rules(cast, client_for):
    school = _urls(cast.school_staff)
    assert reverse("assessment:collection") in school
    assert reverse("assessment:quality-index") not in school
    assert reverse("cooperation:group-list") in school  # schools are invited to groups

    councillor = _urls(cast.councillor)
    assert reverse("cooperation:report-index") in councillor
    assert reverse("programme:programme-list") in councillor
    assert reverse("assessment:dashboard") in councillor
    assert reverse("assessment:dashboard") not in school
    assert reverse("cooperation:group-list") not in councillor
    assert reverse("assessment:collection") not in councillor

    coordinator = _urls(cast.coordinator)
    assert reverse("assessment:quality-index") in coordinator


def test_each_role_reaches_its_own_items(cast):
    cases, referrals = reverse("cases:case-list"), reverse("cases:referral-list")
    matters = reverse("cases:proceeding-list")
    assert {cases, referrals} <= _urls(cast.social_worker)
    assert referrals in _urls(cast.provider_staff)
    assert referrals in _urls(cast.family_assistant)
    assert matters in _urls(cast.orphans_court_member)
    school = _urls(cast.school_staff)
    assert not {cases, referrals, matters} & school  # the school works from its worklist
    assert reverse("cases:worklist") in school


def test_only_the_section_of_the_page_is_current(cast):
    request = RequestFactory().get(reverse("cases:worklist"))
    request.user = cast.social_worker
    current = [item.url for item in navigation_for(request) if item.current]
    assert current == [reverse("cases:worklist")]  # not also the case list at /cases/


@pytest.mark.parametrize("role", [*ROLE_HOME, Role.NATIONAL_ANALYST])
def test_every_section_shown_opens(cast, client_for, role):
    user = cast.users[role.value]
    client = client_for(user)
    for url in _urls(user):
        assert client.get(url).status_code == 200, url
