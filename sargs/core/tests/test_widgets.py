"""Dates typed as dd.mm.yyyy (or ISO) and a lone choice preselected (issue 18, point 8)."""

from __future__ import annotations

import datetime
from decimal import Decimal

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


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1234,56", Decimal("1234.56")),
        ("1 234,56", Decimal("1234.56")),
        ("1\u00a0234,56 €", Decimal("1234.56")),
        ("1234.56", Decimal("1234.56")),
        ("1,234.56", Decimal("1234.56")),
        ("1.234,56", Decimal("1234.56")),
        ("12", Decimal("12")),
    ],
)
def test_a_decimal_field_reads_numbers_as_people_type_them(typed, read):
    class Claim(forms.Form):
        amount = forms.DecimalField(max_digits=12, decimal_places=2)

    form = Claim(data={"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == read


def test_a_decimal_field_refuses_what_is_not_a_number_and_says_how_to_write_one():
    class Claim(forms.Form):
        amount = forms.DecimalField(max_digits=12, decimal_places=2)

    with translation.override("lv"):
        form = Claim(data={"amount": "1,2,3"})
        assert not form.is_valid()
        assert form.errors["amount"] == ["Ievadiet skaitli, piemēram, 1 234,56."]


def test_a_decimal_field_is_a_text_box_with_number_keys_showing_the_decimal_comma():
    class Claim(forms.Form):
        amount = forms.DecimalField(max_digits=12, decimal_places=2)

    with translation.override("lv"):
        html = str(Claim(initial={"amount": Decimal("1234.50")})["amount"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert 'value="1234,50"' in html
