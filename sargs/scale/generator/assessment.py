"""Step "assessment": the child population and a year (2025) of reported indicator values.

Population: the generated children counted by municipality, age group and sex on 1 January
and 1 July 2025 and 1 January 2026, as the PMLP data set gives them. Indicator values: every
institution that reports an indicator (schools E2 and E3, the education board E1, …) has an
approved submission for 2025 (and for each semester of a per-semester indicator) with a
number in every cell; parts of a dimension add up to their total and "part ≤ whole" pairs
hold, so the quality checks pass. Counts scale with the municipality's children; indicators
the system computes from its records (L1, F1–F3, …) are reported as the records give them.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from sargs.assessment.computed import compute
from sargs.assessment.models import (
    ChildPopulation,
    IndicatorDefinition,
    ReportedValue,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
)
from sargs.organisations.models import Municipality
from sargs.registry.models import Child

from .base import Context, Step, moment
from .lookups import Staff

YEAR = 2025
REFERENCE_DATES = (datetime.date(2025, 1, 1), datetime.date(2025, 7, 1), datetime.date(2026, 1, 1))
COLUMNS: dict[type, list[str]] = {
    ChildPopulation: ["id", "municipality_id", "reference_date", "age_group", "sex", "count",
                      "imported_at"],
    ReportingPeriod: ["id", "year", "semester", "opens_on", "deadline", "created_at"],
    Submission: [
        "id", "period_id", "institution_id", "municipality_id", "status", "submitted_at",
        "submitted_by_id", "decided_at", "decided_by_id", "created_at", "updated_at", "revision",
    ],
    SubmissionEvent: ["id", "submission_id", "action", "actor_id", "comment", "at"],
    ReportedValue: ["id", "submission_id", "definition_id", "cell", "state", "amount"],
}  # fmt: skip
PERIODS = ((0, datetime.date(2025, 12, 1)), (1, datetime.date(2025, 7, 1)),
           (2, datetime.date(2025, 12, 1)))  # fmt: skip


def _population(ctx: Context, rows: dict[type, list[tuple[Any, ...]]]) -> None:
    counts: Counter[tuple[int, datetime.date, str, str]] = Counter()
    query = Child.objects.order_by("pk").values_list("municipality_id", "birth_date", "sex")
    for municipality, born, sex in query.iterator(chunk_size=20_000):
        for day in REFERENCE_DATES:
            if born >= day:
                continue
            age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
            if age < 18:
                counts[(municipality, day, "0_6" if age <= 6 else "7_17", sex[0])] += 1
    imported = moment(datetime.date(2026, 1, 2), ctx.rng("assessment:population"))
    for (municipality, day, group, sex), count in sorted(counts.items()):
        rows[ChildPopulation].append(
            (ctx.next_id(ChildPopulation), municipality, day, group, sex, count, imported)
        )


def _amounts(spec: dict[str, Any], scale: float, rng: random.Random) -> dict[str, Decimal]:
    """A number for every cell: measure totals, and their parts adding up to them."""
    totals: dict[str, int] = {}
    for measure in spec["measures"]:
        size = 20_000 if measure.get("unit") == "eur" else 12
        totals[measure["key"]] = int(rng.expovariate(1 / max(1.0, size * scale)))
    for part, whole in spec.get("not_above", []):
        totals[part] = min(totals[part], totals[whole])
    amounts = {key: Decimal(value) for key, value in totals.items()}
    for measure in spec["measures"]:
        for dimension in measure["dimensions"]:
            left = totals[measure["key"]]
            categories = [c[0] for c in dimension["categories"]]
            for n, category in enumerate(categories):
                share = left if n == len(categories) - 1 else rng.randint(0, left)
                left -= share
                amounts[f"{measure['key']}|{dimension['key']}={category}"] = Decimal(share)
    return amounts


class ValueBuilder:
    def __init__(self, ctx: Context, rows: dict[type, list[tuple[Any, ...]]]) -> None:
        self.ctx, self.rows = ctx, rows
        self.rng = ctx.rng("assessment")
        self.staff = Staff()
        self.children = {p.id: p.children for p in ctx.state["places"]}
        self.periods: dict[int, int] = {}
        self.computed: dict[tuple[int, int], dict[tuple[str, str], Any]] = {}

    def add(self, model: type, *values: Any) -> int:
        pk = self.ctx.next_id(model)
        self.rows[model].append((pk, *values))
        return pk

    def periods_needed(self, kinds: set[str]) -> None:
        for semester, opens in PERIODS:
            if semester == 0 or "semester" in kinds:
                deadline = (
                    datetime.date(YEAR + 1, 2, 1) if semester != 1 else datetime.date(YEAR, 8, 1)
                )
                self.periods[semester] = self.add(
                    ReportingPeriod, YEAR, semester, opens, deadline, moment(opens, self.rng)
                )

    def submission(self, institution: int, municipality: int, semester: int,
                   definitions: list[IndicatorDefinition]) -> None:  # fmt: skip
        rng = self.rng
        submitter = self._person(institution)
        decider = self._person(self.staff.first(municipality, "administration"))
        if submitter is None or decider is None:
            return
        opens = dict(PERIODS)[semester]
        submitted = moment(opens + datetime.timedelta(days=rng.randint(1, 20)), rng)
        decided = submitted + datetime.timedelta(days=rng.randint(1, 5))
        pk = self.add(Submission, self.periods[semester], institution, municipality, "approved",
                      submitted, submitter, decided, decider, submitted, decided, 1)  # fmt: skip
        self.add(SubmissionEvent, pk, "submit", submitter, "", submitted)
        self.add(SubmissionEvent, pk, "approve", decider, "", decided)
        scale = self.children.get(municipality, 0) / 1_000 / len(self.staff.all(
            municipality, definitions[0].reporter_type) or [1])  # fmt: skip
        for definition in definitions:
            amounts = _amounts(definition.spec, scale, rng)
            if definition.computable == "yes":  # reported as the records give it
                computed = self._computed(municipality, semester)
                code = definition.indicator.code
                amounts = {cell: Decimal(computed.get((code, cell), 0)) for cell in amounts}
            for cell, amount in amounts.items():
                self.add(ReportedValue, pk, definition.pk, cell, "number", amount)

    def _computed(self, municipality: int, semester: int) -> dict[tuple[str, str], Any]:
        key = (municipality, semester)
        if key not in self.computed:
            place = Municipality.objects.get(pk=municipality)
            self.computed[key] = dict(compute(place, YEAR, semester))
        return self.computed[key]

    def _person(self, institution: int | None) -> int | None:
        return self.staff.anyone.get(institution) if institution else None


def _latest_definitions() -> list[IndicatorDefinition]:
    latest: dict[int, IndicatorDefinition] = {}
    query = IndicatorDefinition.objects.select_related("indicator")
    for definition in query.order_by("indicator_id", "version"):
        latest[definition.indicator_id] = definition
    return [d for d in latest.values() if d.reporter_type]


def run(ctx: Context) -> int:
    rows: dict[type, list[tuple[Any, ...]]] = {model: [] for model in COLUMNS}
    _population(ctx, rows)
    builder = ValueBuilder(ctx, rows)
    definitions = _latest_definitions()
    builder.periods_needed({d.period_kind for d in definitions})
    by_type: dict[tuple[str, int], list[IndicatorDefinition]] = {}
    for definition in definitions:
        for semester in (1, 2) if definition.period_kind == "semester" else (0,):
            by_type.setdefault((definition.reporter_type, semester), []).append(definition)
    progress = ctx.progress("assessment", len(ctx.state["places"]))
    for place in ctx.state["places"]:
        for (kind, semester), group in sorted(by_type.items()):
            for institution in builder.staff.all(place.id, kind):
                builder.submission(institution, place.id, semester, group)
        progress.advance(1)
    progress.finish()
    return sum(ctx.write(model, columns, rows[model]) for model, columns in COLUMNS.items())


STEP = Step("assessment", run, tuple(COLUMNS), depends_on=("registry",))
