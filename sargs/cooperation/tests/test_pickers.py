"""The group's pickers (issue 20, point 1): the group page lists no institution or user; its
search endpoint offers the group's municipalities' ones to whoever configures the group or runs
its meetings."""

from __future__ import annotations

import pytest

from sargs.cooperation import services
from sargs.cooperation.models import GroupMember
from sargs.organisations.factories import InstitutionFactory
from sargs.organisations.roles import InstitutionType

from .helpers import draft_group

pytestmark = pytest.mark.django_db


def search(client, group, what: str, query: str):
    return client.get(
        f"/cooperation/{group.pk}/search/{what}/", {"q": query}, HTTP_HX_REQUEST="true"
    )


def test_the_group_page_lists_no_institutions_and_no_users(cast, client_for):
    group = draft_group(cast)
    many = [
        InstitutionFactory.create(
            name=f"Skola {n:02d}", type=InstitutionType.SCHOOL, municipality=cast.municipality_a
        )
        for n in range(40)
    ]
    html = client_for(cast.coordinator).get(f"/cooperation/{group.pk}/").content.decode()
    assert not [i.name for i in many if i.name in html]
    assert f'hx-get="/cooperation/{group.pk}/search/institutions/"' in html
    assert f'hx-get="/cooperation/{group.pk}/search/people/"' in html


def test_the_search_is_scoped_to_the_groups_municipalities(cast, client_for):
    group = draft_group(cast)
    coordinator = client_for(cast.coordinator)
    found = search(coordinator, group, "institutions", "social").content.decode()
    assert cast.institutions["a_social"].name in found
    assert cast.institutions["b_social"].name not in found
    people = search(coordinator, group, "people", "social").content.decode()
    assert cast.social_worker.get_full_name() in people
    assert cast.b_social_worker.get_full_name() not in people
    assert search(coordinator, group, "children", "a").status_code == 404


def test_only_those_who_configure_or_run_the_group_may_search(cast, client_for):
    group = draft_group(cast)
    assert search(client_for(cast.social_worker), group, "people", "a").status_code == 200  # leader
    assert search(client_for(cast.school_staff), group, "people", "a").status_code == 404
    assert search(client_for(cast.b_coordinator), group, "people", "a").status_code == 404
    services.group_member_add(
        actor=cast.coordinator,
        group=group,
        institution=cast.institutions["a_police"],
        person=cast.police_officer,
    )
    assert search(client_for(cast.police_officer), group, "people", "a").status_code == 403


def test_a_member_is_added_by_typed_names_and_a_foreign_one_refused(cast, client_for):
    group = draft_group(cast)
    client = client_for(cast.coordinator)
    response = client.post(
        f"/cooperation/{group.pk}/members/new/",
        {
            "institution_search": cast.institutions["a_school"].name.lower(),
            "person_search": "school_staff tests",
        },
    )
    assert response.status_code == 302
    member = GroupMember.objects.get(group=group, institution=cast.institutions["a_school"])
    assert member.person == cast.school_staff
    refused = client.post(
        f"/cooperation/{group.pk}/members/new/",
        {"institution": cast.institutions["b_social"].pk},
    )
    assert refused.status_code == 200
    assert "Šī izvēle šeit nav pieejama" in refused.content.decode()
    assert not GroupMember.objects.filter(institution=cast.institutions["b_social"]).exists()
