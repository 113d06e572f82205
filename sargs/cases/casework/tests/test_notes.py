"""Notes on a case's timeline: written by the case team, read by those they are addressed to."""

from __future__ import annotations

import pytest

from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import EntryKind
from sargs.cases.tests.helpers import open_case, school_task

pytestmark = pytest.mark.django_db


def test_a_note_addressed_to_the_school_reaches_the_school_only(cast, client_for):
    _concern, case, _child = open_case(cast)
    school_task(cast, case)  # the school takes part through its task
    social = client_for(cast.social_worker)

    response = social.post(
        f"/cases/{case.pk}/notes/new/",
        {
            "text": "Mamma sola ierasties sarunā.",
            "institutions": [cast.institutions["a_school"].pk],
        },
    )
    assert response.status_code == 302
    assert case.timeline.filter(kind=EntryKind.NOTE, text="Mamma sola ierasties sarunā.").exists()
    assert (
        "Mamma sola ierasties"
        in client_for(cast.school_staff).get(f"/cases/{case.pk}/").content.decode()
    )

    private = case_services.note_add(case=case, actor=cast.social_worker, text="Tikai komandai.")
    assert private.kind == EntryKind.NOTE
    assert (
        "Tikai komandai."
        not in client_for(cast.school_staff).get(f"/cases/{case.pk}/").content.decode()
    )
    assert "Tikai komandai." in social.get(f"/cases/{case.pk}/").content.decode()


def test_an_empty_note_is_refused_with_a_message_and_nothing_saved(cast, client_for):
    _concern, case, _child = open_case(cast)
    before = case.timeline.count()
    response = client_for(cast.social_worker).post(
        f"/cases/{case.pk}/notes/new/", {"text": "   "}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert response.context["note_form"].errors
    assert case.timeline.count() == before


def test_only_the_case_team_writes_notes(cast, client_for):
    _concern, case, _child = open_case(cast)
    school_task(cast, case)
    response = client_for(cast.school_staff).post(f"/cases/{case.pk}/notes/new/", {"text": "x"})
    assert response.status_code == 403
    other_municipality = client_for(cast.b_social_worker)
    assert other_municipality.post(f"/cases/{case.pk}/notes/new/", {"text": "x"}).status_code == 404
