"""Concerns only for those who must know (issue 14 point 4, docs/adr/0008): seeing part of a
case (a task, a timeline entry addressed to one's institution) never opens its concerns; an
institution reads the concerns it reported; the case team reads them all; a cooperation-group
member reads none through that role. Page and API answer alike."""

from __future__ import annotations

import pytest

from sargs.cases.concerns import services as concern_services
from sargs.cases.tests.helpers import open_case, report, school_task
from sargs.registry.testing import make_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(cast):
    """One family case holding the school's concern, the social service's own concern about a
    sibling and the police's concern; tasks given to the provider and to municipality B's
    social service."""
    school_concern, case, child = open_case(cast)
    sibling = make_child(cast.municipality_a, household=child.household, first_name="Jānis")
    own = report(
        cast,
        user=cast.social_worker,
        institution=cast.institutions["a_social"],
        child_first_name="Jānis",
        description="Tēvs dzer.",
        observed_by="Sociālā darbiniece",
    )
    concern_services.concern_accept(concern=own, actor=cast.social_worker, child=sibling)
    police = report(cast, user=cast.police_officer, institution=cast.institutions["a_police"])
    concern_services.concern_accept(concern=police, actor=cast.social_worker, child=child)
    school_task(cast, case, institution=cast.institutions["a_provider"])
    school_task(cast, case, institution=cast.institutions["b_social"])
    return {"case": case, "school": school_concern, "own": own, "police": police}


def _answers(client, pk: int) -> tuple[int, int]:
    page = client.get(f"/cases/concerns/{pk}/")
    api = client.get(f"/api/v1/concerns/{pk}/")
    return page.status_code, api.status_code


@pytest.mark.parametrize(
    ("user", "sees"),
    [
        ("social_worker", {"school", "own", "police"}),  # the case team
        ("coordinator", {"school", "own", "police"}),
        ("school_staff", {"school"}),  # only what it reported
        ("police_officer", {"police"}),
        ("provider_staff", set()),  # a task on the case opens no concern
        ("family_assistant", set()),
        ("b_social_worker", set()),  # another municipality's task holder
        ("cooperation_group_member", set()),  # in the police, yet no case role
    ],
)
def test_concerns_by_role_on_page_and_api(cast, client_for, family, user, sees):
    client = client_for(getattr(cast, user))
    for name in ("school", "own", "police"):
        expected = 200 if name in sees else 404
        assert _answers(client, family[name].pk) == (expected, expected), name


def test_concern_lists_hold_only_what_one_may_read(cast, client_for, family):
    for user in ("provider_staff", "b_social_worker", "school_staff", "cooperation_group_member"):
        client = client_for(getattr(cast, user))
        ids = set()
        for tab in ("ours", "closed"):
            body = client.get(f"/api/v1/concerns/?tab={tab}").json()
            ids |= {row["id"] for row in body["results"]}
        allowed = {family["school"].pk} if user == "school_staff" else set()
        assert ids == allowed, user


def test_task_holders_still_reach_their_part_of_the_case(cast, client_for, family):
    case = family["case"]
    for user in ("provider_staff", "b_social_worker", "school_staff"):
        page = client_for(getattr(cast, user)).get(f"/cases/{case.pk}/")
        assert page.status_code == 200, user
        text = page.content.decode()
        assert "Tēvs dzer." not in text and "Nāk uz skolu izsalkusi." not in text, user


def test_cooperation_member_reads_no_case_through_the_role(cast, client_for, family):
    client = client_for(cast.cooperation_group_member)
    assert client.get(f"/cases/{family['case'].pk}/").status_code == 404
    assert client.get(f"/api/v1/cases/{family['case'].pk}/").status_code == 404
