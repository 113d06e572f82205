"""Every template filter of ``sargs`` on edge values, in both languages (issue 17, point 6):
counts without decimals, money with two, no scientific notation, decision numbers once."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation


def render(filter_name: str, value: object, language: str = "lv") -> str:
    with translation.override(language):
        return Template("{% load sargs %}{{ v|" + filter_name + " }}").render(Context({"v": value}))


EDGES = [0, 1, 1000, Decimal("6E+1"), None, -5, 123456789, Decimal("88.00"), Decimal("2.50")]

EXPECTED_LV = {
    "count": ["0", "1", "1 000", "60", "–", "-5", "123 456 789", "88", "2,5"],
    "number": ["0", "1", "1 000", "60", "–", "-5", "123 456 789", "88", "2,5"],
    "eur": [
        "0,00 €",
        "1,00 €",
        "1 000,00 €",
        "60,00 €",
        "",
        "-5,00 €",
        "123 456 789,00 €",
        "88,00 €",
        "2,50 €",
    ],
}
EXPECTED_EN = {
    "count": ["0", "1", "1,000", "60", "–", "-5", "123,456,789", "88", "2.5"],
    "eur": [
        "€0.00",
        "€1.00",
        "€1,000.00",
        "€60.00",
        "",
        "-€5.00",
        "€123,456,789.00",
        "€88.00",
        "€2.50",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_LV))
def test_latvian(name):
    assert [render(name, v) for v in EDGES] == EXPECTED_LV[name]


@pytest.mark.parametrize("name", sorted(EXPECTED_EN))
def test_english(name):
    assert [render(name, v, "en") for v in EDGES] == EXPECTED_EN[name]


def test_money_reads_as_people_write_it():
    assert render("eur", Decimal("172511.00")) == "172 511,00 €"
    assert render("eur", "not a number") == "not a number"


def test_decision_numbers_are_written_once():
    assert render("decision_no", "Nr. 412 (protokols Nr. 14, 27. §)") == (
        "412 (protokols Nr. 14, 27. §)"
    )
    assert render("decision_no", "412") == "412"
    assert render("decision_no", "No.12/5") == "12/5"
    assert render("decision_no", None) == ""
    assert render("decision_no", 0) == "0"


def test_minutes():
    assert render("minutes", timedelta(minutes=30, seconds=59)) == "30"
    assert render("minutes", None) == "0"
    assert render("minutes", timedelta(0)) == "0"
