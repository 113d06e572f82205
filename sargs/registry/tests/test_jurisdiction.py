"""The registry's facts put to the BTAL 67 engine, on the child's page and in the API."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from sargs.audit.models import AuditEntry
from sargs.jurisdiction.facts import ChildFacts, ParentFacts
from sargs.registry.selectors import child_detail_queryset, scenario_for_child
from sargs.registry.testing import make_child, make_parent, make_residence

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 15)


@pytest.fixture
def family(cast):
    """Mother declared in B (the child lives with her), father declared in A, child's own
    declared residence in A."""
    child = make_child(cast.municipality_a)
    make_residence(cast.municipality_a, child=child, valid_from=datetime.date(2015, 3, 4))
    make_parent(child, "mother", declared=cast.municipality_b, lives_with_child=True)
    make_parent(child, "father", first_name="Jānis", declared=cast.municipality_a)
    return child


def test_scenario_for_child(cast, family):
    child = child_detail_queryset().get(pk=family.pk)
    scenario = scenario_for_child(child, TODAY)
    assert scenario.as_of == TODAY
    assert scenario.child == ChildFacts(
        declared_residence="0054000",
        actual_location=None,
        temporary_residence=None,
        lives_with=("mother",),
        in_danger=False,
        out_of_family_care=None,
    )
    assert set(scenario.parents) == {
        ParentFacts(role="mother", declared_residence="0049000"),
        ParentFacts(role="father", declared_residence="0054000"),
    }


def test_scenario_uses_the_residences_in_effect_on_the_date(cast):
    child = make_child(cast.municipality_a)
    relation = make_parent(child, "mother")
    parent = relation.representative
    make_residence(
        cast.municipality_a,
        representative=parent,
        valid_from=datetime.date(2010, 1, 1),
        valid_to=datetime.date(2019, 12, 31),
    )
    make_residence(cast.municipality_b, representative=parent, valid_from=datetime.date(2020, 1, 1))
    make_residence(
        cast.municipality_b,
        representative=parent,
        kind="actual",
        valid_from=datetime.date(2020, 1, 1),
    )
    child = child_detail_queryset().get(pk=child.pk)
    past = scenario_for_child(child, datetime.date(2018, 6, 1))
    assert past.parents == (ParentFacts(role="mother", declared_residence="0054000"),)
    now = scenario_for_child(child, TODAY)
    assert now.parents == (
        ParentFacts(role="mother", declared_residence="0049000", actual_residence="0049000"),
    )


def test_guardians_are_not_given_to_the_engine(cast):
    child = make_child(cast.municipality_a)
    make_parent(child, "guardian", declared=cast.municipality_b, lives_with_child=True)
    scenario = scenario_for_child(child_detail_queryset().get(pk=child.pk), TODAY)
    assert scenario.parents == () and scenario.child.lives_with == ()


def test_page_shows_the_parent_the_child_lives_with(cast, client_for, family):
    client = client_for(cast.social_worker)
    url = reverse("registry:child-detail", args=[family.pk])
    response = client.get(url)  # Latvian by default
    decision = response.context["jurisdiction"].decision
    assert decision.status == "determined"
    assert decision.responsible.atvk == "0049000"
    assert "BTAL 67(2)" in decision.basis
    html = response.content.decode()
    assert "Smiltenes novads (0049000)" in html
    assert "bērns dzīvo pie mātes" in html
    assert (
        AuditEntry.objects.filter(object_pk=str(family.pk), action=AuditEntry.Action.ACCESS).count()
        == 1
    )


def test_page_answers_in_the_active_language(cast, client_for, family):
    client = client_for(cast.social_worker)
    url = reverse("registry:child-detail", args=[family.pk])
    client.post(reverse("core:set-language"), {"language": "en", "next": url})
    html = client.get(url).content.decode()
    assert "the child lives with the mother" in html
    assert "Smiltenes novads (0049000)" in html


def test_api_jurisdiction(cast, client_for, family):
    client = client_for(cast.coordinator)
    data = client.get(
        f"/api/v1/children/{family.pk}/jurisdiction/", {"as_of": "2025-01-15", "lang": "en"}
    ).json()
    assert data["status"] == "determined"
    assert data["responsible"] == {"atvk": "0049000", "name": "Smiltenes novads"}
    assert data["as_of"] == "2025-01-15"
    assert "BTAL 67(2)" in data["basis"]
    assert data["reason"]
    assert AuditEntry.objects.filter(
        object_pk=str(family.pk), action=AuditEntry.Action.ACCESS
    ).exists()
    bad = client.get(f"/api/v1/children/{family.pk}/jurisdiction/", {"as_of": "15.01.2025"})
    assert bad.status_code == 400


def test_undetermined_when_parents_differ_and_child_lives_with_neither(cast, client_for):
    child = make_child(cast.municipality_a)
    make_parent(child, "mother", declared=cast.municipality_b)
    make_parent(child, "father", first_name="Jānis", declared=cast.municipality_a)
    data = client_for(cast.social_worker).get(f"/api/v1/children/{child.pk}/jurisdiction/").json()
    assert data["status"] == "undetermined" and data["responsible"] is None
