"""Quality checks of a municipality's assessment year, each saying in words what is wrong.

``run_checks(municipality, year)`` runs every check in ``CHECKS`` over one shared,
lazily loaded ``Context`` (a handful of queries however many institutions report) and returns
``Finding`` rows: errors block nothing by themselves but a coordinator should fix them before
freezing; warnings ask for a second look; info says what could not be checked.

Values checked: an institution's own submission (parts, "not above" pairs, completeness,
timeliness) while it is submitted or approved; the municipality's approved totals (rates,
restorable custody, year-over-year, cross-check with the records).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sargs.organisations.models import Municipality
from sargs.organisations.roles import InstitutionType

from .models import IndicatorDefinition, Submission, SubmissionStatus, ValueState
from .quality_context import (
    CHECKED_STATUSES,
    Cells,
    Context,
    and_list,
    cell_label,
    fmt,
    measure_label,
    place,
    restorable_from_records,
    semester_label,
    text,
)

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

# Dimensions whose parts may overlap (one family gets several services; one concern names
# several kinds of violence; a child commits both kinds of offence): each part is at most the
# total, and together the parts cover it, but they need not add up to it.
OVERLAPPING = frozenset(
    {("L2", "families", "service"), ("E3", "cases", "kind"), ("S1", "children", "offence")}
)

# Year-over-year: flag a change only if it is at least this many ...
MIN_CHANGE = 5
# ... and more than this many standard deviations of the difference of two Poisson counts.
CHANGE_SIGMAS = 2


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # "error" | "warning" | "info"
    indicator: str
    institution_id: int | None
    message: str
    semester: int = 0
    submission_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Bound:
    """A rate's plausible range per 1,000 children of ``population`` ("total", "0_6", "7_17"):
    above ``warn`` is rare, above ``impossible`` cannot be (more than the children there)."""

    code: str
    cell: str
    population: str
    warn: int
    impossible: int = 1000
    semesters: tuple[int, ...] = (0,)


# National out-of-family care is about 15 per 1,000 children (5,286 of ~344,000, 2023).
BOUNDS: tuple[Bound, ...] = (
    Bound("F3", "children", "total", warn=40),
    Bound("L1", "children", "total", warn=150),
    Bound("L2", "children", "total", warn=250),
    Bound("N3", "children", "total", warn=60),
    Bound("E1", "children", "7_17", warn=30),
    Bound("E2", "pupils", "7_17", warn=150, semesters=(1, 2)),
    Bound("S1", "children", "7_17", warn=60),
    Bound("S2", "children", "7_17", warn=50),
    Bound("N2", "pupils", "7_17", warn=150),
)


def _sub_finding(
    code: str, severity: str, sub: Submission, indicator: str, message: str
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        indicator=indicator,
        institution_id=sub.institution_id,
        message=f"{sub.institution.name}, {message}",
        semester=sub.period.semester,
        submission_id=sub.pk,
    )


def _number(cells: Cells, key: tuple[str, str]) -> Decimal | None:
    state, amount = cells.get(key, ("", None))
    return Decimal(amount) if state == ValueState.NUMBER and amount is not None else None


def check_parts_sum(ctx: Context) -> list[Finding]:
    """The parts of each dimension add up to the measure's total (or, for overlapping parts,
    none is above it and together they cover it)."""
    findings = []
    for sub in ctx.checked_submissions():
        cells = ctx.values.get(sub.pk, {})
        for code in sorted({c for c, _cell in cells}):
            spec = ctx.specs.get(code)
            if spec is None:
                continue
            for measure in spec["measures"]:
                total = _number(cells, (code, measure["key"]))
                if total is None:
                    continue
                where = place(code, sub.period.semester, measure_label(spec, measure["key"]))
                for dim in measure["dimensions"]:
                    keys = [
                        (code, f"{measure['key']}|{dim['key']}={c}") for c, _t in dim["categories"]
                    ]
                    parts = [_number(cells, k) for k in keys]
                    if any(p is None for p in parts):
                        continue
                    labels = [text(t) for _c, t in dim["categories"]]
                    amounts = [p for p in parts if p is not None]
                    message = _parts_message(
                        (code, measure["key"], dim["key"]) in OVERLAPPING, labels, amounts, total
                    )
                    if message:
                        findings.append(
                            _sub_finding("parts_sum", "error", sub, code, f"{where}: {message}")
                        )
    return findings


def _parts_message(
    overlapping: bool, labels: list[str], parts: list[Decimal], total: Decimal
) -> str:
    added = sum(parts, Decimal(0))
    if not overlapping:
        if added == total:
            return ""
        return _("the %(parts)s add up to %(sum)s but the total is %(total)s.") % {
            "parts": and_list(labels),
            "sum": fmt(added),
            "total": fmt(total),
        }
    for label, part in zip(labels, parts, strict=True):
        if part > total:
            return _("%(part)s for “%(label)s” is more than the total %(total)s.") % {
                "part": fmt(part),
                "label": label,
                "total": fmt(total),
            }
    if added < total:
        return _(
            "the %(parts)s add up to %(sum)s, fewer than the total %(total)s; everyone in the "
            "total belongs to at least one of them."
        ) % {"parts": and_list(labels), "sum": fmt(added), "total": fmt(total)}
    return ""


def check_not_above(ctx: Context) -> list[Finding]:
    """A part measure is not above its whole (accessible ≤ all institutions …)."""
    findings = []
    for sub in ctx.checked_submissions():
        cells = ctx.values.get(sub.pk, {})
        for code in sorted({c for c, _cell in cells}):
            spec = ctx.specs.get(code)
            for part_key, whole_key in (spec or {}).get("not_above", []):
                part, whole = _number(cells, (code, part_key)), _number(cells, (code, whole_key))
                if part is None or whole is None or part <= whole:
                    continue
                assert spec is not None
                message = _(
                    "%(part_label)s (%(part)s) is more than %(whole_label)s (%(whole)s)."
                ) % {
                    "part_label": cell_label(spec, part_key),
                    "part": fmt(part),
                    "whole_label": cell_label(spec, whole_key),
                    "whole": fmt(whole),
                }
                findings.append(
                    _sub_finding(
                        "not_above",
                        "error",
                        sub,
                        code,
                        f"{place(code, sub.period.semester)}: {message}",
                    )
                )
    return findings


def check_restorable(ctx: Context) -> list[Finding]:
    """F2: parents whose custody was restored are not more than those whose custody could
    be restored (lost at the start of the year or during it)."""
    restored = ctx.figure(0, "F2", "restored")
    if restored is None:
        return []
    records = restorable_from_records(ctx.municipality, ctx.year)
    if records is not None:
        at_start, total = records
        if restored <= total:
            return []
        message = _(
            "%(restored)s parents had custody restored, but only %(total)s could have been: "
            "%(at_start)s had custody suspended or deprived at the start of the year and "
            "%(during)s more during it (from the registry)."
        ) % {
            "restored": fmt(restored),
            "total": total,
            "at_start": at_start,
            "during": total - at_start,
        }
    else:
        last = [ctx.last_year.get((0, "F1", cell)) for cell in ("suspended", "deprived")]
        now = [ctx.figure(0, "F1", cell) for cell in ("suspended", "deprived")]
        if any(v is None for v in last) or any(v is None for v in now):
            return []
        before = sum((v[1] for v in last if v is not None), Decimal(0))
        during = sum((v for v in now if v is not None), Decimal(0))
        if restored <= before + during:
            return []
        message = _(
            "%(restored)s parents had custody restored, but last year's F1 (%(before)s) and "
            "this year's (%(during)s) give only %(total)s parents whose custody could be "
            "restored."
        ) % {
            "restored": fmt(restored),
            "before": fmt(before),
            "during": fmt(during),
            "total": fmt(before + during),
        }
    return [Finding("restorable", "error", "F2", None, f"F2: {message}")]


def check_rates(ctx: Context) -> list[Finding]:
    """Rates per 1,000 children within plausible bounds (``BOUNDS``)."""
    pop = ctx.population
    if pop is None:
        return [
            Finding(
                "rates",
                "info",
                "",
                None,
                _(
                    "No child population is imported, so rates per 1,000 children cannot be "
                    "checked. Import the PMLP figures."
                ),
            )
        ]
    findings = []
    for bound in BOUNDS:
        children = pop["total"] if bound.population == "total" else pop["age"][bound.population]
        group = (
            _("0–17 years")
            if bound.population == "total"
            else (_("0–6 years") if bound.population == "0_6" else _("7–17 years"))
        )
        for semester in bound.semesters:
            value = ctx.figure(semester, bound.code, bound.cell)
            if value is None or not children:
                continue
            rate = value * 1000 / children
            params = {
                "value": fmt(value),
                "children": children,
                "group": group,
                "date": pop["as_of"].strftime("%d.%m.%Y"),
                "rate": f"{rate:.1f}",
                "warn": bound.warn,
            }
            where = place(
                bound.code,
                semester,
                cell_label(ctx.specs.get(bound.code, {"measures": []}), bound.cell),
            )
            if rate > bound.impossible:
                message = (
                    _(
                        "%(value)s is more than the %(children)s children (%(group)s) living in "
                        "the municipality (PMLP, %(date)s). That cannot be right."
                    )
                    % params
                )
                findings.append(
                    Finding("rates", "error", bound.code, None, f"{where}: {message}", semester)
                )
            elif rate > bound.warn:
                message = (
                    _(
                        "%(value)s is %(rate)s per 1,000 children (%(group)s, PMLP %(date)s); "
                        "above %(warn)s per 1,000 is rare. Check the figure."
                    )
                    % params
                )
                findings.append(
                    Finding("rates", "warning", bound.code, None, f"{where}: {message}", semester)
                )
    return findings


def check_periods(ctx: Context) -> list[Finding]:
    """Every period an indicator is collected for is open (the year; both semesters)."""
    opened = {p.semester for p in ctx.periods}
    findings = []
    for semester in (0, 1, 2):
        kind = "semester" if semester else "year"
        codes = [d.indicator.code for d in ctx.definitions if d.period_kind == kind]
        if semester in opened or not codes:
            continue
        label = semester_label(semester) or str(ctx.year)
        message = _(
            "No reporting period is open for the %(period)s of %(year)s, so %(codes)s cannot be "
            "collected for it."
        ) % {"period": label, "year": ctx.year, "codes": ", ".join(codes)}
        if not semester:
            message = _(
                "No reporting period is open for %(year)s, so nothing is collected for it."
            ) % {"year": ctx.year}
        findings.append(Finding("periods", "info", "", None, message, semester))
    return findings


def check_completeness(ctx: Context) -> list[Finding]:
    """Every institution that must report has submitted; every cell has a state."""
    findings = []
    by_key = {(s.institution_id, s.period_id): s for s in ctx.submissions}
    for period in ctx.periods:
        for institution in ctx.institutions:
            expected = ctx.expected(institution.type, period)
            if not expected:
                continue
            sub = by_key.get((institution.pk, period.pk))
            label = semester_label(period.semester) or str(period.year)
            if sub is None or sub.status not in CHECKED_STATUSES:
                message = _("%(institution)s has not submitted its report for %(period)s.") % {
                    "institution": institution.name,
                    "period": label,
                }
                if sub is not None and sub.status == SubmissionStatus.RETURNED:
                    message = _(
                        "%(institution)s has not resubmitted its report for %(period)s after "
                        "it was returned."
                    ) % {"institution": institution.name, "period": label}
                findings.append(
                    Finding(
                        "completeness",
                        "error",
                        "",
                        institution.pk,
                        message,
                        period.semester,
                        sub.pk if sub else None,
                    )
                )
                continue
            findings += _cell_completeness(ctx, sub, expected)
    return findings


def _cell_completeness(
    ctx: Context, sub: Submission, expected: list[IndicatorDefinition]
) -> list[Finding]:
    findings = []
    cells = ctx.values.get(sub.pk, {})
    for definition in expected:
        code = definition.indicator.code
        missing = [c for c in definition.cells if (code, c) not in cells]
        unreported = [
            c for c in definition.cells if cells.get((code, c), ("",))[0] == ValueState.NOT_REPORTED
        ]
        where = place(code, sub.period.semester)
        if missing:
            names = ", ".join(cell_label(definition.spec, c) for c in missing)
            findings.append(
                _sub_finding(
                    "completeness",
                    "error",
                    sub,
                    code,
                    _("%(where)s: no value for %(cells)s.") % {"where": where, "cells": names},
                )
            )
        if unreported:
            names = ", ".join(cell_label(definition.spec, c) for c in unreported)
            findings.append(
                _sub_finding(
                    "not_reported",
                    "warning",
                    sub,
                    code,
                    _("%(where)s: not reported: %(cells)s.") % {"where": where, "cells": names},
                )
            )
    return findings


def check_timeliness(ctx: Context) -> list[Finding]:
    """Submitted by the period's deadline (the first submission counts, not a resubmission
    after a return)."""
    findings = []
    today = timezone.localdate()
    for sub in ctx.submissions:
        deadline = sub.period.deadline
        at = getattr(sub, "first_submitted", None) or sub.submitted_at
        label = semester_label(sub.period.semester) or str(sub.period.year)
        params = {
            "institution": sub.institution.name,
            "period": label,
            "deadline": deadline.strftime("%d.%m.%Y"),
        }
        if at is not None:
            day = timezone.localtime(at).date()
            if day <= deadline:
                continue
            message = _(
                "%(institution)s submitted its report for %(period)s on %(day)s, %(late)s days "
                "after the deadline %(deadline)s."
            ) % {**params, "day": day.strftime("%d.%m.%Y"), "late": (day - deadline).days}
        elif today > deadline:
            message = (
                _(
                    "%(institution)s: the deadline %(deadline)s for %(period)s has passed and the "
                    "report is not submitted."
                )
                % params
            )
        else:
            continue
        findings.append(
            Finding(
                "timeliness",
                "warning",
                "",
                sub.institution_id,
                message,
                sub.period.semester,
                sub.pk,
            )
        )
    return findings


def unlikely_change(last: Decimal, now: Decimal) -> bool:
    """A change between two counts that chance alone rarely makes: at least ``MIN_CHANGE``
    and beyond two standard deviations of the difference of two Poisson counts,
    sqrt(x + y); a jump from 1 to 3 is noise, from 10 to 30 is not."""
    change = abs(now - last)
    return change >= MIN_CHANGE and float(change) > CHANGE_SIGMAS * math.sqrt(float(last + now))


def check_year_over_year(ctx: Context) -> list[Finding]:
    """Measure totals that changed from last year's frozen figure more than chance explains."""
    findings = []
    current = {d.indicator.code: d for d in ctx.definitions}
    for (semester, code, cell), (definition_id, last) in sorted(ctx.last_year.items()):
        definition = current.get(code)
        if definition is None or definition.pk != definition_id or "|" in cell:
            continue
        if definition.measure_units().get(cell, "count") != "count":
            continue
        now = ctx.figure(semester, code, cell)
        if now is None or not unlikely_change(Decimal(last), now):
            continue
        message = _(
            "%(now)s this year against %(last)s last year. For counts this size, chance alone "
            "rarely moves a figure by more than %(noise)s, so check that this year's figure is "
            "complete and counted the same way as last year's."
        ) % {
            "now": fmt(now),
            "last": fmt(last),
            "noise": math.ceil(CHANGE_SIGMAS * math.sqrt(float(last + now))),
        }
        where = place(code, semester, measure_label(definition.spec, cell))
        findings.append(
            Finding("year_over_year", "warning", code, None, f"{where}: {message}", semester)
        )
    return findings


