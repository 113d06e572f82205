"""The report "Situācijas izvērtējums bērnu tiesību aizsardzības jomā <year>" of a frozen
assessment: one content model, described as a document for the shared pipeline
(sargs/core/documents: Word and PDF, with a cover, letterhead and page numbers) and written as
JSON (the ``assessment`` command).

The report is for the council and the public, so its counts are suppressed (dashboard.py);
the command may produce an unsuppressed copy for the coordinator on the server. The report is
written in Latvian: the catalogue's Latvian texts, and the interface's texts translated with
Latvian active.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sargs.core.documents import Cover, Document, Letterhead, to_docx, to_pdf
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import InstitutionType

from .access import coordinated_municipalities
from .catalogue import GROUPS, INDICATORS, cells_of
from .charts import bar_chart
from .dashboard import (
    Cell,
    GroupFigure,
    IndicatorView,
    MeasureView,
    frozen_figures,
    indicator_view,
    shown_indicator,
)
from .models import Assessment, AssessmentStatus

# The document's name, as the guideline calls it; the year follows.
REPORT_TITLE = "Situācijas izvērtējums bērnu tiesību aizsardzības jomā"
REPORT_LANGUAGE = "lv"
YEARS_SHOWN = 3  # this year and the two before it
FINDING_KEYS = ("summary", *(str(n) for n in GROUPS))


@transaction.atomic
def findings_update(*, actor: User, assessment: Assessment, findings: dict[str, Any]) -> Assessment:
    """Save the coordinator's main findings (per group "1" … "6" and "summary").

    Allowed while the assessment is open and after it is frozen: the findings are text about
    the figures, not figures; the audit trail keeps every version (auditlog on Assessment).
    """
    cleaned = {k: str(findings.get(k) or "").strip() for k in FINDING_KEYS}
    too_long = [k for k, v in cleaned.items() if len(v) > 20000]
    if too_long:
        raise ValidationError({k: _("Keep this under 20,000 characters.") for k in too_long})
    assessment.findings = {k: v for k, v in cleaned.items() if v}
    assessment.save(update_fields=["findings", "updated_at"])
    return assessment


@transaction.atomic
def assessment_start(*, actor: User, municipality: Municipality, year: int) -> Assessment:
    """The municipality's assessment of a year, created (open) if it does not exist yet, so
    that the coordinator can write findings while the figures are being collected."""
    if municipality.pk not in coordinated_municipalities(principal_for_user(actor)):
        raise PermissionDenied
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise ValidationError(
            {"year": _("Choose a year from 2000 to %(max)s.") % {"max": this_year}}
        )
    assessment, _created = Assessment.objects.get_or_create(municipality=municipality, year=year)
    return assessment


# --- Content ---------------------------------------------------------------------------------


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    chart_png: bytes = b""
    trend: str = ""


@dataclass
class IndicatorSection:
    code: str
    name: str
    definition: str
    tables: list[Table]


@dataclass
class GroupSection:
    number: int
    title: str
    findings: str
    indicators: list[IndicatorSection]


@dataclass
class Content:
    title: str
    municipality: str
    year: int
    frozen_on: str
    summary: str
    groups: list[GroupSection]
    quality: list[tuple[str, str, str]]  # (severity, indicator, message)
    notes: list[str] = field(default_factory=list)


def _lv(number: str) -> str:
    """A number as Latvian writes it: a decimal comma."""
    return number.replace(".", ",")


def _cell_text(cell: Cell | None) -> str:
    if cell is None:
        return "–"
    if cell.hidden or cell.amount is not None:
        return _lv(cell.display)
    if cell.state == "not_applicable":
        return _("not applicable")
    if cell.state == "not_reported":
        return _("not reported")
    return "–"


def _group_text(figure: GroupFigure | None, rated: bool) -> str:
    if figure is None:
        return "–"
    if figure.withheld:
        return _("withheld")
    value = figure.rate if rated else figure.amount
    return "–" if value is None else _lv(f"{value:f}")


def _trend(measure: MeasureView, labels: list[str]) -> str:
    """In words: how the total changed from the previous year, where both are shown."""
    if len(labels) < 2:
        return _("There is no earlier year to compare with.")
    change = measure.changes[-1]
    total = measure.rows[0].cells
    if change is None:
        return _("The change from %(year)s cannot be shown.") % {"year": labels[-2]}
    values = {
        "label": measure.label,
        "before": total[-2].display if total[-2] else "",
        "after": total[-1].display if total[-1] else "",
        "year": labels[-2],
    }
    if change > 0:
        return _("%(label)s: rose from %(before)s in %(year)s to %(after)s.") % values
    if change < 0:
        return _("%(label)s: fell from %(before)s in %(year)s to %(after)s.") % values
    return _("%(label)s: unchanged since %(year)s (%(after)s).") % values


def _measure_table(view: IndicatorView, measure: MeasureView, municipality: str) -> Table:
    labels = [p.label for p in view.periods]
    rows = [[row.label, *(_cell_text(c) for c in row.cells)] for row in measure.rows]
    if measure.rated:
        total = measure.rows[0]
        rates = ["–" if r is None else _lv(f"{r:f}") for r in total.rates]
        rows.append([_("%(who)s per 1,000 children") % {"who": municipality}, *rates])
    if measure.national:
        if measure.rated:
            kind, national = _("Same kind, per 1,000 children"), _("National, per 1,000 children")
        else:
            kind, national = _("Same kind of municipality"), _("National")
        rows.append([kind] + [_group_text(g, measure.rated) for g in measure.same_kind])
        rows.append([national] + [_group_text(g, measure.rated) for g in measure.national])
    total_cells = measure.rows[0].cells
    chart = (
        bar_chart(
            labels,
            [c.amount if c is not None else None for c in total_cells],
            [c.display if c is not None and c.hidden else "" for c in total_cells],
            title=measure.label,
            fmt="png",
        )
        if labels
        else b""
    )
    return Table(
        caption=measure.label[:1].upper() + measure.label[1:],
        header=[_("Figure"), *labels],
        rows=rows,
        chart_png=chart,
        trend=_trend(measure, labels),
    )


def report_content(assessment: Assessment, *, suppressed: bool = True) -> Content:
    """What the report says, in Latvian."""
    if assessment.status != AssessmentStatus.FROZEN:
        raise ValidationError(_("The assessment is not frozen yet."))
    municipality = assessment.municipality
    years = list(range(assessment.year - YEARS_SHOWN + 1, assessment.year + 1))
    with translation.override(REPORT_LANGUAGE):
        groups = []
        for number, title in GROUPS.items():
            sections = []
            for spec in (s for s in INDICATORS if s.group == number):
                view = indicator_view(
                    municipality, spec.code, suppressed=suppressed, language="lv", years=years
                )
                tables = [_measure_table(view, m, municipality.name) for m in view.measures]
                sections.append(
                    IndicatorSection(spec.code, spec.name.lv, spec.definition.lv, tables)
                )
            groups.append(
                GroupSection(number, title.lv, assessment.findings.get(str(number), ""), sections)
            )
        notes = [
            _(
                "Counts of people (children, pupils, families, parents, participants, cases of "
                "violence against children) from 1 to 4 are shown as “<5”; where one could be "
                "worked out from the other figures, a further figure is shown as “×”, and money "
                "paid to a hidden count is hidden with it. Counts of things (decisions, measures, "
                "events, offers, places, programmes, institutions) identify nobody and are shown "
                "as they are. A rate or a change is shown only where its count is."
            )
            if suppressed
            else _("Not suppressed: for the coordinator's own use, not for publication."),
            _(
                "Same-kind and national figures add up the municipalities that froze their "
                "assessment; “withheld” where they include a hidden count."
            ),
        ]
        return Content(
            title=f"{REPORT_TITLE} {assessment.year}",
            municipality=municipality.name,
            year=assessment.year,
            frozen_on=assessment.frozen_at.strftime("%d.%m.%Y") if assessment.frozen_at else "",
            summary=assessment.findings.get("summary", ""),
            groups=groups,
            quality=[_quality_line(q, suppressed=suppressed) for q in assessment.quality],
            notes=notes,
        )


SEVERITY = {
    "error": gettext_lazy("Error"),
    "warning": gettext_lazy("Warning"),
    "info": gettext_lazy("Information"),
}

# What each quality check looks at (sargs/assessment/quality.py), for the public annex: the
# checks' own messages quote the figures, small counts included, so only the unsuppressed
# copy carries them.
CHECKS = {
    "parts_sum": gettext_lazy("The parts do not add up to the total."),
    "not_above": gettext_lazy("A part is larger than the whole it belongs to."),
    "restorable": gettext_lazy("More custody restorations than could have been restored."),
    "rates": gettext_lazy("A rate per 1,000 children outside plausible bounds, or not checkable."),
    "periods": gettext_lazy("A reporting period was not open."),
    "completeness": gettext_lazy("A report or some of its figures are missing."),
    "timeliness": gettext_lazy("A report came after the deadline."),
    "year_over_year": gettext_lazy("A change from last year larger than chance explains."),
    "records": gettext_lazy("The report differs from the system's own records."),
}


def check_description(code: str) -> str:
    return str(CHECKS[code]) if code in CHECKS else code


def _quality_line(entry: dict[str, Any], *, suppressed: bool) -> tuple[str, str, str]:
    """A stored check result as the annex shows it. The public (suppressed) report names the
    check only. The coordinator's copy gives the message, written in the language active at
    freezing (a Latvian copy, ``message_lv``, is preferred where stored)."""
    severity = str(entry.get("severity", ""))
    code = str(entry.get("code", ""))
    if suppressed:
        message = check_description(code)
    else:
        message = str(entry.get("message_lv") or entry.get("message") or code)
    return str(SEVERITY.get(severity, severity)), str(entry.get("indicator", "")), message


# --- The document ---------------------------------------------------------------------------


def _letterhead(municipality: Municipality) -> Letterhead:
    """The municipality and its administration, which issues the assessment."""
    administration = Institution.objects.filter(
        municipality=municipality, type=InstitutionType.ADMINISTRATION, is_active=True
    ).first()
    return Letterhead(
        municipality=municipality.name,
        institution=administration.name if administration else "",
        details=", ".join(x for x in (administration.address, administration.email) if x)
        if administration
        else "",
    )


def situation_assessment_report(assessment: Assessment, *, suppressed: bool = True) -> Document:
    """The report as a document: a cover, the summary, a part per group of indicators (each
    on a new page) with tables and charts, and the annex on data quality. The unsuppressed
    copy shows counts from 1 to 4, which may identify children: it is marked confidential."""
    content = report_content(assessment, suppressed=suppressed)
    frozen = assessment.frozen_at.date() if assessment.frozen_at else None
    with translation.override(REPORT_LANGUAGE):
        lines = [content.municipality]
        if content.frozen_on:
            lines.append(_("Figures frozen on %(date)s") % {"date": content.frozen_on})
        doc = Document(
            content.title,
            _letterhead(assessment.municipality),
            personal_data=not suppressed,
            language=REPORT_LANGUAGE,
            cover=Cover(lines=lines, notes=content.notes),
            date=frozen or timezone.localdate(),
        )
        doc.heading(_("Summary"))
        _paragraphs(doc, content.summary or _("The coordinator has written no summary."))
        for group in content.groups:
            _group(doc, group)
        doc.page_break()
        doc.heading(_("Annex: data quality"))
        if content.quality:
            header = [_("Severity"), _("Indicator"), _("Finding")]
            doc.table([header, *(list(q) for q in content.quality)])
        else:
            doc.para(_("The quality checks found nothing to report."))
    return doc


def _paragraphs(doc: Document, text: str) -> None:
    for paragraph in text.split("\n\n"):
        doc.para(paragraph)


def _group(doc: Document, group: GroupSection) -> None:
    doc.page_break()
    doc.heading(f"{group.number}. {group.title}")
    doc.heading(_("Main findings"), level=2)
    _paragraphs(doc, group.findings or _("No findings written."))
    for section in group.indicators:
        doc.heading(f"{section.code} {section.name}", level=2)
        doc.para(section.definition, style="italic")
        for table in section.tables:
            doc.table([table.header, *table.rows], caption=table.caption, first_column_header=True)
            if table.chart_png:
                doc.image(table.chart_png, width_cm=13, alt=table.caption)
            doc.para(table.trend)


def build_docx(assessment: Assessment, *, suppressed: bool = True) -> bytes:
    """The report as a Word document."""
    return to_docx(situation_assessment_report(assessment, suppressed=suppressed))


def build_pdf(assessment: Assessment, *, suppressed: bool = True) -> bytes:
    """The report as a PDF."""
    return to_pdf(situation_assessment_report(assessment, suppressed=suppressed))


# --- JSON -------------------------------------------------------------------------------------


def _json_cell(cell: Cell) -> dict[str, Any]:
    data: dict[str, Any] = {"state": cell.state, "origin": cell.origin}
    if cell.hidden:
        data["value"] = None
        data["shown"] = cell.display
    else:
        data["value"] = None if cell.amount is None else _number(cell.amount)
    return data


def _number(amount: Decimal) -> int | str:
    return int(amount) if amount == amount.to_integral_value() else f"{amount:.2f}"


def assessment_json(assessment: Assessment, *, suppressed: bool = True) -> dict[str, Any]:
    """Every indicator's value per cell and semester: state (number / not reported / not
    applicable), origin (reported / computed) and the quality findings about it."""
    figures, _kinds = frozen_figures(
        municipality_ids=[assessment.municipality_id], years=[assessment.year]
    )
    flags: dict[str, list[dict[str, Any]]] = {}
    for entry in assessment.quality:
        flag = {k: entry.get(k) for k in ("code", "severity", "semester")}
        # The messages quote figures, small counts included: only the unsuppressed copy.
        flag["message"] = (
            check_description(str(entry.get("code", "")))
            if suppressed
            else entry.get("message_lv") or entry.get("message")
        )
        flags.setdefault(str(entry.get("indicator") or ""), []).append(flag)
    indicators = []
    for spec in INDICATORS:
        sets = sorted((key, cells) for key, cells in figures.items() if key[2] == spec.code)
        periods = []
        for (_mid, _year, _code, semester), cells in sets:
            shown = shown_indicator(spec, cells, suppressed=suppressed)
            periods.append(
                {
                    "semester": semester,
                    "cells": {
                        key: _json_cell(shown[key])
                        for key in cells_of(spec.spec_json())
                        if key in shown and shown[key].state
                    },
                }
            )
        indicators.append(
            {
                "code": spec.code,
                "group": spec.group,
                "name": spec.name.lv,
                "periods": periods,
                "quality": flags.get(spec.code, []),
            }
        )
    return {
        "municipality": {
            "atvk": assessment.municipality.atvk,
            "name": assessment.municipality.name,
        },
        "year": assessment.year,
        "status": assessment.status,
        "frozen_at": assessment.frozen_at.isoformat() if assessment.frozen_at else None,
        "suppressed": suppressed,
        "indicators": indicators,
        "quality": flags.get("", []),
        "findings": assessment.findings,
    }
