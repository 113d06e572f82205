"""Reads for the collection of the annual assessment: periods, who reports what, submissions,
their values, completeness and the municipality's approved totals."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, Min, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sargs.organisations.models import Institution, Municipality
from sargs.organisations.principal import Principal

from .access import reporter_institutions, submission_policy
from .catalogue import parse_cell_key
from .models import (
    Assessment,
    AssessmentStatus,
    IndicatorDefinition,
    ReportedValue,
    ReportingPeriod,
    Submission,
    SubmissionAction,
    SubmissionEvent,
    SubmissionStatus,
    ValueState,
)

Key = tuple[int, str]  # (definition id, cell)
Value = tuple[str, Decimal | None]  # (state, amount)


# --- Definitions and cells -------------------------------------------------------------------


def current_definitions() -> list[IndicatorDefinition]:
    """The latest version of every indicator's definition, in catalogue order."""
    latest: dict[int, IndicatorDefinition] = {}
    for definition in IndicatorDefinition.objects.select_related("indicator").order_by(
        "indicator__order", "-version"
    ):
        latest.setdefault(definition.indicator_id, definition)
    return list(latest.values())


def definitions_for(institution: Institution, period: ReportingPeriod) -> list[IndicatorDefinition]:
    """What the institution reports for the period: current definitions of its type and kind."""
    return [
        d
        for d in current_definitions()
        if d.reporter_type == institution.type and d.period_kind == period.kind
    ]


def definitions_by_type(period: ReportingPeriod) -> dict[str, list[IndicatorDefinition]]:
    """Current definitions of the period's kind, by the institution type that reports them."""
    by_type: dict[str, list[IndicatorDefinition]] = defaultdict(list)
    for d in current_definitions():
        if d.period_kind == period.kind and d.reporter_type:
            by_type[d.reporter_type].append(d)
    return dict(by_type)


@dataclass(frozen=True)
class CellInfo:
    definition: IndicatorDefinition
    cell: str
    measure: str
    part: str
    unit: str

    @property
    def code(self) -> str:
        return self.definition.indicator.code

    @property
    def label(self) -> str:
        return f"{self.code}, {self.measure}" + (f" – {self.part}" if self.part else "")


def _text(value: dict[str, str]) -> str:
    return value["en"] if (get_language() or "lv").startswith("en") else value["lv"]


def cell_info(definition: IndicatorDefinition, cell: str) -> CellInfo:
    """A cell's measure and part in the interface language, and its unit ("count" | "eur")."""
    measure_key, dimension_key, category_key = parse_cell_key(cell)
    measure = next(m for m in definition.spec["measures"] if m["key"] == measure_key)
    part = ""
    if dimension_key:
        dimension = next(d for d in measure["dimensions"] if d["key"] == dimension_key)
        label = dict((k, v) for k, v in dimension["categories"])[category_key]
        part = f"{_text(dimension['label'])}: {_text(label)}"
    return CellInfo(definition, cell, _text(measure["label"]), part, measure["unit"])


def cells_for(definitions: list[IndicatorDefinition]) -> list[CellInfo]:
    return [cell_info(d, cell) for d in definitions for cell in d.cells]


def _whole(amount: Decimal) -> str:
    return str(int(amount)) if amount == amount.to_integral_value() else f"{amount:.2f}"


def parts_mismatches(definition: IndicatorDefinition, values: dict[Key, Value]) -> list[str]:
    """Where one dimension's parts, all given as numbers, do not add up to their total
    ("girls 6 + boys 9 = 15, but the total is 14"), in words, for the institution to see
    at entry, before it submits."""
    stored = {cell: v for (pk, cell), v in values.items() if pk == definition.pk}
    found = []
    for measure in definition.spec["measures"]:
        state, total = stored.get(measure["key"], ("", None))
        if state != ValueState.NUMBER or total is None:
            continue
        for dimension in measure["dimensions"]:
            parts = []
            for category, label in dimension["categories"]:
                part_state, amount = stored.get(
                    f"{measure['key']}|{dimension['key']}={category}", ("", None)
                )
                if part_state != ValueState.NUMBER or amount is None:
                    break
                parts.append((_text(label), amount))
            else:
                added = sum((a for _l, a in parts), Decimal(0))
                if added != total:
                    found.append(
                        _(
                            "%(code)s, %(measure)s: %(parts)s = %(sum)s, but the total is "
                            "%(total)s. Correct the parts or the total before submitting."
                        )
                        % {
                            "code": definition.indicator.code,
                            "measure": _text(measure["label"]),
                            "parts": " + ".join(f"{label} {_whole(a)}" for label, a in parts),
                            "sum": _whole(added),
                            "total": _whole(total),
                        }
                    )
    return found


