"""The worklist opens on the tab that holds the user's work; the tabs show their counts."""

import pytest
from django.urls import reverse

from sargs.cases.tests.helpers import open_case, school_task

pytestmark = pytest.mark.django_db


def test_the_school_lands_on_its_institutions_tasks(cast, client_for):
    _concern, case, _child = open_case(cast)
    school_task(cast, case)
    response = client_for(cast.school_staff).get(reverse("cases:worklist"))
    assert response.context["tab"] == "institution"
    assert [t.title for t in response.context["page_obj"].object_list] == ["Sekot apmeklējumam"]
    assert "(1)" in response.content.decode()  # the count on the tab


def test_assigned_to_me_stays_reachable(cast, client_for):
    _concern, case, _child = open_case(cast)
    school_task(cast, case)
    response = client_for(cast.school_staff).get(reverse("cases:worklist") + "?tab=mine")
    assert response.context["tab"] == "mine"


def test_the_case_team_lands_on_its_own_tasks(cast, client_for):
    _concern, case, _child = open_case(cast)
    school_task(cast, case)  # in the social worker's case: theirs to follow
    assert client_for(cast.social_worker).get(reverse("cases:worklist")).context["tab"] == "mine"


def test_with_no_work_each_side_lands_on_its_own_tab(cast, client_for):
    assert client_for(cast.social_worker).get(reverse("cases:worklist")).context["tab"] == "mine"
    assert (
        client_for(cast.police_officer).get(reverse("cases:worklist")).context["tab"]
        == "institution"
    )
