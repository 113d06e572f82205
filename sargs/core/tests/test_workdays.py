"""The working-day calendar: fixed examples from the Latvian calendar and properties."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from sargs.core.workdays import (
    add_working_days,
    deadline_after,
    is_working_day,
    next_working_day,
    working_days_between,
)

D = datetime.date
days = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))


def test_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(D(2026, 11, 18))  # Proclamation Day, Wednesday
    assert not is_working_day(D(2026, 6, 23))  # Midsummer Eve
    assert not is_working_day(D(2026, 11, 21))  # Saturday
    assert is_working_day(D(2026, 11, 19))


def test_moved_day_off_follows_the_setting():
    assert not is_working_day(D(2026, 1, 2))  # moved from Saturday 17.01.2026
    with override_settings(MOVED_DAYS_OFF_EXTEND_DEADLINES=False):
        assert is_working_day(D(2026, 1, 2))
        assert add_working_days(D(2026, 1, 1), 1) == D(2026, 1, 2)
    assert add_working_days(D(2026, 1, 1), 1) == D(2026, 1, 5)
    # The Saturday worked in exchange stays a day off either way.
    assert not is_working_day(D(2026, 1, 17))


def test_term_starts_the_day_after_and_skips_holidays():
    # Tuesday 17.11.2026 + 3 working days: 19, 20 and 23 (the 18th is a holiday).
    assert add_working_days(D(2026, 11, 17), 3) == D(2026, 11, 23)
    assert add_working_days(D(2026, 11, 17), 0) == D(2026, 11, 17)
    # Friday before Christmas: 28, 29, 30 (the 24th–26th and 31st are holidays).
    assert add_working_days(D(2026, 12, 23), 3) == D(2026, 12, 30)


def test_deadline_on_a_day_off_moves_to_the_next_working_day():
    # A month-long term from 18.10.2026 would end on Wednesday 18.11.2026 (a holiday).
    assert deadline_after(D(2026, 10, 18), 31) == D(2026, 11, 19)
    assert deadline_after(D(2026, 11, 16), 5) == D(2026, 11, 23)  # Saturday → Monday
    assert deadline_after(D(2026, 11, 16), 3) == D(2026, 11, 19)  # Thursday stays


def test_negative_terms_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 1), -1)
    with pytest.raises(ValueError):
        deadline_after(D(2026, 1, 1), -1)


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=40))
def test_add_working_days_counts_exactly_n_working_days(start, n):
    end = add_working_days(start, n)
    assert end > start
    assert is_working_day(end)
    assert working_days_between(start, end) == n


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(min_value=0, max_value=30), m=st.integers(0, 30))
def test_add_working_days_composes(start, n, m):
    assert add_working_days(add_working_days(start, n), m) == add_working_days(start, n + m)


@settings(max_examples=200, deadline=None)
@given(event=days, term=st.integers(min_value=0, max_value=120))
def test_deadline_is_the_first_working_day_not_before_the_term_end(event, term):
    end = event + datetime.timedelta(days=term)
    deadline = deadline_after(event, term)
    assert deadline >= end
    assert is_working_day(deadline)
    day = end
    while day < deadline:
        assert not is_working_day(day)
        day += datetime.timedelta(days=1)
    assert next_working_day(deadline) == deadline
