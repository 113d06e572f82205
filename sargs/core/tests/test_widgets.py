"""Dates typed as dd.mm.yyyy (or ISO) and a lone choice preselected (issue 18, point 8)."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.utils import translation

from sargs.core.widgets import DateInput, PreselectSingleChoice
from sargs.organisations.models import Institution


class DateForm(forms.Form):
    on = forms.DateField()


def test_every_date_field_is_a_text_box_for_dd_mm_yyyy():
    html = str(DateForm()["on"])
    assert isinstance(DateForm().fields["on"].widget, DateInput)
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'inputmode="numeric"' in html and "data-date-input" in html


def test_a_date_is_shown_as_dd_mm_yyyy():
    assert 'value="05.03.2026"' in str(DateForm(initial={"on": datetime.date(2026, 3, 5)})["on"])


@pytest.mark.parametrize("typed", ["05.03.2026", "5.3.2026", "2026-03-05"])
def test_typed_and_iso_dates_are_accepted(typed):
    with translation.override("lv"):
        form = DateForm({"on": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == datetime.date(2026, 3, 5)


def test_a_wrong_date_gets_the_pages_own_message_in_latvian():
    with translation.override("lv"):
        form = DateForm({"on": "31.02.2026"})
        assert not form.is_valid()
        assert form.errors["on"] == ["Ierakstiet datumu kā dd.mm.gggg, piemēram, 05.03.2026."]


class CourtForm(PreselectSingleChoice, forms.Form):
    court = forms.ModelChoiceField(queryset=Institution.objects.none())
    optional = forms.ModelChoiceField(queryset=Institution.objects.none(), required=False)

    def __init__(self, *args, courts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts
        self.fields["optional"].queryset = courts


@pytest.mark.django_db
def test_a_required_select_with_one_choice_comes_preselected(cast):
    court = cast.institutions["a_court"]
    html = str(CourtForm(courts=Institution.objects.filter(pk=court.pk))["court"])
    assert f'<option value="{court.pk}" selected>' in html
    assert "---------" not in html
    optional = str(CourtForm(courts=Institution.objects.filter(pk=court.pk))["optional"])
    assert "selected" not in optional.replace('value="" selected', "")


@pytest.mark.django_db
def test_a_select_with_two_choices_asks(cast):
    two = Institution.objects.filter(
        pk__in=[cast.institutions["a_court"].pk, cast.institutions["a_school"].pk]
    )
    html = str(CourtForm(courts=two)["court"])
    assert "---------" in html
    assert html.count(" selected") == 1 and 'value="" selected' in html
