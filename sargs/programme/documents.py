"""The yearly report to the council on the programme's implementation and proposed
amendments, in Latvian. Built once as a list of blocks and written both as Word
(python-docx) and as PDF (WeasyPrint rendering an HTML template), so the two never differ.
The document is for the council and the public: counts of people 1–4 are suppressed."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone, translation

from sargs.core.templatetags.sargs import eur

from . import selectors
from .models import FundingSource, MemberKind, Programme

TITLE = "Bērnu tiesību aizsardzības programmas īstenošanas pārskats"

STATUS_LV = {
    "not_started": "nav uzsākts",
    "in_progress": "notiek",
    "completed": "pabeigts",
    "suspended": "apturēts",
}
TRACK_LV = {
    "on_track": "norit atbilstoši plānam",
    "at_risk": "pastāv risks",
    "late": "kavējas",
    "not_reported": "nav ziņots",
}
SOURCE_LV = {
    FundingSource.EXISTING: "iestādes esošais budžets",
    FundingSource.MUNICIPAL: "papildu pašvaldības finansējums",
    FundingSource.STATE: "valsts budžets",
    FundingSource.EU: "ES fondi",
    FundingSource.OTHER: "citi avoti",
}


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "bullets", "table"
    text: str = ""
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # the first row is the header


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text))

    def para(self, text: str) -> None:
        self.blocks.append(Block("paragraph", text))

    def bullets(self, items: list[str]) -> None:
        self.blocks.append(Block("bullets", items=items))

    def table(self, rows: list[list[str]]) -> None:
        self.blocks.append(Block("table", rows=rows))


def d(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def money(value: Decimal) -> str:
    with translation.override("lv"):
        return eur(value)


def council_report(programme: Programme, *, year: int) -> Document:
    """The report on implementation in ``year``: monitoring, activities and their status,
    performance indicators, funding, and the amendments the monitoring suggests."""
    version = selectors.approved_version(programme)
    doc = Document(TITLE)
    doc.para(
        f"{programme.municipality.name}. {programme.title} "
        f"{programme.start_year}.–{programme.end_year}. gadam. Pārskats par {year}. gadu."
    )
    if version is None:
        doc.para("Programma vēl nav apstiprināta domē, tāpēc tās īstenošana netiek uzraudzīta.")
        return doc
    doc.para(
        f"Programma (redakcija Nr. {version.number}) apstiprināta ar domes "
        f"{d(version.decision_date)} lēmumu Nr. {version.decision_number}."
    )
    _monitoring(doc, programme)
    rows = selectors.progress_rows(
        version=version, suppress=True, until=datetime.date(year, 12, 31)
    )
    _activities(doc, rows)
    _indicators(doc, rows)
    _funding(doc, version, year)
    _amendments(doc, programme, rows)
    doc.para(f"Pārskats sagatavots {d(timezone.localdate())}.")
    return doc


def _monitoring(doc: Document, programme: Programme) -> None:
    doc.heading("1. Uzraudzība")
    who = ", ".join(
        x
        for x in (
            programme.monitoring_official,
            programme.monitoring_unit.name if programme.monitoring_unit else "",
        )
        if x
    )
    doc.para(f"Par programmas uzraudzību atbild: {who or 'nav noteikts'}.")
    doc.para(
        f"Atbildīgās iestādes par pasākumu izpildi ziņo {programme.reports_per_year} reizes gadā."
    )
    members = list(programme.council_members.select_related("institution"))
    adults = [m for m in members if m.kind != MemberKind.CHILD]
    if members:
        doc.para("Uzraudzības padomes sastāvs:")
        doc.bullets(
            [m.name + (f" ({m.institution.name})" if m.institution else "") for m in adults]
            + (["bērnu pārstāvji"] if len(adults) < len(members) else [])
        )


def _activities(doc: Document, rows: list[selectors.ProgressRow]) -> None:
    doc.heading("2. Rīcības plāna izpilde")
    counts = selectors.track_counts(rows)
    doc.para(
        "Pasākumu skaits: " + "; ".join(f"{TRACK_LV[k]} – {v}" for k, v in counts.items()) + "."
    )
    table = [
        [
            "Rīcības virziens",
            "Pasākums",
            "Atbildīgā iestāde",
            "Termiņš",
            "Plānots",
            "Izlietots",
            "Statuss",
            "Vērtējums",
        ]
    ]
    for row in rows:
        report = row.report
        table.append(
            [
                row.activity.priority.title,
                row.activity.title,
                row.activity.responsible.name,
                d(row.activity.deadline),
                money(row.planned),
                money(report.spent) if report else "–",
                STATUS_LV[report.status] if report else "–",
                TRACK_LV[report.track] if report else TRACK_LV["not_reported"],
            ]
        )
    doc.table(table)


def _indicators(doc: Document, rows: list[selectors.ProgressRow]) -> None:
    doc.heading("3. Rezultatīvie rādītāji")
    table = [["Pasākums", "Rādītājs", "Bāzes vērtība", "Mērķis", "Faktiski"]]
    for row in rows:
        for name, baseline, target, actual in row.results:
            table.append([row.activity.title, name, baseline, target, actual])
    if len(table) > 1:
        doc.table(table)
        doc.para("Cilvēku skaits no 1 līdz 4 parādīts kā “<5”, lai nevarētu identificēt bērnus.")
    else:
        doc.para("Rezultatīvie rādītāji nav noteikti.")


def _funding(doc: Document, version: object, year: int) -> None:
    doc.heading("4. Finansējums")
    budget = selectors.budget_summary(version=version)  # type: ignore[arg-type]
    sources = list(SOURCE_LV)
    for budget_year in budget.years:
        if budget_year.year not in (year, year + 1):
            continue
        doc.para(f"{budget_year.year}. gads:")
        table = [["Iestāde", *(SOURCE_LV[s] for s in sources), "Kopā"]]
        for row in budget_year.rows:
            table.append(
                [row.institution.name, *(money(row.amounts[s]) for s in sources), money(row.total)]
            )
        table.append(
            ["Kopā", *(money(budget_year.totals[s]) for s in sources), money(budget_year.total)]
        )
        doc.table(table)
        extra = budget_year.totals[FundingSource.MUNICIPAL]
        if extra:
            doc.para(
                f"Papildu pašvaldības finansējums {money(extra)} jāiekļauj "
                f"{budget_year.year}. gada pašvaldības budžeta plānošanā."
            )


def _amendments(doc: Document, programme: Programme, rows: list[selectors.ProgressRow]) -> None:
    doc.heading("5. Ierosinātie grozījumi")
    proposals = []
    for row in rows:
        report = row.report
        if report is None or report.track == "on_track":
            continue
        reason = report.override_reason or report.narrative
        proposals.append(
            f"Pārskatīt pasākumu “{row.activity.title}” ({TRACK_LV[report.track]})"
            + (f": {reason}" if reason else ".")
        )
    draft = selectors.draft_version(programme)
    if draft is not None and draft.amendment_reason:
        proposals.append(f"Sagatavoti programmas grozījumi: {draft.amendment_reason}")
    doc.bullets(proposals or ["Grozījumi nav nepieciešami."])


def to_docx(document: Document) -> bytes:
    from docx import Document as WordDocument

    doc = WordDocument()
    doc.core_properties.language = "lv-LV"
    doc.core_properties.title = document.title
    doc.add_heading(document.title, level=1)
    for block in document.blocks:
        if block.kind == "heading":
            doc.add_heading(block.text, level=2)
        elif block.kind == "paragraph":
            doc.add_paragraph(block.text)
        elif block.kind == "bullets":
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif block.kind == "table" and block.rows:
            table = doc.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_pdf(document: Document) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]

    html = render_to_string("programme/pdf/document.html", {"document": document})
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]