# --- Periods ---------------------------------------------------------------------------------


def period_list() -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.order_by("-year", "-semester")


def open_periods(today: datetime.date) -> QuerySet[ReportingPeriod]:
    """Periods whose collection has opened (late reports are still taken)."""
    return period_list().filter(opens_on__lte=today)


def owes_period(institution: Institution, period: ReportingPeriod) -> bool:
    """Whether the institution owes the period: not when its deadline passed before the
    institution started in Sargs (it reported those periods the old way, if at all)."""
    return period.deadline >= timezone.localdate(institution.created_at)


# --- Submissions -----------------------------------------------------------------------------


def submission_list(*, principal: Principal) -> QuerySet[Submission]:
    """Submissions the principal sees: their institutions' own and their municipality's."""
    return submission_policy.visible(
        principal, Submission.objects.select_related("period", "institution", "municipality")
    ).order_by("-period__year", "-period__semester", "institution__name")


def submission_get(*, principal: Principal, pk: int) -> Submission:
    """One visible submission, or 404."""
    return submission_policy.get_visible_or_404(
        principal,
        Submission.objects.select_related("period", "institution", "municipality"),
        pk=pk,
    )


def reporting_institutions_of(principal: Principal) -> QuerySet[Institution]:
    """The institutions the principal reports for (active, of a reporting type)."""
    return Institution.objects.filter(
        pk__in=reporter_institutions(principal), is_active=True
    ).select_related("municipality")


def submission_values(submission: Submission) -> dict[Key, Value]:
    return {
        (v.definition_id, v.cell): (v.state, v.amount)
        for v in ReportedValue.objects.filter(submission=submission)
    }


def submission_events(submission: Submission) -> QuerySet[SubmissionEvent]:
    return submission.events.select_related("actor").order_by("at", "pk")


def missing_cells(submission: Submission, definitions: list[IndicatorDefinition]) -> list[CellInfo]:
    """Cells of the definitions that have no value yet (the submission cannot be submitted)."""
    filled = set(
        ReportedValue.objects.filter(submission=submission).values_list("definition_id", "cell")
    )
    return [c for c in cells_for(definitions) if (c.definition.pk, c.cell) not in filled]


def returned_submissions_for(principal: Principal) -> QuerySet[Submission]:
    """The principal's institutions' submissions returned for correction, the latest period
    first: for the institution's home page (each with the coordinator's comment through
    ``last_comment``)."""
    return submission_list(principal=principal).filter(
        institution__in=reporter_institutions(principal), status=SubmissionStatus.RETURNED
    )


def last_comment(submission: Submission) -> SubmissionEvent | None:
    """The latest return or reopen, whose comment the institution must act on."""
    return (
        submission.events.filter(action__in=[SubmissionAction.RETURN, SubmissionAction.REOPEN])
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )


# --- The coordinator's overview --------------------------------------------------------------


