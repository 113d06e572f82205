"""Suppression of the assessment outputs resists being worked back (issue 7 item 6).

An attacker knows the rule, every shown number and every sum that ties the numbers together
(a measure's total = its age parts = its sex parts = its own split), and enumerates every
assignment of the hidden values that fits. No hidden count of 1–4 may have only one.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sargs.assessment.catalogue import BY_CODE
from sargs.assessment.dashboard import (
    Figure,
    change,
    indicator_view,
    measure_lines,
    shown_indicator,
)
from sargs.core.suppression import Shown, suppress_related

from .output_factories import frozen_assessment, population

F3 = BY_CODE["F3"].measures[0]
LINES = measure_lines(F3)


def possible_values(
    shown: dict[str, Shown], lines: list[tuple[list[str], str]]
) -> dict[str, set[int]]:
    """Every value each hidden entry can take given what is shown: an exact search that fills
    a line's last unknown from its equation and branches only where it must."""
    hidden = [k for k, s in shown.items() if s.hidden]
    upper = sum(s.value for s in shown.values()) + 4
    found: dict[str, set[int]] = {k: set() for k in hidden}

    def labelled(k: str) -> bool:
        return shown[k].display == "<5"

    def fits(k: str, v: int) -> bool:
        return 1 <= v <= 4 if labelled(k) else 0 <= v <= upper

    def solve(values: dict[str, int]) -> None:
        def val(k: str) -> int | None:
            return values.get(k) if shown[k].hidden else shown[k].value

        for parts, total in lines:
            entries = [(p, 1) for p in parts] + [(total, -1)]
            unknown = [(p, sign) for p, sign in entries if val(p) is None]
            known = sum(sign * v for p, sign in entries if (v := val(p)) is not None)
            if not unknown:
                if known != 0:
                    return
            elif len(unknown) == 1:
                k, sign = unknown[0]
                v = -known * sign
                if not fits(k, v):
                    return
                solve({**values, k: v})
                return
        free = [k for k in hidden if k not in values]
        if not free:
            for k, v in values.items():
                found[k].add(v)
            return
        k = min(free, key=lambda q: (not labelled(q), q))
        for v in range(1, 5) if labelled(k) else range(upper + 1):
            solve({**values, k: v})

    solve({})
    return found


def measure_values(total_parts: dict[str, list[int]]) -> dict[str, int]:
    """F3 cells from the parts of each dimension (their sums must agree)."""
    values: dict[str, int] = {}
    for parts, total in LINES:
        dimension = parts[0].split("|")[1].split("=")[0]
        for key, v in zip(parts, total_parts[dimension], strict=True):
            values[key] = v
        values[total] = sum(total_parts[dimension])
    return values


def assert_not_recoverable(values: dict[str, int]) -> dict[str, Shown]:
    shown = suppress_related(values, LINES)
    for key, entry in shown.items():
        if 1 <= entry.value <= 4:
            assert entry.primary, f"{key}: every count of 1–4 is hidden"
    for key, options in possible_values(shown, LINES).items():
        if shown[key].primary:
            assert len(options) >= 2, f"{key} can be worked back: {options} from {values}"
    return shown


def test_a_part_hidden_in_one_dimension_cannot_be_worked_back_from_another():
    # Girls 3, boys 9: the age split (5 + 7) and the forms (2 + 4 + 6) tie the same total.
    values = measure_values({"form": [2, 4, 6], "age": [5, 7], "sex": [3, 9]})
    shown = assert_not_recoverable(values)
    assert shown["children|sex=f"].display == "<5"
    # Hiding girls alone would let total − boys give them back: something else is hidden too.
    assert sum(s.hidden for s in shown.values()) >= 4


def test_a_small_total_hides_every_part():
    shown = assert_not_recoverable(
        measure_values({"form": [0, 3, 0], "age": [1, 2], "sex": [3, 0]})
    )
    assert shown["children"].display == "<5"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 6), min_size=3, max_size=3).flatmap(
        lambda form: st.tuples(
            st.just(form),
            st.integers(0, sum(form)),
            st.integers(0, sum(form)),
        )
    )
)
def test_no_hidden_part_of_a_measure_can_be_worked_back(data):
    form, young, girls = data
    total = sum(form)
    assert_not_recoverable(
        measure_values({"form": form, "age": [young, total - young], "sex": [girls, total - girls]})
    )


def test_parts_that_do_not_add_up_are_refused():
    with pytest.raises(ValueError):
        suppress_related({"t": 5, "a": 1, "b": 1}, [(["a", "b"], "t")])


