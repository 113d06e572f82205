"""Navigation shows each user the sections their access lets them open, and no others."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from sargs.portal.navigation import navigation_for

pytestmark = pytest.mark.django_db


def _urls(user) -> set[str]:
    request = RequestFactory().get("/")
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


@pytest.mark.parametrize("user", ["school_staff", "councillor", "coordinator", "national_analyst"])
def test_every_section_shown_opens(cast, client_for, user):
    client = client_for(getattr(cast, user))
    for url in _urls(getattr(cast, user)):
        assert client.get(url).status_code == 200, url
