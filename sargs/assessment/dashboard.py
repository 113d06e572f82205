"""Frozen assessment figures as readers see them: per municipality over the years, with rates
per 1,000 children and comparisons with the national and same-kind figures.

Suppression (docs/adr/0009-small-count-suppression.md, issue 7 item 6):

* A measure's cells (its total, its age parts, its sex parts, the indicator's own split) are
  one system of sums, suppressed jointly with ``suppress_related``, so a hidden part cannot
  be worked back from another dimension. Counts that are not about people (programmes,
  events, places …) are shown as they are; a sum of money is hidden with the count it is paid
  to.
* A rate per 1,000 children is shown only where its count is (the population is public).
* A change between years is shown only where both years' figures are shown.
* A group figure (national, same kind) is a sum over municipalities. It is shown for a
  measure's total only when every municipality in the sum shows its total: then it can be
  computed from shown figures and reveals nothing, whoever subtracts what they know from it.
  Otherwise it is withheld, because group minus the shown members would give a hidden value.

Every figure set is read with one query, however many municipalities and years it covers.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from sargs.core.suppression import Shown, suppress_related
from sargs.core.templatetags.sargs import count as count_text
from sargs.core.templatetags.sargs import eur
from sargs.organisations.models import Municipality

from .catalogue import BY_CODE, GROUPS, INDICATORS, IndicatorSpec, Measure, cell_key, parse_cell_key
from .figures import (
    Figure,
    FigureSet,
    frozen_figures,
    semester_label,
    semester_order,
    year_semester,
    year_semester_note,
)
from .models import ChildPopulation, ValueState

__all__ = ["Figure", "FigureSet", "frozen_figures"]

# Measures that count people (children, pupils, families, parents, participants): suppressed.
PERSON_MEASURES = frozenset(
    {
        "children",
        "pupils",
        "families",
        "cases",
        "suspended",
        "deprived",
        "restored",
        "specialised",
        "participants",
    }
)
# Measures whose rate per 1,000 children is meaningful.
RATE_MEASURES = frozenset({"children", "pupils"})


@dataclass(frozen=True)
class Cell:
    """A figure as one reader may see it."""

    key: str
    state: str
    amount: Decimal | None  # None when there is no number or it is hidden
    display: str
    hidden: bool = False
    origin: str = ""

    @property
    def is_number(self) -> bool:
        return self.amount is not None


# --- Suppression of one indicator's figures ---------------------------------------------------


def measure_lines(measure: Measure) -> list[tuple[list[str], str]]:
    """The sums a reader knows: each dimension's parts add up to the measure's total."""
    total = cell_key(measure.key)
    return [
        ([cell_key(measure.key, d.key, c) for c, _label in d.categories], total)
        for d in measure.dimensions
    ]


def measure_cells(measure: Measure) -> list[str]:
    return [cell_key(measure.key)] + [
        cell_key(measure.key, d.key, c) for d in measure.dimensions for c, _label in d.categories
    ]


def _format(amount: Decimal, unit: str) -> str:
    """As people read it, in the active language: "1 234", "172 511,00 €"."""
    return eur(amount) if unit == "eur" else count_text(amount)


def _no_number(key: str, figure: Figure | None) -> Cell:
    state = figure.state if figure else ""
    return Cell(key, state, None, "", origin=figure.origin if figure else "")


def _suppressed_measure(measure: Measure, figures: dict[str, Figure]) -> dict[str, Shown]:
    numbers = {
        k: int(f.amount)
        for k in measure_cells(measure)
        if (f := figures.get(k)) is not None
        and f.state == ValueState.NUMBER
        and f.amount is not None
    }
    lines = [
        (parts, total)
        for parts, total in measure_lines(measure)
        if total in numbers
        and all(p in numbers for p in parts)
        and sum(numbers[p] for p in parts) == numbers[total]
    ]
    return suppress_related(numbers, lines) if numbers else {}


def shown_indicator(
    spec: IndicatorSpec, figures: dict[str, Figure], *, suppressed: bool
) -> dict[str, Cell]:
    """One municipality's figures of one indicator and period, as a reader may see them."""
    cells: dict[str, Cell] = {}
    money_hidden = False
    for measure in spec.measures:
        shown = (
            _suppressed_measure(measure, figures)
            if suppressed and measure.key in PERSON_MEASURES
            else {}
        )
        if measure.unit == "eur":
            shown = {}
        for key in measure_cells(measure):
            figure = figures.get(key)
            if figure is None or figure.state != ValueState.NUMBER or figure.amount is None:
                cells[key] = _no_number(key, figure)
                continue
            entry = shown.get(key)
            hide_money = measure.unit == "eur" and suppressed and money_hidden
            if (entry is not None and entry.hidden) or hide_money:
                label = entry.display if entry is not None else "×"
                cells[key] = Cell(key, figure.state, None, label, hidden=True, origin=figure.origin)
                continue
            cells[key] = Cell(
                key,
                figure.state,
                figure.amount,
                _format(figure.amount, measure.unit),
                False,
                figure.origin,
            )
        if measure.key in PERSON_MEASURES and cells[cell_key(measure.key)].hidden:
            money_hidden = True
    return cells


