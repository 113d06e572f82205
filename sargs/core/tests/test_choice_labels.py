"""Codes in words (issue 15, point 9): the ``label``/``labels`` filters read the registered
choice sets, in the interface's language."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

import sargs.cases.casework.models  # noqa: F401  (registers "support_area")


def render(template: str, value: object, language: str) -> str:
    with translation.override(language):
        return Template("{% load sargs %}" + template).render(Context({"v": value}))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("lv", "Budžeta plānošana, Mājsaimniecības prasmes, Bērnu aprūpe un audzināšana"),
        ("en", "Budget planning, Household skills, Childcare and upbringing"),
    ],
)
def test_a_list_of_codes_in_words_in_both_languages(language, expected):
    codes = ["budget", "household", "childcare"]
    assert render('{{ v|labels:"support_area" }}', codes, language) == expected


def test_one_code_an_unknown_code_and_nothing():
    assert render('{{ v|label:"support_area" }}', "budget", "en") == "Budget planning"
    assert render('{{ v|label:"support_area" }}', "retired", "en") == "retired"
    assert render('{{ v|labels:"support_area" }}', None, "en") == ""
    assert render('{{ v|label:"support_area" }}', "", "en") == ""


def test_an_unregistered_set_fails_loudly():
    with pytest.raises(KeyError):
        render('{{ v|labels:"no_such_set" }}', ["x"], "en")
