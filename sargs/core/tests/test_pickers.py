"""Search pickers (issue 20, point 1): a typed name or a chosen id, always checked against the
field's own queryset; matching ignores case and diacritics."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.http import QueryDict
from django.utils import translation

from sargs.core.pickers import (
    LIMIT,
    PickerField,
    PickerMultipleField,
    fold,
    picker_matches,
    word_pattern,
)
from sargs.organisations.factories import InstitutionFactory
from sargs.organisations.models import Institution
from sargs.organisations.pickers import INSTITUTIONS
from sargs.organisations.roles import InstitutionType


def test_fold_drops_case_and_latvian_diacritics():
    assert fold("Rīgas Bērnu ĢIMNĀZIJA") == "rigas bernu gimnazija"
    assert fold("Šķūņa ielā") == "skuna iela"


def test_a_typed_word_finds_its_letters_with_or_without_diacritics():
    pattern = re.compile(word_pattern("rigas"), re.IGNORECASE)
    assert pattern.search("Rīgas 1. vidusskola")
    assert pattern.search("RĪGAS")
    assert not pattern.search("Rogas")
    # What the user types is text, not a regular expression.
    assert re.compile(word_pattern("1.")).search("Nr 1. skola")
    assert not re.compile(word_pattern("1.")).search("Nr 12 skola")


class PickForm(forms.Form):
    institution = PickerField(label="Iestāde", kind=INSTITUTIONS)
    others = PickerMultipleField(label="Citas", kind=INSTITUTIONS, required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("institution", "others"):
            self.fields[name].queryset = queryset
            self.fields[name].search_url = "/search/"


def school(name: str, municipality) -> Institution:
    return InstitutionFactory.create(
        name=name, type=InstitutionType.SCHOOL, municipality=municipality
    )


def post(**values) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        if isinstance(value, list):
            data.setlist(key, [str(v) for v in value])
        else:
            data[key] = str(value)
    return data


@pytest.fixture
def schools(cast):
    a = cast.municipality_a
    return {
        "rigas": school("Rīgas Valsts ģimnāzija", a),
        "rigas2": school("Rīgas Centra skola", a),
        "cesu": school("Cēsu pamatskola", a),
        "foreign": school("Smiltenes skola", cast.municipality_b),
    }


def mine(cast):
    return Institution.objects.filter(municipality=cast.municipality_a).order_by("name")


@pytest.mark.django_db
def test_a_chosen_id_from_the_queryset_is_taken(cast, schools):
    form = PickForm(post(institution=schools["cesu"].pk), queryset=mine(cast))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["institution"] == schools["cesu"]
    assert form.cleaned_data["others"] == []


@pytest.mark.django_db
def test_a_foreign_id_is_refused_with_a_latvian_message(cast, schools):
    with translation.override("lv"):
        form = PickForm(post(institution=schools["foreign"].pk), queryset=mine(cast))
        assert not form.is_valid()
        assert form.errors["institution"] == [
            "Šī izvēle šeit nav pieejama: izvēlieties no saraksta."
        ]
        tampered = PickForm(post(institution="1 OR 1=1"), queryset=mine(cast))
        assert not tampered.is_valid()
        several = PickForm(
            post(
                institution=schools["cesu"].pk, others=[schools["cesu"].pk, schools["foreign"].pk]
            ),
            queryset=mine(cast),
        )
        assert not several.is_valid()
        assert list(several.errors) == ["others"]


@pytest.mark.django_db
def test_without_javascript_a_typed_name_is_found_ignoring_case_and_diacritics(cast, schools):
    form = PickForm(post(institution_search="cesu pamat"), queryset=mine(cast))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["institution"] == schools["cesu"]


@pytest.mark.django_db
def test_several_matches_come_back_as_choices_and_the_choice_is_then_taken(cast, schools):
    with translation.override("lv"):
        form = PickForm(post(institution_search="rigas"), queryset=mine(cast))
        assert not form.is_valid()
        assert form.errors["institution"] == [
            "“rigas” atbilst vairāki: izvēlieties vienu zemāk vai ierakstiet vairāk no nosaukuma."
        ]
    html = str(form["institution"])
    assert html.count('type="radio"') == 2
    assert f'value="{schools["rigas"].pk}"' in html and f'value="{schools["rigas2"].pk}"' in html
    # The radio sends the id with an empty text box: taken.
    again = PickForm(post(institution="", institution_search=""), queryset=mine(cast))
    again.data.setlist("institution", ["", str(schools["rigas2"].pk)])
    assert again.is_valid(), again.errors
    assert again.cleaned_data["institution"] == schools["rigas2"]


@pytest.mark.django_db
def test_nothing_matching_and_nothing_given(cast, schools):
    with translation.override("lv"):
        form = PickForm(post(institution_search="smiltenes"), queryset=mine(cast))
        assert not form.is_valid()
        assert form.errors["institution"] == [
            "Nekas neatbilst “smiltenes”: pārbaudiet rakstību vai ierakstiet mazāk."
        ]
        empty = PickForm(post(), queryset=mine(cast))
        assert not empty.is_valid()
        assert empty.errors["institution"] == ["Šis lauks ir obligāts."]


@pytest.mark.django_db
def test_a_name_typed_over_a_chosen_id_wins(cast, schools):
    """Without JavaScript a page keeps the earlier choice's id: a different name typed over it
    is what the user means; the same name keeps the id (two schools may share a name)."""
    form = PickForm(
        post(institution=schools["rigas"].pk, institution_search="Cēsu"), queryset=mine(cast)
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["institution"] == schools["cesu"]
    same = PickForm(
        post(institution=schools["rigas"].pk, institution_search="rīgas valsts ģimnāzija"),
        queryset=mine(cast),
    )
    assert same.is_valid() and same.cleaned_data["institution"] == schools["rigas"]


@pytest.mark.django_db
def test_a_multiple_picker_keeps_the_ticked_ones_and_adds_the_typed_one(cast, schools):
    form = PickForm(
        post(
            institution=schools["cesu"].pk,
            others=[schools["rigas"].pk],
            others_search="centra",
        ),
        queryset=mine(cast),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["others"] == [schools["rigas"], schools["rigas2"]]


@pytest.mark.django_db
def test_the_widget_shows_the_chosen_name_and_asks_the_search_url(cast, schools):
    html = str(
        PickForm(initial={"institution": schools["cesu"]}, queryset=mine(cast))["institution"]
    )
    assert f'name="institution" value="{schools["cesu"].pk}"' in html
    assert 'name="institution_search" value="Cēsu pamatskola"' in html
    assert 'hx-get="/search/"' in html and 'aria-live="polite"' in html
    assert "<label" not in html  # the page's field template gives the label, for id_institution
    assert 'id="id_institution"' in html


@pytest.mark.django_db
def test_matches_are_limited(cast):
    for n in range(LIMIT + 3):
        school(f"Skola {n:02d}", cast.municipality_a)
    found, more = picker_matches(mine(cast), INSTITUTIONS, "skola")
    assert len(found) == LIMIT and more
    found, more = picker_matches(mine(cast), INSTITUTIONS, "skola 1")
    assert [i.name for i in found] == ["Skola 01", "Skola 10", "Skola 11", "Skola 12"]
    assert not more
    assert picker_matches(mine(cast), INSTITUTIONS, "   ") == ([], False)
