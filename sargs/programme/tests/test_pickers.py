"""Programme monitoring's institution pickers (issue 20, point 1): the monitoring page lists no
institutions; the programme's search endpoint offers its municipality's and state-level ones
to its drafters."""

from __future__ import annotations

import pytest

from sargs.organisations.factories import InstitutionFactory
from sargs.organisations.roles import InstitutionType
from sargs.programme.models import CouncilMember

from .helpers import draft_programme

pytestmark = pytest.mark.django_db


def search(client, programme, query: str):
    return client.get(
        f"/programme/{programme.pk}/institutions/", {"q": query}, HTTP_HX_REQUEST="true"
    )


def test_the_monitoring_page_lists_no_institutions(cast, client_for):
    programme, _activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    many = [
        InstitutionFactory.create(
            name=f"Skola {n:02d}", type=InstitutionType.SCHOOL, municipality=cast.municipality_a
        )
        for n in range(40)
    ]
    response = client_for(cast.coordinator).get(f"/programme/{programme.pk}/monitoring/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not [i.name for i in many if i.name in html]
    assert f'hx-get="/programme/{programme.pk}/institutions/"' in html


def test_the_search_offers_the_programmes_institutions_to_its_drafters(cast, client_for):
    programme, _activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    found = search(client_for(cast.coordinator), programme, "social").content.decode()
    assert cast.institutions["a_social"].name in found
    assert cast.institutions["b_social"].name not in found
    assert search(client_for(cast.b_coordinator), programme, "a").status_code == 404
    assert search(client_for(cast.social_worker), programme, "a").status_code == 403


def test_a_council_member_is_added_with_a_typed_institution(cast, client_for):
    programme, _activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    client = client_for(cast.coordinator)
    response = client.post(
        f"/programme/{programme.pk}/monitoring/members/",
        {
            "kind": "institution",
            "name": "Ilze",
            "institution_search": cast.institutions["a_school"].name.lower(),
        },
    )
    assert response.status_code == 302
    member = CouncilMember.objects.get(programme=programme, name="Ilze")
    assert member.institution == cast.institutions["a_school"]
    client.post(
        f"/programme/{programme.pk}/monitoring/members/",
        {"kind": "institution", "name": "Jānis", "institution": cast.institutions["b_social"].pk},
    )
    assert not CouncilMember.objects.filter(programme=programme, name="Jānis").exists()