def check_records(ctx: Context) -> list[Finding]:
    """Cross-check: an approved report is not lower than what the system's records show."""
    findings = []
    for semester, computed in sorted(ctx.computed.items()):
        for (code, cell), from_records in sorted(computed.items()):
            if "|" in cell:
                continue
            reported = _number(ctx.approved.get(semester, {}), (code, cell))
            if reported is None or reported >= from_records:
                continue
            spec = ctx.specs.get(code, {"measures": [], "reporter": ""})
            reporter = spec.get("reporter", "")
            who = str(InstitutionType(reporter).label) if reporter else _("the institutions")
            message = _(
                "%(who)s reported %(reported)s, but the system's own records show "
                "%(records)s. The report may miss some; check it with them."
            ) % {"who": who, "reported": fmt(reported), "records": fmt(from_records)}
            where = place(code, semester, cell_label(spec, cell))
            findings.append(
                Finding("records", "warning", code, None, f"{where}: {message}", semester)
            )
    return findings


Check = Callable[[Context], list[Finding]]
CHECKS: list[Check] = [
    check_periods,
    check_completeness,
    check_timeliness,
    check_parts_sum,
    check_not_above,
    check_restorable,
    check_rates,
    check_records,
    check_year_over_year,
]


def run_checks(municipality: Municipality, year: int) -> list[Finding]:
    """Every check's findings for the municipality's year, errors first."""
    return _run(Context(municipality, year))


def run_checks_in(
    municipality: Municipality, year: int, languages: tuple[str, ...]
) -> dict[str, list[Finding]]:
    """The findings worded in each language, from one reading of the data (the checks run
    once per language, the queries once)."""
    ctx = Context(municipality, year)
    found = {}
    for language in languages:
        with translation.override(language):
            found[language] = _run(ctx)
    return found


def _run(ctx: Context) -> list[Finding]:
    findings = [f for check in CHECKS for f in check(ctx)]
    return sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))
