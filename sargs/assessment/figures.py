"""Which figure stands for an indicator, period and cell: the one rule every output reads.

The dashboard, the report (Word, PDF, JSON), ``manage.py assessment``, the read API, the
programme's situation description and baselines, and the programme's council report all read
frozen figures through this module, so a cell has one value wherever it is shown
(docs/adr/0012-situation-assessment.md, "One figure per cell").

Two choices are made here and nowhere else:

* **Origin.** A cell may have a reported and a computed figure. The reported figure, approved
  by the reporting institution and the coordinator, stands: it is what the institution
  answers for (the orphan's court files the same figure in its official statistics), while
  the records may be incomplete (cases begun before the municipality used Sargs, placements
  recorded late). The computed figure stands only where no institution gave a number; where
  both exist and differ, the quality check "records" says so.
* **A year of a semester indicator (E2).** A year's E2 is never the sum of its semesters (a
  pupil absent in both would count twice). Where one figure per year is needed, it is the
  latest school semester of the calendar year: the 1st semester of the school year that
  starts in it (September–December), or, when that is missing, the 2nd semester of the
  school year that ends in it (January–June). Outputs name the semester beside the figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .catalogue import BY_CODE
from .models import AssessmentStatus, FrozenValue, ValueOrigin, ValueState

# Semesters of a calendar year in the order they happen: the whole year (0), the 2nd school
# semester (January–June) and the 1st school semester of the next school year (September–
# December).
CHRONOLOGICAL = {0: 0, 2: 1, 1: 2}
# The semester that stands for the year, first choice first.
YEAR_STANDS_FOR = (1, 2)


@dataclass(frozen=True)
class Figure:
    """A frozen figure of one cell: a number, or why there is none."""

    state: str
    amount: Decimal | None
    origin: str

    @property
    def is_number(self) -> bool:
        return self.state == ValueState.NUMBER and self.amount is not None


# (municipality id, year, indicator code, semester)
FigureSet = tuple[int, int, str, int]


def semester_order(semester: int) -> int:
    """Sort key putting a year's semesters in the order they happen."""
    return CHRONOLOGICAL.get(semester, semester)


def standing_figure(by_origin: Mapping[str, Figure]) -> Figure | None:
    """The figure that stands for a cell among its reported and computed figures."""
    reported = by_origin.get(ValueOrigin.REPORTED)
    computed = by_origin.get(ValueOrigin.COMPUTED)
    if reported is not None and reported.is_number:
        return reported
    if computed is not None and computed.is_number:
        return computed
    return reported or computed


def frozen_figures(
    *,
    municipality_ids: Iterable[int] | None = None,
    codes: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
) -> tuple[dict[FigureSet, dict[str, Figure]], dict[int, str]]:
    """The standing figure of every frozen cell per (municipality, year, code, semester), and
    each municipality's kind; one query."""
    qs = FrozenValue.objects.filter(assessment__status=AssessmentStatus.FROZEN)
    if municipality_ids is not None:
        qs = qs.filter(assessment__municipality__in=list(municipality_ids))
    if codes is not None:
        qs = qs.filter(definition__indicator__code__in=list(codes))
    if years is not None:
        qs = qs.filter(assessment__year__in=list(years))
    rows = qs.values_list(
        "assessment__municipality_id",
        "assessment__municipality__kind",
        "assessment__year",
        "definition__indicator__code",
        "semester",
        "cell",
        "origin",
        "state",
        "amount",
    )
    candidates: dict[tuple[FigureSet, str], dict[str, Figure]] = defaultdict(dict)
    kinds: dict[int, str] = {}
    for mid, kind, year, code, semester, cell, origin, state, amount in rows:
        kinds[mid] = kind
        candidates[((mid, year, code, semester), cell)][origin] = Figure(state, amount, origin)
    result: dict[FigureSet, dict[str, Figure]] = defaultdict(dict)
    for (key, cell), by_origin in candidates.items():
        chosen = standing_figure(by_origin)
        if chosen is not None:
            result[key][cell] = chosen
    return dict(result), kinds


def year_semester(code: str, available: Iterable[int]) -> int | None:
    """The semester whose figures stand for the year (0 for a yearly indicator), or None."""
    have = set(available)
    spec = BY_CODE.get(code)
    if spec is None or spec.period != "semester":
        return 0 if 0 in have else None
    return next((s for s in YEAR_STANDS_FOR if s in have), None)


def year_figures(
    *,
    municipality_ids: Iterable[int] | None = None,
    codes: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
) -> dict[tuple[int, int, str], tuple[int, dict[str, Figure]]]:
    """One figure set per (municipality, year, code): (the semester it is, its cells)."""
    figures, _kinds = frozen_figures(municipality_ids=municipality_ids, codes=codes, years=years)
    semesters: dict[tuple[int, int, str], list[int]] = defaultdict(list)
    for mid, year, code, semester in figures:
        semesters[(mid, year, code)].append(semester)
    result: dict[tuple[int, int, str], tuple[int, dict[str, Figure]]] = {}
    for key, available in semesters.items():
        standing = year_semester(key[2], available)
        if standing is not None:
            result[key] = (standing, figures[(*key, standing)])
    return result


def year_numbers(
    municipality_id: int, years: Iterable[int], codes: Iterable[str] | None = None
) -> dict[tuple[int, str, str], Decimal]:
    """(year, code, cell) → the standing number of the year (unsuppressed), for the
    programme's situation description and baselines."""
    found = year_figures(municipality_ids=[municipality_id], years=years, codes=codes)
    return {
        (year, code, cell): figure.amount
        for (_mid, year, code), (_semester, cells) in found.items()
        for cell, figure in cells.items()
        if figure.is_number and figure.amount is not None
    }


def year_number_semesters(municipality_id: int, years: Iterable[int]) -> dict[tuple[int, str], int]:
    """(year, code) → the semester standing for the year, for labelling semester indicators."""
    found = year_figures(municipality_ids=[municipality_id], years=years)
    return {(year, code): semester for (_mid, year, code), (semester, _c) in found.items()}


def semester_label(semester: int, year: int | None = None) -> str:
    """A period as schools count it: "1st semester (September–December)"; with a year,
    "Sep–Dec 2025 (1st semester)". Empty for the whole year."""
    if semester == 1:
        if year is None:
            return _("1st semester (September–December)")
        return _("Sep–Dec %(year)s (1st semester)") % {"year": year}
    if semester == 2:
        if year is None:
            return _("2nd semester (January–June)")
        return _("Jan–Jun %(year)s (2nd semester)") % {"year": year}
    return ""


def school_year(year: int, semester: int) -> str:
    """The school year a semester belongs to: the 1st semester of ``year`` is in year/year+1,
    the 2nd in year-1/year."""
    start = year if semester == 1 else year - 1
    return f"{start}/{start + 1}"


def year_semester_note(semesters: set[int]) -> str:
    """Which semester a year's figure of a semester indicator is, in words."""
    if semesters == {1}:
        return _("1st semester of the school year, September–December")
    if semesters == {2}:
        return _("2nd semester of the school year, January–June")
    return _("the latest semester of each year")
