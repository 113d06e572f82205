"""Small-count suppression for every output meant for people without case access.

In a small municipality a count of 1–4 children can identify them. Such counts are shown as
"<5" (primary suppression). Where a table shows totals, hiding one count is not enough: the
total minus the visible counts would give it back. So whenever a row or column (totals
included) would let a reader solve for a hidden value, another entry of that line is hidden
too (complementary suppression), preferring the smallest non-zero count, until no line can
be solved. The rule used per line with a visible total:

* no line may hide exactly one entry;
* a line that hides only "<5" counts must not pin them: their sum (total minus the visible
  counts) may not be the least (all 1) or the most (all 4) they could add up to.

``tests/test_suppression.py`` attacks the results by enumerating every assignment of the
hidden values that fits what is shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from scipy.optimize import linprog  # type: ignore[import-untyped]

SMALL_MIN, SMALL_MAX = 1, 4
PRIMARY_LABEL = "<5"
COMPLEMENTARY_LABEL = "×"


def is_small(value: int) -> bool:
    return SMALL_MIN <= value <= SMALL_MAX


@dataclass(frozen=True)
class Shown:
    """One entry of a suppressed output: the value, and what may be shown of it."""

    value: int
    primary: bool = False
    complementary: bool = False
    # A count of 1–4 shown as "×" rather than "<5": where "<5" itself would give it away.
    unlabelled: bool = False

    @property
    def hidden(self) -> bool:
        return self.primary or self.complementary

    @property
    def display(self) -> str:
        if self.primary and not self.unlabelled:
            return PRIMARY_LABEL
        if self.hidden:
            return COMPLEMENTARY_LABEL
        return str(self.value)

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True)
class SuppressedTable:
    """Cells with their row totals, column totals and grand total, all suppressed together."""

    cells: tuple[tuple[Shown, ...], ...]
    row_totals: tuple[Shown, ...]
    column_totals: tuple[Shown, ...]
    total: Shown


def suppress_count(value: int) -> Shown:
    """A single count shown on its own (no total beside it)."""
    return Shown(value, primary=is_small(value))


def suppress_list(values: Sequence[int]) -> tuple[tuple[Shown, ...], Shown]:
    """Counts with their total, e.g. one indicator by category."""
    _check([list(values)])
    grid = [[*values, sum(values)]]
    m = len(values)
    shown = _suppress(grid, [([(0, j) for j in range(m)], (0, m))])
    return tuple(shown(0, j) for j in range(m)), shown(0, m)


def suppress_table(values: Sequence[Sequence[int]]) -> SuppressedTable:
    """Suppress a table of non-negative counts together with all its totals."""
    rows = [list(r) for r in values]
    _check(rows)
    grid = [[*r, sum(r)] for r in rows]
    grid.append([sum(col) for col in zip(*grid, strict=True)])
    shown = _suppress(grid, _lines(grid))
    n, m = len(rows), len(rows[0])
    return SuppressedTable(
        cells=tuple(tuple(shown(i, j) for j in range(m)) for i in range(n)),
        row_totals=tuple(shown(i, m) for i in range(n)),
        column_totals=tuple(shown(n, j) for j in range(m)),
        total=shown(n, m),
    )


Key = TypeVar("Key", bound=Hashable)


def suppress_related(
    values: Mapping[Key, int], lines: Sequence[tuple[Sequence[Key], Key]]
) -> dict[Key, Shown]:
    """Counts related by several sum equations, suppressed jointly.

    ``lines`` lists every equation a reader knows: (the parts, the entry holding their sum).
    Related tables that share entries (a measure's total with its age parts, its sex parts
    and another split of it) are suppressed as one system, so that a hidden part can be worked
    back neither from its own table nor from another dimension's.
    """
    keys = list(values)
    _check([[values[k] for k in keys]] if keys else [])
    where = {k: (0, j) for j, k in enumerate(keys)}
    grid = [[values[k] for k in keys]]
    for parts, total in lines:
        if sum(values[p] for p in parts) != values[total]:
            raise ValueError("the parts of a line must add up to its total")
    shown = _suppress(grid, [([where[p] for p in parts], where[t]) for parts, t in lines])
    return {k: shown(*where[k]) for k in keys}


Position = tuple[int, int]
Line = tuple[list[Position], Position]


def _check(rows: list[list[int]]) -> None:
    if not rows or not rows[0] or any(len(r) != len(rows[0]) for r in rows):
        raise ValueError("a table needs rows of equal, non-zero length")
    if any(v < 0 for r in rows for v in r):
        raise ValueError("counts cannot be negative")


def _suppress(grid: list[list[int]], lines: list[Line]) -> Callable[[int, int], Shown]:
    primary = {(i, j) for i, r in enumerate(grid) for j, v in enumerate(r) if is_small(v)}
    hidden = set(primary)
    labelled = set(primary)  # shown as "<5", so a reader knows they are 1–4
    while _protect_lines(grid, lines, primary, labelled, hidden):
        pass

    def shown(i: int, j: int) -> Shown:
        p = (i, j)
        return Shown(grid[i][j], p in primary, p in hidden - primary, p in primary - labelled)

    return shown


def _lines(grid: list[list[int]]) -> list[Line]:
    """Every equation of the table: (the entries of a line, the entry holding their sum)."""
    last_i, last_j = len(grid) - 1, len(grid[0]) - 1
    lines = [([(i, j) for j in range(last_j)], (i, last_j)) for i in range(last_i + 1)]
    lines += [([(i, j) for i in range(last_i)], (last_i, j)) for j in range(last_j + 1)]
    return lines


def _protect_lines(
    grid: list[list[int]],
    lines: list[Line],
    primary: set[Position],
    labelled: set[Position],
    hidden: set[Position],
) -> bool:
    """Hide one more entry if a reader could pin a hidden count of 1–4; False when none can.

    When every entry is hidden already, the exposed count loses its "<5" label instead.
    """
    exposed = _pinned_small_counts(grid, lines, primary, labelled, hidden)
    if not exposed:
        return False
    target = min(exposed)
    touching = [(parts, total) for parts, total in lines if target in (*parts, total)]
    for parts, total in sorted(touching, key=lambda line: _unknowns(line, hidden)):
        visible = [p for p in parts if p not in hidden] or ([total] if total not in hidden else [])
        if visible:
            hidden.add(_smallest_non_zero(grid, visible))
            return True
    everything = [(i, j) for i, r in enumerate(grid) for j in range(len(r)) if (i, j) not in hidden]
    if everything:
        hidden.add(_smallest_non_zero(grid, everything))
        return True
    still_labelled = [p for p in exposed if p in labelled]
    if not still_labelled:
        return False  # nothing left to hide or unlabel; cannot happen with non-negative counts
    labelled.discard(still_labelled[0])
    return True


def _unknowns(line: Line, hidden: set[Position]) -> int:
    parts, total = line
    return sum(p in hidden for p in (*parts, total))


def _pinned_small_counts(
    grid: list[list[int]],
    lines: list[Line],
    primary: set[Position],
    labelled: set[Position],
    hidden: set[Position],
) -> list[Position]:
    """Hidden counts of 1–4 that a reader could pin from what is shown.

    The audit statistical offices use: for each hidden count, the least and the most it can
    be given every line's equation, the shown numbers, "<5" meaning 1–4 and counts being
    non-negative (two linear programmes). If no second whole number fits, it is exposed.
    """
    unknown = sorted(hidden)
    index = {p: k for k, p in enumerate(unknown)}
    equations, constants = [], []
    for parts, total in lines:
        row = [0.0] * len(unknown)
        constant = 0.0
        for p, sign in [*((q, 1) for q in parts), (total, -1)]:
            if p in index:
                row[index[p]] += sign
            else:
                constant -= sign * grid[p[0]][p[1]]
        if any(row):
            equations.append(row)
            constants.append(constant)
    bounds: list[tuple[float, float | None]] = [
        (SMALL_MIN, SMALL_MAX) if p in labelled else (0, None) for p in unknown
    ]
    exposed = []
    for p in unknown:
        if p not in primary:
            continue
        low = _optimum(index[p], 1.0, equations, constants, bounds)
        high = -_optimum(index[p], -1.0, equations, constants, bounds)
        if math.floor(high + _EPS) - math.ceil(low - _EPS) < 1:
            exposed.append(p)
    return exposed


_EPS = 1e-7


def _optimum(
    k: int,
    direction: float,
    equations: list[list[float]],
    constants: list[float],
    bounds: list[tuple[float, float | None]],
) -> float:
    objective = [0.0] * len(bounds)
    objective[k] = direction
    result = linprog(
        objective,
        A_eq=equations or None,
        b_eq=constants or None,
        bounds=bounds,
        method="highs",
    )
    if not result.success:  # the true values always fit, so this means a numeric failure
        raise RuntimeError(f"suppression audit failed: {result.message}")
    return float(result.fun)


def _smallest_non_zero(grid: list[list[int]], candidates: list[Position]) -> Position:
    """The entry to hide next: the smallest non-zero count, else a zero."""
    return min(candidates, key=lambda p: (grid[p[0]][p[1]] == 0, grid[p[0]][p[1]]))