# --- Population and rates ---------------------------------------------------------------------


def populations(
    municipality_ids: Iterable[int] | None, years: Iterable[int]
) -> dict[tuple[int, int], dict[str, int]]:
    """Children per municipality and year: "total", "age=0_6", "sex=f" …; one query.

    A year's denominator is the PMLP figure nearest to 1 January of the year (the earlier one
    on a tie), as ``population.population`` chooses it for the quality checks.
    """
    years = sorted(set(years))
    if not years:
        return {}
    qs = ChildPopulation.objects.all()
    if municipality_ids is not None:
        qs = qs.filter(municipality__in=list(municipality_ids))
    rows = qs.values_list("municipality_id", "reference_date", "age_group", "sex", "count")
    by_date: dict[int, dict[datetime.date, dict[str, int]]] = defaultdict(dict)
    for mid, day, age, sex, count in rows:
        counts = by_date[mid].setdefault(day, defaultdict(int))
        counts["total"] += count
        counts[f"age={age}"] += count
        counts[f"sex={sex}"] += count
    result: dict[tuple[int, int], dict[str, int]] = {}
    for mid, dates in by_date.items():
        for year in years:
            result[(mid, year)] = dict(dates[_nearest(dates, datetime.date(year, 1, 1))])
    return result


def _nearest(dates: Iterable[datetime.date], day: datetime.date) -> datetime.date:
    return min(dates, key=lambda d: (abs((d - day).days), d))


def denominator(cell: str, population: dict[str, int] | None) -> int | None:
    """The children a cell's rate is counted against: its age group or sex, else all."""
    if not population:
        return None
    _measure, _sep, part = cell.partition("|")
    return population.get(part) if part in population else population.get("total")


def rate(amount: Decimal | None, children: int | None) -> Decimal | None:
    if amount is None or not children:
        return None
    return (amount * 1000 / children).quantize(Decimal("0.1"))


def series(
    municipality: Municipality, code: str, cell: str, semester: int = 0
) -> list[tuple[int, Decimal | None]]:
    """A cell's frozen values over the years (unsuppressed: for the coordinator's own use)."""
    figures, _kinds = frozen_figures(municipality_ids=[municipality.pk], codes=[code])
    return sorted(
        (year, f.amount if (f := cells.get(cell)) and f.state == ValueState.NUMBER else None)
        for (_mid, year, _code, sem), cells in figures.items()
        if sem == semester
    )


# --- Pages' content ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    year: int
    semester: int

    @property
    def label(self) -> str:
        return semester_label(self.semester, self.year) or str(self.year)


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell | None]
    rates: list[Decimal | None]
    is_total: bool = False


@dataclass
class GroupFigure:
    """A national or same-kind figure for one period: shown only when safe."""

    members: int
    amount: Decimal | None  # None when withheld
    rate: Decimal | None
    withheld: bool = False


@dataclass
class MeasureView:
    key: str
    label: str
    unit: str
    rows: list[Row]
    rated: bool
    changes: list[Decimal | None] = field(default_factory=list)
    national: list[GroupFigure | None] = field(default_factory=list)
    same_kind: list[GroupFigure | None] = field(default_factory=list)