def coordinator_rows(municipality: Municipality, period: ReportingPeriod) -> QuerySet[Institution]:
    """The municipality's institutions that report for the period, each with its submission
    (id, status, first and last submission time, filled cells) in one query."""
    types = definitions_by_type(period)
    submissions = Submission.objects.filter(period=period, institution=OuterRef("pk"))
    filled = (
        ReportedValue.objects.filter(
            submission__period=period, submission__institution=OuterRef("pk")
        )
        .order_by()
        .values("submission__institution")
        .annotate(n=Count("pk"))
        .values("n")
    )
    first_submit = (
        SubmissionEvent.objects.filter(
            submission__period=period,
            submission__institution=OuterRef("pk"),
            action=SubmissionAction.SUBMIT,
        )
        .order_by()
        .values("submission__institution")
        .annotate(first=Min("at"))
        .values("first")
    )
    return (
        Institution.objects.filter(municipality=municipality, is_active=True, type__in=list(types))
        .annotate(
            submission_id=Subquery(submissions.values("pk")[:1]),
            submission_status=Subquery(submissions.values("status")[:1]),
            submitted_at=Subquery(submissions.values("submitted_at")[:1]),
            first_submitted_at=Subquery(first_submit[:1]),
            filled=Coalesce(Subquery(filled[:1], output_field=IntegerField()), 0),
        )
        .order_by("name")
    )


def expected_cells(period: ReportingPeriod) -> dict[str, int]:
    """Cells each reporting institution type owes for the period."""
    return {
        kind: sum(len(d.cells) for d in definitions)
        for kind, definitions in definitions_by_type(period).items()
    }


def is_timely(first_submitted_at: datetime.datetime | None, period: ReportingPeriod) -> bool:
    """Submitted (the first time) by the end of the deadline day, in local time."""
    if first_submitted_at is None:
        return False
    return timezone.localdate(first_submitted_at) <= period.deadline


def submission_status_counts(municipality: Municipality, period: ReportingPeriod) -> dict[str, int]:
    """How many of the municipality's reporting institutions are at each status for the
    period; "not_started" counts those with no submission yet."""
    counts = {str(status): 0 for status in SubmissionStatus}
    rows = (
        Submission.objects.filter(municipality=municipality, period=period)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["status"]] = row["n"]
    reporting = Institution.objects.filter(
        municipality=municipality,
        is_active=True,
        type__in=list(definitions_by_type(period)),
    ).exclude(assessment_submissions__period=period)
    counts["not_started"] = reporting.count()
    return counts


# --- Approved figures for the quality checks, freezing and outputs ---------------------------


def approved_totals(
    municipality: Municipality, period: ReportingPeriod
) -> dict[tuple[str, str], Value]:
    """(indicator code, cell) → (state, amount) over the municipality's approved submissions:
    numbers add up; a cell is a number if any institution gave one, otherwise "not reported"
    if any institution said so, otherwise "not applicable"."""
    rows = (
        ReportedValue.objects.filter(
            submission__municipality=municipality,
            submission__period=period,
            submission__status=SubmissionStatus.APPROVED,
        )
        .order_by()
        .values("definition__indicator__code", "cell", "state")
        .annotate(total=Sum("amount"))
    )
    states: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for row in rows:
        states[(row["definition__indicator__code"], row["cell"])][row["state"]] = row["total"]
    totals: dict[tuple[str, str], Value] = {}
    for key, by_state in states.items():
        if ValueState.NUMBER in by_state:
            totals[key] = (ValueState.NUMBER.value, by_state[ValueState.NUMBER] or Decimal(0))
        elif ValueState.NOT_REPORTED in by_state:
            totals[key] = (ValueState.NOT_REPORTED.value, None)
        else:
            totals[key] = (ValueState.NOT_APPLICABLE.value, None)
    return totals


# --- For the home pages ----------------------------------------------------------------------


def latest_frozen_assessments(*, principal: Principal) -> QuerySet[Assessment]:
    """Frozen assessments the principal may read, the latest year first."""
    from .access import assessment_policy

    return assessment_policy.visible(
        principal,
        Assessment.objects.filter(status=AssessmentStatus.FROZEN).select_related("municipality"),
    ).order_by("-year", "municipality__name", "pk")


def own_submissions(*, principal: Principal) -> QuerySet[Submission]:
    """Submissions of the institutions the principal reports for (not the ones a coordinator
    decides on), the latest period first."""
    return submission_list(principal=principal).filter(
        institution__in=reporter_institutions(principal)
    )


def returned_submissions(*, principal: Principal) -> QuerySet[Submission]:
    """The principal's institutions' submissions returned for correction by the coordinator."""
    return own_submissions(principal=principal).filter(status=SubmissionStatus.RETURNED)
