"""Reads for the programme: lists, the situation description from the latest frozen
assessment, the budget summary, monitoring status and questionnaire results."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language

from sargs.assessment.catalogue import BY_CODE, GROUPS, cells_of
from sargs.assessment.models import Assessment, AssessmentStatus, FrozenValue, ValueState
from sargs.core.suppression import suppress_count, suppress_list
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import Principal

from .access import activity_policy, programme_policy
from .models import (
    PEOPLE_UNITS,
    Activity,
    ActivityCost,
    FundingSource,
    MonitoringReport,
    Programme,
    ProgrammeVersion,
    Question,
    QuestionKind,
    Questionnaire,
    VersionStatus,
)

SITUATION_YEARS = 3


def programme_list(*, principal: Principal) -> QuerySet[Programme]:
    """The programmes the principal may read, with their municipality."""
    return programme_policy.visible(principal, Programme.objects.all()).select_related(
        "municipality"
    )


def programme_get(*, principal: Principal, pk: int) -> Programme:
    return programme_policy.get_visible_or_404(
        principal, Programme.objects.select_related("municipality", "monitoring_unit"), pk=pk
    )


def version_get(*, principal: Principal, pk: int) -> ProgrammeVersion:
    """A version of a visible programme, or 404."""
    programmes = programme_policy.visible(principal, Programme.objects.all())
    version = (
        ProgrammeVersion.objects.select_related("programme__municipality", "assessment")
        .filter(pk=pk, programme__in=programmes)
        .first()
    )
    if version is None:
        from django.http import Http404

        raise Http404
    return version


def activity_get(*, principal: Principal, pk: int) -> Activity:
    return activity_policy.get_visible_or_404(
        principal,
        Activity.objects.select_related(
            "version__programme__municipality", "responsible", "priority"
        ),
        pk=pk,
    )


def approved_version(programme: Programme) -> ProgrammeVersion | None:
    return programme.versions.filter(status=VersionStatus.APPROVED).first()


def draft_version(programme: Programme) -> ProgrammeVersion | None:
    return programme.versions.filter(status=VersionStatus.DRAFT).first()


def current_version(programme: Programme) -> ProgrammeVersion | None:
    """The approved version, or the draft while nothing is approved yet."""
    return approved_version(programme) or draft_version(programme)


def latest_frozen_assessment(municipality: Municipality) -> Assessment | None:
    """The municipality's latest approved (frozen) situation assessment."""
    return (
        Assessment.objects.filter(municipality=municipality, status=AssessmentStatus.FROZEN)
        .order_by("-year")
        .first()
    )


# --- Situation description -------------------------------------------------------------------


def _text(value: Any) -> str:
    return str(value.get(get_language() or "lv"))


@dataclass
class SituationRow:
    code: str
    name: str
    measure: str
    unit: str
    values: list[str]  # one per year, as shown
    measure_key: str = ""


@dataclass
class SituationGroup:
    number: int
    name: str
    rows: list[SituationRow] = field(default_factory=list)
    comment: str = ""


@dataclass
class Situation:
    years: list[int]
    groups: list[SituationGroup]
    # (group, code, measure) → year → number, for the charts.
    series: dict[tuple[int, str, str], dict[int, Decimal]]
    units: dict[tuple[int, str, str], str] = field(default_factory=dict)


def frozen_totals(assessments: list[Assessment]) -> dict[tuple[int, str, str], Decimal]:
    """(year, indicator code, cell) → the municipality's figure, semesters summed.

    Where a cell has both a reported and a computed figure, the reported one counts: the
    institutions approved it, while the system's records may be incomplete.
    """
    rows = FrozenValue.objects.filter(
        assessment__in=assessments, state=ValueState.NUMBER
    ).values_list(
        "assessment__year", "definition__indicator__code", "semester", "cell", "origin", "amount"
    )
    by_origin: dict[tuple[int, str, str], dict[str, Decimal]] = defaultdict(dict)
    for year, code, _semester, cell, origin, amount in rows:
        slot = by_origin[(year, code, cell)]
        slot[origin] = slot.get(origin, Decimal(0)) + (amount or Decimal(0))
    return {
        key: values.get("reported", values.get("computed", Decimal(0)))
        for key, values in by_origin.items()
    }