@dataclass
class IndicatorView:
    spec: IndicatorSpec
    periods: list[Period]
    measures: list[MeasureView]


def change(before: Cell | None, after: Cell | None) -> Decimal | None:
    """The change between two periods, only where both figures are shown."""
    if before is None or after is None or before.amount is None or after.amount is None:
        return None
    return after.amount - before.amount


def _label(spec: IndicatorSpec, key: str, language: str) -> str:
    measure_key, dimension, category = parse_cell_key(key)
    measure = next(m for m in spec.measures if m.key == measure_key)
    if not dimension:
        return measure.label.get(language)
    dim = next(d for d in measure.dimensions if d.key == dimension)
    return dict(dim.categories)[category].get(language)


def _periods(sets: Iterable[FigureSet]) -> list[Period]:
    return sorted(
        {Period(s[1], s[3]) for s in sets}, key=lambda p: (p.year, semester_order(p.semester))
    )


def indicator_view(
    municipality: Municipality,
    code: str,
    *,
    suppressed: bool,
    language: str = "lv",
    years: Iterable[int] | None = None,
    compare: bool = True,
) -> IndicatorView:
    """One indicator of one municipality over the frozen years, with comparisons.

    Two queries for the figures (all municipalities' figures of the indicator, for the
    comparisons) and one for the population, whatever the number of years.
    """
    spec = BY_CODE[code]
    ids = None if compare else [municipality.pk]
    all_figures, kinds = frozen_figures(municipality_ids=ids, codes=[code], years=years)
    own = {k: v for k, v in all_figures.items() if k[0] == municipality.pk}
    periods = _periods(own)
    pop = populations(None if compare else [municipality.pk], [p.year for p in periods])
    shown = {
        p: shown_indicator(
            spec, own.get((municipality.pk, p.year, code, p.semester), {}), suppressed=suppressed
        )
        for p in periods
    }
    groups = _group_figures(spec, all_figures, kinds, pop, periods) if compare else {}
    kind = municipality.kind
    measures = []
    for measure in spec.measures:
        rows = []
        rated = measure.key in RATE_MEASURES
        for key in measure_cells(measure):
            cells = [shown[p].get(key) for p in periods]
            rates = [
                rate(c.amount, denominator(key, pop.get((municipality.pk, p.year))))
                if rated and c is not None
                else None
                for c, p in zip(cells, periods, strict=True)
            ]
            rows.append(Row(key, _label(spec, key, language), cells, rates, "|" not in key))
        total = rows[0].cells
        changes = [None, *(change(a, b) for a, b in pairwise(total))]
        view = MeasureView(
            measure.key,
            measure.label.get(language),
            measure.unit,
            rows,
            rated,
            changes[: len(periods)],
        )
        if compare and measure.key in PERSON_MEASURES:
            view.national = [groups.get((p, measure.key, "")) for p in periods]
            view.same_kind = [groups.get((p, measure.key, kind)) for p in periods]
        measures.append(view)
    return IndicatorView(spec, periods, measures)


def _group_figures(
    spec: IndicatorSpec,
    figures: dict[FigureSet, dict[str, Figure]],
    kinds: dict[int, str],
    pop: dict[tuple[int, int], dict[str, int]],
    periods: list[Period],
) -> dict[tuple[Period, str, str], GroupFigure]:
    """National ("") and per-kind sums of each measure's total, withheld where a member's
    total is hidden in its suppressed table."""
    wanted = set(periods)
    members: dict[tuple[Period, str, str], list[tuple[int, Cell]]] = defaultdict(list)
    for (mid, year, _code, semester), cells in figures.items():
        period = Period(year, semester)
        if period not in wanted:
            continue
        public = shown_indicator(spec, cells, suppressed=True)
        for measure in spec.measures:
            if measure.key not in PERSON_MEASURES:
                continue
            raw = cells.get(cell_key(measure.key))
            if raw is None or raw.state != ValueState.NUMBER:
                continue
            entry = public[cell_key(measure.key)]
            for group in ("", kinds[mid]):
                members[(period, measure.key, group)].append((mid, entry))
    result = {}
    for (period, measure_key, group), entries in members.items():
        withheld = any(e.hidden for _mid, e in entries)
        amount = (
            None if withheld else sum((e.amount or Decimal(0) for _mid, e in entries), Decimal(0))
        )
        children = sum(pop.get((mid, period.year), {}).get("total", 0) for mid, _e in entries)
        result[(period, measure_key, group)] = GroupFigure(
            members=len(entries),
            amount=amount,
            rate=rate(amount, children) if measure_key in RATE_MEASURES else None,
            withheld=withheld,
        )
    return result