def figures(values: dict[str, int]) -> dict[str, Figure]:
    return {k: Figure("number", Decimal(v), "reported") for k, v in values.items()}


def test_the_dashboard_hides_related_cells_jointly_and_shows_no_rate_of_a_hidden_count():
    values = measure_values({"form": [2, 4, 6], "age": [5, 7], "sex": [3, 9]})
    cells = shown_indicator(BY_CODE["F3"], figures(values), suppressed=True)
    reference = suppress_related(values, LINES)
    assert {k for k, c in cells.items() if c.hidden} == {
        k for k, s in reference.items() if s.hidden
    }
    assert all(c.amount is None for c in cells.values() if c.hidden)
    unsuppressed = shown_indicator(BY_CODE["F3"], figures(values), suppressed=False)
    assert unsuppressed["children|sex=f"].display == "3"


def test_a_change_between_years_is_shown_only_when_both_years_are():
    cells = shown_indicator(BY_CODE["F2"], figures({"restored": 3}), suppressed=True)
    later = shown_indicator(BY_CODE["F2"], figures({"restored": 12}), suppressed=True)
    # 12 − change would give the hidden 3 back.
    assert change(cells["restored"], later["restored"]) is None
    earlier = shown_indicator(BY_CODE["F2"], figures({"restored": 9}), suppressed=True)
    assert change(earlier["restored"], later["restored"]) == Decimal(3)


def test_money_paid_to_a_hidden_number_of_families_is_hidden():
    cells = shown_indicator(
        BY_CODE["L3"],
        figures({"families": 2, "children": 5, "amount": 1200}),
        suppressed=True,
    )
    assert cells["families"].hidden and cells["amount"].hidden


@pytest.mark.django_db
def test_a_group_total_that_would_give_back_a_hidden_municipality_is_withheld(cast):
    a, b = cast.municipality_a, cast.municipality_b  # both novadi
    for m in (a, b):
        population(m, 2024)
    frozen_assessment(a, 2024, {"F2": {"restored": 3}})
    frozen_assessment(b, 2024, {"F2": {"restored": 20}})
    view = indicator_view(b, "F2", suppressed=True)
    national, same_kind = view.measures[0].national[0], view.measures[0].same_kind[0]
    # National 23 minus Smiltene's shown 20 would give Valmiera's hidden 3.
    assert national is not None and national.withheld and national.amount is None
    assert same_kind is not None and same_kind.withheld
    own = indicator_view(a, "F2", suppressed=True).measures[0].rows[0].cells[0]
    assert own is not None and own.hidden and own.display == "<5"


@pytest.mark.django_db
def test_a_group_total_of_shown_members_is_shown(cast):
    a, b = cast.municipality_a, cast.municipality_b
    for m in (a, b):
        population(m, 2024, children=10000)
    frozen_assessment(a, 2024, {"F3": {"children": 30}})
    frozen_assessment(b, 2024, {"F3": {"children": 20}})
    group = indicator_view(a, "F3", suppressed=True).measures[0].national[0]
    assert group is not None and not group.withheld
    assert group.amount == 50 and group.members == 2
    assert group.rate == Decimal("2.5")  # 50 per 20,000 children


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=3, max_size=3).flatmap(
        lambda form: st.tuples(st.just(form), st.integers(0, sum(form)), st.integers(0, sum(form)))
    )
)
def test_what_the_dashboard_shows_cannot_be_worked_back(data):
    """The production path (shown_indicator) read as a reader sees it: only the displays."""
    form, young, girls = data
    total = sum(form)
    values = measure_values(
        {"form": form, "age": [young, total - young], "sex": [girls, total - girls]}
    )
    cells = shown_indicator(BY_CODE["F3"], figures(values), suppressed=True)
    seen = {
        k: Shown(values[k], primary=c.display == "<5", complementary=c.display == "×")
        for k, c in cells.items()
    }
    for key, c in cells.items():
        if not c.hidden:
            assert c.display == str(values[key])
    for key, options in possible_values(seen, LINES).items():
        if 1 <= values[key] <= 4:
            assert len(options) >= 2, f"{key} can be worked back from {values}"


@pytest.mark.django_db
def test_series_gives_a_cells_values_over_the_years(cast):
    from sargs.assessment.dashboard import series

    a = cast.municipality_a
    frozen_assessment(a, 2023, {"F2": {"restored": 3}})
    frozen_assessment(a, 2024, {"F2": {"restored": "not_reported"}})
    frozen_assessment(a, 2022, {"F2": {"restored": 7}})
    assert series(a, "F2", "restored") == [(2022, 7), (2023, 3), (2024, None)]
    assert series(cast.municipality_b, "F2", "restored") == []
