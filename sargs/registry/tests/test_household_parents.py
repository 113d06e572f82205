"""Parents entered once per household and linked to each child (issue 15, point 4): the
service links a sibling's parent instead of copying them, and a data migration merges the
copies made before."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from sargs.registry import services
from sargs.registry.models import (
    ChildRepresentative,
    Household,
    LegalRepresentative,
    ResidenceRecord,
)
from sargs.registry.selectors import household_adults_for
from sargs.registry.testing import make_child, old_code

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module(
    "sargs.registry.migrations.0005_merge_household_parent_duplicates"
)


def family(cast):
    home = Household.objects.create(municipality=cast.municipality_a, name="Bērziņu ģimene")
    anna = make_child(cast.municipality_a, household=home)
    peteris = make_child(cast.municipality_a, first_name="Pēteris", sex="male", household=home)
    return home, anna, peteris


def test_a_parent_without_a_code_is_entered_once_for_two_children(cast):
    home, anna, peteris = family(cast)
    kw = {"actor": cast.social_worker, "role": "mother", "first_name": "Ilze"}
    one = services.representative_add(child=anna, last_name="Bērziņa", **kw)
    two = services.representative_add(child=peteris, last_name="BĒRZIŅA ", **kw)
    assert one.representative_id == two.representative_id
    assert list(home.adults.all()) == [one.representative]


def test_a_contradicting_birth_date_or_code_is_another_person(cast):
    _home, anna, peteris = family(cast)
    kw = {
        "actor": cast.social_worker,
        "role": "mother",
        "first_name": "Ilze",
        "last_name": "Bērziņa",
    }
    one = services.representative_add(child=anna, birth_date=datetime.date(1985, 6, 7), **kw)
    two = services.representative_add(child=peteris, birth_date=datetime.date(1990, 1, 1), **kw)
    assert one.representative_id != two.representative_id


def test_a_later_code_completes_the_household_adult(cast):
    _home, anna, peteris = family(cast)
    code = old_code(datetime.date(1985, 6, 7))
    kw = {
        "actor": cast.social_worker,
        "role": "father",
        "first_name": "Juris",
        "last_name": "Bērziņš",
    }
    one = services.representative_add(child=anna, **kw)
    services.representative_add(child=peteris, personal_code=code, **kw)
    one.representative.refresh_from_db()
    assert one.representative.personal_code == code
    assert LegalRepresentative.objects.count() == 1


def test_a_household_adult_is_linked_to_a_sibling_from_the_list(cast):
    _home, anna, peteris = family(cast)
    mother = services.representative_add(
        actor=cast.social_worker, child=anna, role="mother", first_name="Ilze", last_name="Bērziņa"
    ).representative
    assert list(household_adults_for(peteris)) == [mother]
    services.representative_link(
        actor=cast.social_worker, child=peteris, representative=mother, role="mother"
    )
    assert list(household_adults_for(peteris)) == []
    with pytest.raises(ValidationError):
        services.representative_link(
            actor=cast.social_worker, child=peteris, representative=mother, role="guardian"
        )
    stranger = make_child(cast.municipality_a, first_name="Jānis")
    with pytest.raises(ValidationError):
        services.representative_link(
            actor=cast.social_worker, child=stranger, representative=mother, role="mother"
        )


def test_the_migration_merges_the_copies_made_before(cast):
    home, anna, peteris = family(cast)
    code = old_code(datetime.date(1985, 6, 7))
    first = LegalRepresentative.objects.create(
        municipality=cast.municipality_a, household=home, first_name="Ilze", last_name="Bērziņa"
    )
    copy = LegalRepresentative.objects.create(
        municipality=cast.municipality_a,
        household=home,
        first_name="ilze",
        last_name="Berzina",
        personal_code=code,
    )
    other = LegalRepresentative.objects.create(
        municipality=cast.municipality_a,
        household=home,
        first_name="Ilze",
        last_name="Bērziņa",
        birth_date=datetime.date(1960, 1, 1),
        personal_code=old_code(datetime.date(1960, 1, 1)),
    )
    ChildRepresentative.objects.create(child=anna, representative=first, role="mother")
    ChildRepresentative.objects.create(child=peteris, representative=copy, role="mother")
    ChildRepresentative.objects.create(child=peteris, representative=other, role="guardian")
    ResidenceRecord.objects.create(
        representative=copy,
        kind="declared",
        municipality=cast.municipality_a,
        valid_from=datetime.date(2010, 1, 1),
    )

    MIGRATION.merge_duplicates(apps, None)

    assert set(LegalRepresentative.objects.values_list("pk", flat=True)) == {first.pk, other.pk}
    first.refresh_from_db()
    assert first.personal_code == code
    assert set(
        ChildRepresentative.objects.filter(role="mother").values_list("child", "representative")
    ) == {(anna.pk, first.pk), (peteris.pk, first.pk)}
    assert ResidenceRecord.objects.get().representative_id == first.pk


def test_the_child_page_links_a_household_parent(cast, client_for):
    _home, anna, peteris = family(cast)
    mother = services.representative_add(
        actor=cast.social_worker, child=anna, role="mother", first_name="Ilze", last_name="Bērziņa"
    ).representative
    client = client_for(cast.social_worker)
    page = client.get(f"/registry/children/{peteris.pk}/").content.decode()
    assert 'data-testid="representative-link"' in page
    response = client.post(
        f"/registry/children/{peteris.pk}/representatives/link/",
        {"representative": mother.pk, "role": "mother"},
    )
    assert response.status_code == 302
    assert peteris.representations.get().representative == mother
    page = client.get(f"/registry/children/{peteris.pk}/").content.decode()
    assert 'data-testid="representative-link"' not in page
