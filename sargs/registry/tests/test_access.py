"""The registry policy: who sees (404 otherwise) and who may open the registry (403 otherwise)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sargs.organisations.principal import principal_for_user
from sargs.registry.access import child_policy, household_policy, registry_municipalities
from sargs.registry.models import Child, Household
from sargs.registry.testing import make_child

pytestmark = pytest.mark.django_db

KEEPERS = ["social_worker", "orphans_court_member", "coordinator"]
REFUSED = [
    "school_staff",
    "family_assistant",
    "provider_staff",
    "police_officer",
    "education_specialist",
    "cooperation_group_member",
    "councillor",
    "national_analyst",
    "administrator",
    "national_admin",
    "no_role",
]


@pytest.mark.parametrize("role", KEEPERS)
def test_keepers_see_and_change_their_municipalitys_children(cast, role):
    child = make_child(cast.municipality_a)
    principal = principal_for_user(getattr(cast, role))
    assert list(child_policy.visible(principal, Child.objects.all())) == [child]
    assert child_policy.can_change(principal, child)


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_see_no_child(cast, role):
    make_child(cast.municipality_a)
    principal = principal_for_user(getattr(cast, role))
    assert registry_municipalities(principal) == frozenset()
    assert not child_policy.visible(principal, Child.objects.all()).exists()


def test_another_municipalitys_keeper_sees_nothing(cast):
    child = make_child(cast.municipality_a)
    household = Household.objects.create(municipality=cast.municipality_a, name="Bērziņi")
    principal = principal_for_user(cast.b_social_worker)
    assert not child_policy.visible(principal, Child.objects.all()).exists()
    assert not household_policy.visible(principal, Household.objects.all()).exists()
    assert not child_policy.can_change(principal, child)
    assert not household_policy.can_change(principal, household)


@pytest.mark.parametrize("role", KEEPERS)
def test_keepers_open_the_child_page(cast, client_for, role):
    child = make_child(cast.municipality_a)
    client = client_for(getattr(cast, role))
    assert client.get(reverse("registry:child-search")).status_code == 200
    assert client.get(reverse("registry:child-detail", args=[child.pk])).status_code == 200
    assert client.get(reverse("registry:child-edit", args=[child.pk])).status_code == 200


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_are_forbidden(cast, client_for, role):
    child = make_child(cast.municipality_a)
    client = client_for(getattr(cast, role))
    assert client.get(reverse("registry:child-search")).status_code == 403
    assert client.post(reverse("registry:child-search"), {}).status_code == 403
    assert client.get(reverse("registry:child-detail", args=[child.pk])).status_code == 403
    assert client.get(reverse("registry:child-create")).status_code == 403
    assert client.get(f"/api/v1/children/{child.pk}/").status_code == 403
    assert client.get("/api/v1/children/").status_code == 403


def test_another_municipalitys_staff_get_404(cast, client_for):
    child = make_child(cast.municipality_a)
    household = Household.objects.create(municipality=cast.municipality_a, name="Bērziņi")
    client = client_for(cast.b_social_worker)
    assert client.get(reverse("registry:child-detail", args=[child.pk])).status_code == 404
    assert client.get(reverse("registry:child-edit", args=[child.pk])).status_code == 404
    url = reverse("registry:representative-add", args=[child.pk])
    assert client.post(url, {}).status_code == 404
    assert client.get(reverse("registry:household-detail", args=[household.pk])).status_code == 404
    assert client.get(f"/api/v1/children/{child.pk}/").status_code == 404
    assert client.get(f"/api/v1/children/{child.pk}/jurisdiction/").status_code == 404
