"""Questionnaire results keep the suppression promise (issue 17, point 4): free-text answers
are shown to the coordinator only when at least five people wrote one, and no count shown
beside a list can be worked back from it."""

import pytest

from sargs.programme import questionnaire_services, selectors

from .test_questionnaires import answer_data, questionnaire  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _answer(questionnaire, n: int) -> None:  # noqa: F811
    for i in range(n):
        ids = answer_data(questionnaire, text=f"ideja {i}")
        questionnaire_services.questionnaire_answer(
            questionnaire=questionnaire, answers={int(k[1:]): v for k, v in ids.items()}
        )


def test_four_texts_are_not_shown_even_to_the_coordinator(questionnaire):  # noqa: F811
    _answer(questionnaire, 4)
    text = selectors.questionnaire_results(questionnaire=questionnaire, with_texts=True)[3]
    assert text.texts == []
    assert text.texts_withheld is True
    assert text.answered == "<5"


def test_five_texts_are_shown_with_their_exact_count(questionnaire):  # noqa: F811
    _answer(questionnaire, 5)
    text = selectors.questionnaire_results(questionnaire=questionnaire, with_texts=True)[3]
    assert sorted(text.texts) == [f"ideja {i}" for i in range(5)]
    # The list beside it shows five items: the count says so, not "<5" or something else.
    assert text.answered == "5"
    public = selectors.questionnaire_results(questionnaire=questionnaire, with_texts=False)[3]
    assert public.texts == [] and public.texts_withheld is False
