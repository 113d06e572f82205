"""The named legal terms and month arithmetic (sargs/core/terms.py)."""

from __future__ import annotations

import datetime

from sargs.core import terms

D = datetime.date


def test_a_month_later_is_the_same_day_or_the_months_last():
    assert terms.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert terms.add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert terms.add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)


def test_a_month_term_ending_on_a_day_off_moves_to_the_next_working_day():
    # 18.11.2026 is a public holiday (a Wednesday): the term ends on Thursday the 19th.
    assert terms.month_term(D(2026, 10, 18), 1) == D(2026, 11, 19)


def test_the_years_figures_are_due_on_1_february_or_the_next_working_day():
    assert terms.collection_year_deadline(2025) == D(2026, 2, 2)  # 1.2.2026 is a Sunday
    assert terms.collection_year_deadline(2026) == D(2027, 2, 1)


def test_a_term_the_law_leaves_open_is_read_from_its_setting(settings):
    settings.CONCERN_TRIAGE_WORKING_DAYS = 5
    assert terms.CONCERN_TRIAGE.value == 5
    assert terms.DEPRIVATION_REVIEW_MONTHS.value == 12  # settled by law: no setting


def test_every_term_names_its_source():
    assert all(t.source for t in terms.TERMS)
    names = [t.name for t in terms.TERMS]
    assert len(names) == len(set(names))