# --- The index: every indicator by group, latest figures ---------------------------------------


@dataclass
class IndexEntry:
    spec: IndicatorSpec
    name: str
    label: str  # the first measure's label
    cells: list[Cell | None]  # the first measure's total per period
    trend: str = ""  # the cells as a small line (sparkline.py), a data: URI
    trend_alt: str = ""


@dataclass
class IndexGroup:
    number: int
    title: str
    entries: list[IndexEntry]


def index_view(
    municipality: Municipality, *, suppressed: bool, language: str = "lv", last: int = 3
) -> tuple[list[Period], list[IndexGroup]]:
    """Every indicator by its group, with its first measure's total over the last years."""
    figures, _kinds = frozen_figures(municipality_ids=[municipality.pk])
    years = sorted({s[1] for s in figures})[-last:]
    periods = [Period(y, 0) for y in years]
    groups = []
    for number, title in GROUPS.items():
        entries = []
        for spec in INDICATORS:
            if spec.group != number:
                continue
            total = cell_key(spec.measures[0].key)
            cells: list[Cell | None] = []
            used: set[int] = set()
            for year in years:
                # A semester indicator's year is its latest semester (figures.year_semester).
                semester = year_semester(
                    spec.code,
                    (s[3] for s in figures if s[:3] == (municipality.pk, year, spec.code)),
                )
                if semester is None:
                    cells.append(None)
                    continue
                used.add(semester)
                own = figures[(municipality.pk, year, spec.code, semester)]
                cells.append(shown_indicator(spec, own, suppressed=suppressed).get(total))
            label = spec.measures[0].label.get(language)
            if spec.period == "semester" and used:
                label = f"{label} ({year_semester_note(used)})"
            entries.append(IndexEntry(spec, spec.name.get(language), label, cells))
        groups.append(IndexGroup(number, title.get(language), entries))
    return periods, groups


# --- Every municipality side by side (national analysts) --------------------------------------


@dataclass
class MunicipalityRow:
    municipality: Municipality
    cells: list[Cell | None]  # each measure's total
    rates: list[Decimal | None]
    columns: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def entries(self) -> list[tuple[Cell | None, Decimal | None, tuple[str, bool]]]:
        return list(zip(self.cells, self.rates, self.columns, strict=True))


def municipality_table(
    code: str, year: int, municipalities: Iterable[Municipality], *, unsuppressed: Iterable[int]
) -> list[MunicipalityRow]:
    """Each municipality's totals of one indicator and year (the year's standing semester for
    a semester indicator), suppressed except for ``unsuppressed`` municipalities; two queries."""
    spec = BY_CODE[code]
    chosen = {m.pk: m for m in municipalities}
    clear = set(unsuppressed)
    figures, _kinds = frozen_figures(municipality_ids=list(chosen), codes=[code], years=[year])
    pop = populations(list(chosen), [year])
    rows = []
    for mid, municipality in chosen.items():
        semester = year_semester(code, (s[3] for s in figures if s[:3] == (mid, year, code)))
        cells = None if semester is None else figures.get((mid, year, code, semester))
        if cells is None:
            continue
        shown = shown_indicator(spec, cells, suppressed=mid not in clear)
        totals = [shown.get(cell_key(m.key)) for m in spec.measures]
        children = denominator("", pop.get((mid, year)))
        rates = [
            rate(c.amount, children) if c is not None and m.key in RATE_MEASURES else None
            for c, m in zip(totals, spec.measures, strict=True)
        ]
        columns = [(m.key, m.key in RATE_MEASURES) for m in spec.measures]
        rows.append(MunicipalityRow(municipality, totals, rates, columns))
    return rows