def situation(
    *, assessment: Assessment, suppress: bool, comments: dict[str, str] | None = None
) -> Situation:
    """Tables of the indicators' measure totals over the last years up to the assessment's."""
    assessments = list(
        Assessment.objects.filter(
            municipality_id=assessment.municipality_id,
            status=AssessmentStatus.FROZEN,
            year__lte=assessment.year,
        ).order_by("-year")[:SITUATION_YEARS]
    )[::-1]
    years = [a.year for a in assessments]
    totals = frozen_totals(assessments)
    comments = comments or {}
    groups = {
        number: SituationGroup(number, _text(name), comment=comments.get(str(number), ""))
        for number, name in GROUPS.items()
    }
    series: dict[tuple[int, str, str], dict[int, Decimal]] = {}
    units: dict[tuple[int, str, str], str] = {}
    for code, spec in BY_CODE.items():
        for measure in spec.measures:
            per_year = {
                y: totals[(y, code, measure.key)] for y in years if (y, code, measure.key) in totals
            }
            if not per_year:
                continue
            series[(spec.group, code, measure.key)] = per_year
            units[(spec.group, code, measure.key)] = measure.unit
            shown = [_show(per_year.get(y), measure.unit, suppress) for y in years]
            groups[spec.group].rows.append(
                SituationRow(
                    code, _text(spec.name), _text(measure.label), measure.unit, shown, measure.key
                )
            )
    return Situation(years, [g for g in groups.values() if g.rows or g.comment], series, units)


def _show(value: Decimal | None, unit: str, suppress: bool) -> str:
    if value is None:
        return "–"
    if unit == "eur":
        return f"{value:.2f}"
    number = int(value)
    return suppress_count(number).display if suppress else str(number)


def frozen_cell(*, assessment: Assessment, code: str, cell: str) -> Decimal | None:
    """One cell's figure in a frozen assessment (semesters summed), or None when not given."""
    return frozen_totals([assessment]).get((assessment.year, code, cell))


def cell_choices() -> list[tuple[str, str]]:
    """Every catalogue cell as ("E1:children", "E1 · children") for choosing a baseline."""
    return [
        (f"{code}:{key}", f"{code} · {key}")
        for code, spec in BY_CODE.items()
        for key in cells_of(spec.spec_json())
    ]


# --- Budget ----------------------------------------------------------------------------------

SOURCES = [s.value for s in FundingSource]


@dataclass
class BudgetRow:
    year: int
    institution: Institution
    amounts: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal(0))


@dataclass
class BudgetYear:
    year: int
    rows: list[BudgetRow]
    totals: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.totals.values(), Decimal(0))


@dataclass
class Budget:
    years: list[BudgetYear]
    totals: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.totals.values(), Decimal(0))


def budget_summary(*, version: ProgrammeVersion) -> Budget:
    """Per year and responsible institution: what existing budgets cover, what additional
    municipal funding must go into the budget process, and the other sources."""
    costs = ActivityCost.objects.filter(activity__version=version).values_list(
        "year", "activity__responsible", "source", "amount"
    )
    cells: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(
        lambda: {s: Decimal(0) for s in SOURCES}
    )
    for year, institution_id, source, amount in costs:
        cells[(year, institution_id)][source] += amount
    institutions = Institution.objects.in_bulk({i for _, i in cells})
    years = []
    grand = {s: Decimal(0) for s in SOURCES}
    for year in sorted({y for y, _ in cells}):
        rows = sorted(
            (BudgetRow(y, institutions[i], a) for (y, i), a in cells.items() if y == year),
            key=lambda r: r.institution.name,
        )
        totals = {s: sum((r.amounts[s] for r in rows), Decimal(0)) for s in SOURCES}
        for s in SOURCES:
            grand[s] += totals[s]
        years.append(BudgetYear(year, rows, totals))
    return Budget(years, grand)


def activity_costs(activity: Activity) -> dict[str, Decimal]:
    totals = {s: Decimal(0) for s in SOURCES}
    for cost in activity.costs.all():
        totals[cost.source] += cost.amount
    return totals


def planned_total(activity: Activity) -> Decimal:
    return sum((c.amount for c in activity.costs.all()), Decimal(0))


# --- Action plan and monitoring --------------------------------------------------------------


def activity_list(*, version: ProgrammeVersion) -> QuerySet[Activity]:
    """The version's activities with everything a plan table shows, in a fixed number of
    queries."""
    return (
        version.activities.select_related("priority", "responsible")
        .prefetch_related("cooperating", "costs", "indicators")
        .order_by("priority__order", "priority__pk", "order", "pk")
    )


