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

from sargs.assessment.catalogue import BY_CODE, GROUPS, cell_label, cells_of
from sargs.assessment.dashboard import Cell, shown_indicator
from sargs.assessment.figures import year_figures, year_numbers, year_semester_note
from sargs.assessment.models import Assessment, AssessmentStatus
from sargs.core.suppression import suppress_count, suppress_list
from sargs.core.templatetags.sargs import number
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
    ReportingDate,
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
    # (group, code, measure) → year → what is shown instead of a hidden figure ("<5", "×").
    hidden: dict[tuple[int, str, str], dict[int, str]] = field(default_factory=dict)


def frozen_totals(assessments: list[Assessment]) -> dict[tuple[int, str, str], Decimal]:
    """(year, indicator code, cell) → the figure standing for the year, as every other output
    reads it (``sargs.assessment.figures``: one origin rule; a semester indicator's year is its
    latest semester, never the sum of its semesters)."""
    by_municipality: dict[int, list[int]] = defaultdict(list)
    for assessment in assessments:
        by_municipality[assessment.municipality_id].append(assessment.year)
    totals: dict[tuple[int, str, str], Decimal] = {}
    for municipality_id, years in by_municipality.items():
        totals.update(year_numbers(municipality_id, years))
    return totals


def situation(
    *, assessment: Assessment, suppress: bool, comments: dict[str, str] | None = None
) -> Situation:
    """Tables of the indicators' measure totals over the last years up to the assessment's,
    each figure the one the dashboard shows, suppressed by the dashboard's rule."""
    years = list(
        Assessment.objects.filter(
            municipality_id=assessment.municipality_id,
            status=AssessmentStatus.FROZEN,
            year__lte=assessment.year,
        )
        .order_by("-year")
        .values_list("year", flat=True)[:SITUATION_YEARS]
    )[::-1]
    found = year_figures(municipality_ids=[assessment.municipality_id], years=years)
    comments = comments or {}
    groups = {
        number: SituationGroup(number, _text(name), comment=comments.get(str(number), ""))
        for number, name in GROUPS.items()
    }
    series: dict[tuple[int, str, str], dict[int, Decimal]] = {}
    units: dict[tuple[int, str, str], str] = {}
    hidden: dict[tuple[int, str, str], dict[int, str]] = {}
    for code, spec in BY_CODE.items():
        shown: dict[int, dict[str, Cell]] = {}
        semesters: dict[int, int] = {}
        for year in years:
            entry = found.get((assessment.municipality_id, year, code))
            if entry is not None:
                semesters[year] = entry[0]
                shown[year] = shown_indicator(spec, entry[1], suppressed=suppress)
        for measure in spec.measures:
            total = measure.key
            per_year = {
                y: cells[total].amount
                for y, cells in shown.items()
                if total in cells and cells[total].amount is not None
            }
            texts = [_shown_text(shown.get(y, {}).get(total)) for y in years]
            if all(t == "–" for t in texts):
                continue
            key = (spec.group, code, measure.key)
            series[key] = {y: a for y, a in per_year.items() if a is not None}
            units[key] = measure.unit
            hidden[key] = {
                y: cells[total].display
                for y, cells in shown.items()
                if total in cells and cells[total].hidden
            }
            note = _semester_note(spec.period, semesters)
            groups[spec.group].rows.append(
                SituationRow(
                    code,
                    _text(spec.name),
                    _text(measure.label) + note,
                    measure.unit,
                    texts,
                    measure.key,
                )
            )
    return Situation(
        years, [g for g in groups.values() if g.rows or g.comment], series, units, hidden
    )


def _semester_note(period: str, semesters: dict[int, int]) -> str:
    """For a semester indicator: which semester stands for the year (never their sum)."""
    if period != "semester" or not semesters:
        return ""
    return f" ({year_semester_note(set(semesters.values()))})"


def _shown_text(cell: Cell | None) -> str:
    if cell is None:
        return "–"
    if cell.hidden or cell.amount is not None:
        return cell.display
    return "–"


def frozen_cell(*, assessment: Assessment, code: str, cell: str) -> Decimal | None:
    """One cell's standing figure in a frozen assessment, or None when not given."""
    return year_numbers(assessment.municipality_id, [assessment.year], [code]).get(
        (assessment.year, code, cell)
    )


