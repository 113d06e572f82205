"""What the quality checks read about a municipality's year, loaded once and lazily, and
the wording helpers their messages share (quality.py holds the checks themselves)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import F, Min, OuterRef, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sargs.organisations.models import Institution, Municipality

from . import figures
from .catalogue import parse_cell_key
from .computed import compute, period_bounds
from .models import (
    AssessmentStatus,
    FrozenValue,
    IndicatorDefinition,
    ReportedValue,
    ReportingPeriod,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    ValueOrigin,
    ValueState,
)
from .population import Population, population
from .selectors import approved_totals, current_definitions

Cells = dict[tuple[str, str], tuple[str, Decimal | None]]
CHECKED_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


def fmt(amount: Decimal | int | None) -> str:
    if amount is None:
        return "–"
    value = Decimal(amount)
    return str(int(value)) if value == value.to_integral_value() else f"{value:.2f}"


def text(pair: dict[str, str]) -> str:
    return pair["en"] if (get_language() or "lv").startswith("en") else pair["lv"]


def semester_label(semester: int) -> str:
    return figures.semester_label(semester)


def place(code: str, semester: int = 0, measure: str = "") -> str:
    """ "E2, 1st semester", "L1, children"."""
    return ", ".join(p for p in (code, measure, semester_label(semester)) if p)


def measure_label(spec: dict[str, Any], key: str) -> str:
    if len(spec["measures"]) < 2:
        return ""
    for measure in spec["measures"]:
        if measure["key"] == key:
            return text(measure["label"])
    return key


def cell_label(spec: dict[str, Any], cell: str) -> str:
    measure_key, dimension, category = parse_cell_key(cell)
    for measure in spec["measures"]:
        if measure["key"] != measure_key:
            continue
        label = text(measure["label"])
        for dim in measure["dimensions"]:
            if dim["key"] == dimension:
                for key, name in dim["categories"]:
                    if key == category:
                        return f"{label} ({text(name)})"
        return label
    return cell


def and_list(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


class Context:
    """What the checks read, loaded once and only when a check asks for it."""

    def __init__(self, municipality: Municipality, year: int) -> None:
        self.municipality = municipality
        self.year = year

    @cached_property
    def periods(self) -> list[ReportingPeriod]:
        return list(ReportingPeriod.objects.filter(year=self.year).order_by("semester"))

    @cached_property
    def submissions(self) -> list[Submission]:
        first_submit = SubmissionEvent.objects.filter(
            submission=OuterRef("pk"), action=SubmissionAction.SUBMIT
        ).values("submission")
        return list(
            Submission.objects.filter(municipality=self.municipality, period__year=self.year)
            .select_related("period", "institution")
            .annotate(
                first_submitted=Subquery(first_submit.annotate(first=Min("at")).values("first")[:1])
            )
            .order_by("period__semester", "institution__name")
        )

    @cached_property
    def values(self) -> dict[int, Cells]:
        by_submission: dict[int, Cells] = defaultdict(dict)
        rows = ReportedValue.objects.filter(
            submission__in=[s.pk for s in self.submissions]
        ).values_list("submission_id", "definition__indicator__code", "cell", "state", "amount")
        for sub, code, cell, state, amount in rows:
            by_submission[sub][(code, cell)] = (state, amount)
        return by_submission

    @cached_property
    def definitions(self) -> list[IndicatorDefinition]:
        return current_definitions()

    @cached_property
    def specs(self) -> dict[str, dict[str, Any]]:
        return {d.indicator.code: d.spec for d in self.definitions}

    def expected(self, institution_type: str, period: ReportingPeriod) -> list[IndicatorDefinition]:
        return [
            d
            for d in self.definitions
            if d.reporter_type == institution_type and d.period_kind == period.kind
        ]

    @cached_property
    def institutions(self) -> list[Institution]:
        types = {d.reporter_type for d in self.definitions if d.reporter_type}
        return list(
            Institution.objects.filter(
                municipality=self.municipality, type__in=types, is_active=True
            ).order_by("name")
        )

    @cached_property
    def approved(self) -> dict[int, Cells]:
        return {p.semester: approved_totals(self.municipality, p) for p in self.periods}

    @cached_property
    def computed(self) -> dict[int, dict[tuple[str, str], Decimal]]:
        return {s: compute(self.municipality, self.year, s) for s in (0, 1, 2)}

    @cached_property
    def population(self) -> Population | None:
        return population(self.municipality, self.year)

    @cached_property
    def last_year(self) -> dict[tuple[int, str, str], tuple[int, Decimal]]:
        """Last year's frozen numbers (reported before computed): (semester, code, cell) →
        (definition id, amount)."""
        rows = FrozenValue.objects.filter(
            assessment__municipality=self.municipality,
            assessment__year=self.year - 1,
            assessment__status=AssessmentStatus.FROZEN,
            state=ValueState.NUMBER,
        ).values_list(
            "semester", "definition__indicator__code", "cell", "origin", "definition_id", "amount"
        )
        found: dict[tuple[int, str, str], tuple[int, Decimal]] = {}
        for semester, code, cell, _origin, definition_id, amount in sorted(
            rows, key=lambda r: r[3] != "reported"
        ):
            found.setdefault((semester, code, cell), (definition_id, Decimal(amount or 0)))
        return found

    def figure(self, semester: int, code: str, cell: str) -> Decimal | None:
        """This year's figure as it would stand once frozen (figures.standing_figure)."""
        candidates: dict[str, figures.Figure] = {}
        state, amount = self.approved.get(semester, {}).get((code, cell), ("", None))
        if state:
            candidates[ValueOrigin.REPORTED] = figures.Figure(state, amount, ValueOrigin.REPORTED)
        computed = self.computed.get(semester, {}).get((code, cell))
        if computed is not None:
            candidates[ValueOrigin.COMPUTED] = figures.Figure(
                ValueState.NUMBER, computed, ValueOrigin.COMPUTED
            )
        chosen = figures.standing_figure(candidates)
        if chosen is None or not chosen.is_number or chosen.amount is None:
            return None
        return Decimal(chosen.amount)

    def checked_submissions(self) -> list[Submission]:
        return [s for s in self.submissions if s.status in CHECKED_STATUSES]


def restorable_from_records(municipality: Municipality, year: int) -> tuple[int, int] | None:
    """Parents whose custody could be restored during ``year``: (suspended or deprived at its
    start, that plus those suspended or deprived during it); None when the registry holds no
    custody decision of the municipality's children up to the year's end.

    The municipality's children come first: only their custody records are read (up to the
    year's end, a few per parent whose custody ever changed), and the status each relation
    had before the year is the latest of them by a window function, not a lookup per relation
    (which at tenfold scale ran over every child representative in the country)."""
    from sargs.registry.models import CustodyRecord

    start, end = period_bounds(year)
    lost = ("suspended", "deprived")
    records = CustodyRecord.objects.filter(
        relation__child__municipality=municipality, effective_from__lte=end
    ).order_by()
    if not records.exists():
        return None
    latest_before = (
        records.filter(effective_from__lt=start)
        .annotate(
            newest=Window(
                RowNumber(),
                partition_by=[F("relation_id")],
                order_by=[F("effective_from").desc(), F("pk").desc()],
            )
        )
        .filter(newest=1)
        .values_list("relation__representative_id", "status")
    )
    at_start = {parent for parent, status in latest_before if status in lost}
    during = set(
        records.filter(effective_from__gte=start, status__in=lost).values_list(
            "relation__representative_id", flat=True
        )
    )
    return len(at_start), len(at_start | during)
