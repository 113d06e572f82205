"""Out-of-family care: placement and its end, the child's opinion, who may do it and see it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sargs.cases.court import services as placement_services
from sargs.cases.court.models import Placement
from sargs.cases.court.terms import month_term
from sargs.cases.court.testing import carer_for, make_foster_family
from sargs.cases.tests.helpers import open_case, today
from sargs.registry.testing import make_child

pytestmark = pytest.mark.django_db
API = "/api/v1"


def place(cast, case, child, **kwargs):
    form = kwargs.pop("form", "guardianship")
    values = {
        "case": case,
        "actor": cast.orphans_court_member,
        "child": child,
        "form": form,
        "child_opinion": "Grib dzīvot pie vecmāmiņas.",
        **carer_for(form, court=cast.institutions["a_court"], child=child),
    }
    values.update(kwargs)
    return placement_services.placement_start(**values)


def test_place_and_end(cast):
    _concern, case, child = open_case(cast, danger=True)
    with pytest.raises(ValidationError) as error:
        place(cast, case, child, child_opinion=" ")
    assert "child_opinion" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        place(cast, case, make_child(cast.municipality_a, first_name="Cits"))
    assert "child" in error.value.message_dict
    placement = place(cast, case, child, form="institution", emergency=True)
    assert placement.review_due == month_term(today(), 3)
    with pytest.raises(ValidationError, match="already in out-of-family care"):
        place(cast, case, child)
    with pytest.raises(PermissionDenied):
        placement_services.placement_end(
            placement=placement, actor=cast.social_worker, reason="returned"
        )
    with pytest.raises(ValidationError):
        placement_services.placement_end(
            placement=placement, actor=cast.orphans_court_member, reason="x"
        )
    placement_services.placement_end(
        placement=placement, actor=cast.orphans_court_member, reason="returned"
    )
    placement.refresh_from_db()
    assert placement.ended_on == today() and placement.end_reason == "returned"
    with pytest.raises(ValidationError, match="already ended"):
        placement_services.placement_end(
            placement=placement, actor=cast.orphans_court_member, reason="returned"
        )
    assert place(cast, case, child).review_due == month_term(today(), 12)


def test_only_a_participating_court_places(cast):
    _concern, case, child = open_case(cast)  # no danger: the court is not in the case
    for user in (cast.orphans_court_member, cast.social_worker, cast.school_staff):
        with pytest.raises(PermissionDenied):
            place(cast, case, child, actor=user)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("orphans_court_member", 200),
        ("social_worker", 403),
        ("school_staff", 403),
        ("b_social_worker", 403),
        ("councillor", 403),
    ],
)
def test_placement_form_by_institution(cast, client_for, role, status):
    _concern, case, _child = open_case(cast, danger=True)
    assert (
        client_for(getattr(cast, role)).get(f"/cases/{case.pk}/placements/new/").status_code
        == status
    )


def test_placement_through_the_page_and_the_api(cast, client_for):
    _concern, case, child = open_case(cast, danger=True)
    court = client_for(cast.orphans_court_member)
    family = make_foster_family(cast.institutions["a_court"], name="Audžuģimene Kalniņi")
    response = court.post(
        f"/cases/{case.pk}/placements/new/",
        {
            "child": child.pk,
            "form": "foster_family",
            "foster_family": family.pk,
            "child_opinion": "Piekrīt.",
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (
        "Audžuģimene" in client_for(cast.social_worker).get(f"/cases/{case.pk}/").content.decode()
    )
    assert (
        "Audžuģimene"
        not in client_for(cast.school_staff).get(f"/cases/{case.pk}/").content.decode()
    )
    assert (
        client_for(cast.social_worker).post(f"/cases/placements/{placement.pk}/end/").status_code
        == 403
    )
    assert (
        client_for(cast.police_officer).post(f"/cases/placements/{placement.pk}/end/").status_code
        == 403
    )
    assert (
        court.post(f"/cases/placements/{placement.pk}/end/", {"reason": "returned"}).status_code
        == 302
    )
    placement.refresh_from_db()
    assert placement.ended_on is not None
    aunt = carer_for("guardianship", court=cast.institutions["a_court"], child=child)["guardian"]
    body = {"child": child.pk, "form": "guardianship", "guardian": aunt.pk, "child_opinion": "Jā."}
    assert (
        client_for(cast.social_worker).post(f"{API}/cases/{case.pk}/placements/", body).status_code
        == 403
    )
    assert (
        court.post(f"{API}/cases/{case.pk}/placements/", {**body, "child": 999999}).status_code
        == 400
    )
    assert court.post(f"{API}/cases/{case.pk}/placements/", body).status_code == 201
    assert client_for(cast.social_worker).get(f"{API}/placements/").json()["count"] == 2
    assert client_for(cast.school_staff).get(f"{API}/placements/").json()["count"] == 0
    assert today() - datetime.timedelta(days=1) < placement.ended_on + datetime.timedelta(days=1)


def test_ended_membership_or_participation_no_longer_changes_a_placement(cast):
    """Only a court member with an active membership, whose court takes part in the case now,
    ends a placement (policy and service alike)."""
    from sargs.cases.casework.models import CaseParticipant
    from sargs.cases.court.access import placement_policy
    from sargs.organisations.models import Membership
    from sargs.organisations.principal import principal_for_user

    _concern, case, child = open_case(cast, danger=True)
    placement = place(cast, case, child)
    member = cast.orphans_court_member
    assert placement_policy.can_change(principal_for_user(member), placement)

    Membership.objects.filter(user=member).update(valid_to=today() - datetime.timedelta(days=1))
    member = type(member).objects.get(pk=member.pk)  # a new request: no cached principal
    assert not placement_policy.can_change(principal_for_user(member), placement)
    with pytest.raises(PermissionDenied):
        placement_services.placement_end(placement=placement, actor=member, reason="returned")

    Membership.objects.filter(user=member).update(valid_to=None)
    member = type(member).objects.get(pk=member.pk)
    CaseParticipant.objects.filter(case=case, institution=cast.institutions["a_court"]).update(
        until=today()
    )
    assert not placement_policy.can_change(principal_for_user(member), placement)
    with pytest.raises(PermissionDenied):
        placement_services.placement_end(placement=placement, actor=member, reason="returned")