def latest_reports(
    activities: list[Activity], until: datetime.date | None = None
) -> dict[str, MonitoringReport]:
    """The latest report per activity lineage (reports follow an activity across versions),
    up to ``until`` when given."""
    lineages = [a.lineage for a in activities]
    reports = MonitoringReport.objects.filter(activity__lineage__in=lineages)
    if until is not None:
        reports = reports.filter(as_of__lte=until)
    reports = (
        reports.select_related("activity")
        .prefetch_related("results__indicator")
        .order_by("activity__lineage", "-as_of", "-pk")
    )
    latest: dict[str, MonitoringReport] = {}
    for report in reports:
        latest.setdefault(str(report.activity.lineage), report)
    return latest


def report_history(activity: Activity) -> QuerySet[MonitoringReport]:
    return (
        MonitoringReport.objects.filter(activity__lineage=activity.lineage)
        .select_related("reported_by", "override_by", "reporting_date")
        .prefetch_related(Prefetch("results"))
    )


@dataclass
class ProgressRow:
    activity: Activity
    report: MonitoringReport | None
    planned: Decimal
    results: list[tuple[str, str, str, str]]  # indicator, baseline, target, actual (as shown)


def progress_rows(
    *, version: ProgrammeVersion, suppress: bool, until: datetime.date | None = None
) -> list[ProgressRow]:
    """Each activity with its latest report, indicators shown with small counts suppressed
    where they count people and ``suppress`` is set."""
    activities = list(activity_list(version=version))
    latest = latest_reports(activities, until)
    rows = []
    for activity in activities:
        report = latest.get(str(activity.lineage))
        actual = {}
        if report is not None:
            actual = {r.indicator.lineage: r.actual for r in report.results.all()}
        results = []
        for ind in activity.indicators.all():
            people = suppress and ind.unit in PEOPLE_UNITS
            results.append(
                (
                    ind.name,
                    _figure(ind.baseline, people),
                    _figure(ind.target, people),
                    _figure(actual.get(ind.lineage), people),
                )
            )
        rows.append(ProgressRow(activity, report, planned_total(activity), results))
    return rows


def _figure(value: Decimal | None, people: bool) -> str:
    if value is None:
        return "–"
    if people:
        return suppress_count(int(value)).display
    return f"{value.normalize():f}"


def track_counts(rows: list[ProgressRow]) -> dict[str, int]:
    counts = {"on_track": 0, "at_risk": 0, "late": 0, "not_reported": 0}
    for row in rows:
        counts[row.report.track if row.report else "not_reported"] += 1
    return counts


# --- Questionnaires --------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: Question
    options: list[tuple[str, str]] = field(default_factory=list)  # label, count as shown
    answered: str = ""
    texts: list[str] = field(default_factory=list)


def questionnaire_results(
    *, questionnaire: Questionnaire, with_texts: bool
) -> list[QuestionResult]:
    """Counts per option with 1–4 suppressed; free texts only when ``with_texts`` (the
    coordinator's page), never in public or summary outputs."""
    from .models import SCALE_VALUES, Answer

    questions = list(questionnaire.questions.all())
    answers = Answer.objects.filter(question__in=questions).values_list(
        "question_id", "choices", "text"
    )
    by_question: dict[int, list[tuple[list[int], str]]] = defaultdict(list)
    for question_id, choices, text in answers:
        by_question[question_id].append((choices, text))
    results = []
    for question in questions:
        given = by_question.get(question.pk, [])
        result = QuestionResult(question)
        if question.kind == QuestionKind.TEXT:
            texts = [t for _, t in given if t.strip()]
            result.answered = suppress_count(len(texts)).display
            result.texts = texts if with_texts else []
        else:
            labels = (
                [str(v) for v in SCALE_VALUES]
                if question.kind == QuestionKind.SCALE
                else list(question.options)
            )
            values = SCALE_VALUES if question.kind == QuestionKind.SCALE else range(len(labels))
            counts = [sum(1 for c, _ in given if v in c) for v in values]
            answered = sum(1 for c, _ in given if c)
            if question.kind == QuestionKind.MULTIPLE:
                shown = [suppress_count(n).display for n in counts]
                total = suppress_count(answered).display
            else:
                parts, whole = suppress_list(counts)
                shown, total = [p.display for p in parts], whole.display
            result.options = list(zip(labels, shown, strict=True))
            result.answered = total
        results.append(result)
    return results


def response_count(questionnaire: Questionnaire) -> str:
    return suppress_count(questionnaire.responses.count()).display