def cell_choices() -> list[tuple[str, str]]:
    """Every catalogue cell as ("L2:families|service=family_assistant", "L2 · ģimenes ·
    ģimenes asistents") for choosing a baseline."""
    language = get_language() or "lv"
    return [
        (f"{code}:{key}", cell_label(code, key, language))
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
    return number(value)


def track_counts(rows: list[ProgressRow]) -> dict[str, int]:
    counts = {"on_track": 0, "not_started": 0, "at_risk": 0, "late": 0, "not_reported": 0}
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
    texts_withheld: bool = False  # some were written, too few to show


# Free-text answers are shown (to the coordinator) only when at least this many were written.
MIN_TEXTS_SHOWN = 5


def questionnaire_results(
    *, questionnaire: Questionnaire, with_texts: bool
) -> list[QuestionResult]:
    """Counts per option with 1–4 suppressed; free texts only when ``with_texts`` (the
    coordinator's page) and at least five were written, never in public or summary outputs."""
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
            # Free text is shown only when at least five people wrote one: fewer could be told
            # apart by their words. Shown, the list gives its own count, so the count is exact.
            shown_texts = with_texts and len(texts) >= MIN_TEXTS_SHOWN
            result.answered = str(len(texts)) if shown_texts else suppress_count(len(texts)).display
            result.texts = texts if shown_texts else []
            result.texts_withheld = with_texts and 0 < len(texts) < MIN_TEXTS_SHOWN
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


# --- For the home pages ----------------------------------------------------------------------


@dataclass
class ProgrammeStatus:
    """Where the principal's latest programme stands: the approved version, the next
    reporting date, and how its activities are going by their latest reports."""

    programme: Programme
    approved: ProgrammeVersion | None
    next_report: ReportingDate | None
    tracks: dict[str, int]


def programme_status(*, principal: Principal, today: datetime.date) -> ProgrammeStatus | None:
    """The latest programme the principal reads, or None; a fixed number of queries."""
    programme = programme_list(principal=principal).order_by("-start_year", "-pk").first()
    if programme is None:
        return None
    approved = approved_version(programme)
    rows = progress_rows(version=approved, suppress=True) if approved else []
    return ProgrammeStatus(
        programme=programme,
        approved=approved,
        next_report=programme.reporting_dates.filter(due_on__gte=today).order_by("due_on").first(),
        tracks=track_counts(rows),
    )


# --- Around the numbers (issue 17) -----------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    source: str  # "cooperation-decision:<id>"
    title: str
    description: str


def cooperation_proposals(municipality_id: int) -> list[Proposal]:
    """The decisions of the municipality's cooperation groups on items proposing something
    for the programme, oldest first."""
    from sargs.cooperation.models import Decision, ItemKind

    decisions = (
        Decision.objects.filter(
            item__kind=ItemKind.PROGRAMME_PROPOSAL,
            item__meeting__group__municipality_id=municipality_id,
        )
        .select_related("item__meeting__group")
        .order_by("item__meeting__date", "pk")
    )
    return [
        Proposal(
            f"cooperation-decision:{d.pk}",
            d.item.title,
            f"{d.text}\n({d.item.meeting.group.name}, {d.item.meeting.date.strftime('%d.%m.%Y')})",
        )
        for d in decisions
    ]


@dataclass
class HearingRow:
    year: int
    due_on: datetime.date
    heard_on: datetime.date | None
    decision_number: str

    def overdue(self, today: datetime.date) -> bool:
        return self.heard_on is None and self.due_on < today


def council_hearings(*, programme: Programme) -> list[HearingRow]:
    """Every programme year's report to the council: when it is due (recorded or the default)
    and when the council heard it."""
    from .council_services import council_report_due

    recorded = {h.year: h for h in programme.hearings.all()}
    rows = []
    for year in programme.years:
        hearing = recorded.get(year)
        rows.append(
            HearingRow(
                year,
                hearing.due_on if hearing else council_report_due(year),
                hearing.heard_on if hearing else None,
                hearing.decision_number if hearing else "",
            )
        )
    return rows


@dataclass
class FundingRow:
    year: int
    asked: Decimal
    granted: Decimal | None  # None until the council's budget decided
    decision_number: str = ""

    @property
    def refused(self) -> Decimal | None:
        if self.granted is None:
            return None
        return max(Decimal(0), self.asked - self.granted)


def additional_funding(*, version: ProgrammeVersion) -> list[FundingRow]:
    """Per year: the additional municipal funding the action plan asks for, what the
    council's budget granted and what it refused."""
    budget = budget_summary(version=version)
    decided = {d.year: d for d in version.programme.funding_decisions.all()}
    rows = []
    for budget_year in budget.years:
        asked = budget_year.totals[FundingSource.MUNICIPAL]
        decision = decided.get(budget_year.year)
        if not asked and decision is None:
            continue
        rows.append(
            FundingRow(
                budget_year.year,
                asked,
                decision.granted if decision else None,
                decision.decision_number if decision else "",
            )
        )
    return rows
