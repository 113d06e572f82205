"""Suppression resists being worked back: an attacker who knows the rule and every shown
number enumerates all hidden values that fit, and must never find only one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sargs.core.suppression import (
    Shown,
    SuppressedTable,
    suppress_count,
    suppress_list,
    suppress_table,
)


def as_grid(table: SuppressedTable) -> list[list[Shown]]:
    grid = [[*row, rt] for row, rt in zip(table.cells, table.row_totals, strict=True)]
    grid.append([*table.column_totals, table.total])
    return grid


def possible_values(table: SuppressedTable) -> dict[tuple[int, int], set[int]]:
    """Every value each hidden entry can take, given what is shown: an exact search that
    fills a line's last unknown from its equation and branches only where it must."""
    grid = as_grid(table)
    hidden = [(i, j) for i, r in enumerate(grid) for j, s in enumerate(r) if s.hidden]
    # Any entry is at most the grand total; a bound at least that large keeps the search exact.
    upper = table.total.value + 4
    n, m = len(grid) - 1, len(grid[0]) - 1
    lines = [([(i, j) for j in range(m)], (i, m)) for i in range(n + 1)]
    lines += [([(i, j) for i in range(n)], (n, j)) for j in range(m + 1)]
    found: dict[tuple[int, int], set[int]] = {p: set() for p in hidden}

    def labelled(p: tuple[int, int]) -> bool:
        return grid[p[0]][p[1]].display == "<5"  # all a reader knows: "<5" means 1–4

    def fits(p: tuple[int, int], v: int) -> bool:
        return 1 <= v <= 4 if labelled(p) else 0 <= v <= upper

    def solve(values: dict[tuple[int, int], int]) -> None:
        def val(p: tuple[int, int]) -> int | None:
            return values.get(p) if grid[p[0]][p[1]].hidden else grid[p[0]][p[1]].value

        for parts, total in lines:
            entries = [(p, 1) for p in parts] + [(total, -1)]
            unknown = [(p, sign) for p, sign in entries if val(p) is None]
            known = sum(sign * val(p) for p, sign in entries if val(p) is not None)  # type: ignore[operator]
            if not unknown:
                if known != 0:
                    return  # contradiction
            elif len(unknown) == 1:
                p, sign = unknown[0]
                v = -known * sign
                if not fits(p, v):
                    return
                solve({**values, p: v})
                return
        free = [p for p in hidden if p not in values]
        if not free:
            for p, v in values.items():
                found[p].add(v)
            return
        p = min(free, key=lambda q: (not labelled(q), q))
        for v in range(1, 5) if labelled(p) else range(upper + 1):
            solve({**values, p: v})

    solve({})
    return found


def assert_not_recoverable(values: list[list[int]]) -> SuppressedTable:
    table = suppress_table(values)
    grid = as_grid(table)
    for row in grid:
        for entry in row:
            if 1 <= entry.value <= 4:
                assert entry.primary, "every count of 1–4 is hidden"
    # A complementary entry may be pinned (e.g. a hidden zero); a count of 1–4 never.
    for (i, j), options in possible_values(table).items():
        if grid[i][j].primary:
            assert len(options) >= 2, f"{(i, j)} can be worked back: {options} from {values}"
    return table


def test_a_single_small_count_is_shown_as_less_than_five():
    assert suppress_count(3).display == "<5"
    assert suppress_count(0).display == "0"
    assert suppress_count(5).display == "5"


def test_one_small_count_beside_a_total_hides_a_second_count():
    cells, total = suppress_list([3, 12, 20])
    assert [c.display for c in cells] == ["<5", "×", "20"]
    assert total.display == "35"


def test_a_table_of_only_small_counts_drops_the_hint_where_it_would_give_them_away():
    table = assert_not_recoverable([[1, 1], [1, 1]])
    assert "×" in {s.display for row in as_grid(table) for s in row}


@pytest.mark.parametrize(
    "values",
    [
        [[4, 4, 10]],  # two hidden fours with a visible total would give them away
        [[1, 1, 30]],  # so would two ones
        [[2, 0, 0]],  # the only count in the line
        [[3, 7], [6, 2]],
        [[0, 0], [0, 9]],
        [[1, 6, 9], [8, 1, 7], [5, 6, 2]],
    ],
)
def test_known_hard_cases_cannot_be_worked_back(values):
    assert_not_recoverable(values)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=1, max_value=3).flatmap(
        lambda rows: st.integers(min_value=1, max_value=3).flatmap(
            lambda cols: st.lists(
                st.lists(st.integers(min_value=0, max_value=7), min_size=cols, max_size=cols),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_no_hidden_value_can_be_worked_back(values):
    assert_not_recoverable(values)


def test_tables_without_small_counts_show_everything():
    table = suppress_table([[10, 20], [30, 0]])
    assert not any(s.hidden for row in as_grid(table) for s in row)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        suppress_table([[1, 2], [3]])
    with pytest.raises(ValueError):
        suppress_table([[-1]])
