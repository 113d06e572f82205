"""The yearly report to the council on the programme's implementation and proposed
amendments, in Latvian. Described once and rendered as Word or PDF by the shared pipeline
(sargs/core/documents), so the two never differ. The document is for the council and the
public: counts of people 1–4 are suppressed."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone, translation

from sargs.core.documents import Document, Letterhead, Signer
from sargs.core.documents import date_text as d
from sargs.core.templatetags.sargs import decision_no, eur

from . import selectors
from .charts import spending_chart, track_chart
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
    "not_started": "nav uzsākts",
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


def money(value: Decimal) -> str:
    """An amount as one unbreakable word ("3\u00a0500,00\u00a0€"), so a table cell never
    puts the euro sign on a line of its own."""
    with translation.override("lv"):
        return eur(value).replace(" ", "\u00a0")


def programme_council_report(programme: Programme, *, year: int) -> Document:
    """The report on implementation in ``year``: monitoring, activities and their status,
    performance indicators, funding, and the amendments the monitoring suggests. Signed by the
    official responsible for monitoring; a draft until the programme is approved and the
    year is over."""
    version = selectors.approved_version(programme)
    unit = programme.monitoring_unit
    doc = Document(
        TITLE,
        Letterhead(
            municipality=programme.municipality.name,
            institution=unit.name if unit else "",
            details=", ".join(x for x in (unit.address, unit.email) if x) if unit else "",
        ),
        draft=version is None or year >= timezone.localdate().year,
    )
    doc.para(
        f"{programme.municipality.name}. {programme.title} "
        f"{programme.start_year}.–{programme.end_year}. gadam. Pārskats par {year}. gadu."
    )
    if version is None:
        doc.para("Programma vēl nav apstiprināta domē, tāpēc tās īstenošana netiek uzraudzīta.")
        return doc
    doc.para(
        f"Programma (redakcija Nr. {version.number}) apstiprināta ar domes "
        f"{d(version.decision_date)} lēmumu Nr. {decision_no(version.decision_number)}."
    )
    _hearing(doc, programme, year)
    _monitoring(doc, programme)
    rows = selectors.progress_rows(
        version=version, suppress=True, until=datetime.date(year, 12, 31)
    )
    _activities(doc, rows)
    _indicators(doc, rows)
    _funding(doc, version, year)
    _amendments(doc, programme, rows)
    doc.para(f"Pārskats sagatavots {d(timezone.localdate())}.")
    official, _sep, position = programme.monitoring_official.partition(",")
    role = position.strip() or "atbildīgā amatpersona"
    doc.signatures(Signer(role[:1].upper() + role[1:], official.strip()))
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
    if rows:
        words = "; ".join(f"{TRACK_LV[k]} – {v}" for k, v in counts.items())
        doc.image(
            track_chart({TRACK_LV[k]: v for k, v in counts.items()}),
            width_cm=14.0,
            alt=f"Pasākumu skaits pēc izpildes vērtējuma: {words}.",
        )
        _spending(doc, rows)
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
                (
                    TRACK_LV[report.track]
                    + (f". {report.track_reason_lv}" if report.track_reason_lv else "")
                    if report and not report.override_track
                    else TRACK_LV[report.track]
                    if report
                    else TRACK_LV["not_reported"]
                ),
            ]
        )
    doc.table(table)


def _spending(doc: Document, rows: list[selectors.ProgressRow]) -> None:
    """Planned and spent per priority (EUR, no counts of people: nothing to hide)."""
    by_priority: dict[str, list[Decimal]] = {}
    for row in rows:
        sums = by_priority.setdefault(row.activity.priority.title, [Decimal(0), Decimal(0)])
        sums[0] += row.planned
        sums[1] += row.report.spent if row.report and row.report.spent else Decimal(0)
    names = list(by_priority)
    planned = [by_priority[n][0] for n in names]
    spent = [by_priority[n][1] for n in names]
    doc.image(
        spending_chart(names, planned, spent),
        width_cm=14.0,
        alt="Plānotais un izlietotais finansējums pēc rīcības virziena: "
        + "; ".join(
            f"{n} – plānots {money(p)}, izlietots {money(x)}"
            for n, p, x in zip(names, planned, spent, strict=True)
        )
        + ".",
    )


def _indicators(doc: Document, rows: list[selectors.ProgressRow]) -> None:
    doc.heading("3. Rezultatīvie rādītāji")
    table = [["Pasākums", "Rādītājs", "Bāzes vērtība", "Mērķis", "Faktiski"]]
    for row in rows:
        for name, baseline, target, actual in row.results:
            table.append([row.activity.title, name, baseline, target, actual])
    if len(table) > 1:
        doc.table(table)
        doc.para(
            "Cilvēku skaits (bērni, ģimenes, dalībnieki) no 1 līdz 4 parādīts kā “<5”, lai "
            "nevarētu identificēt bērnus; lietu skaits (pasākumi, iestādes, vietas) – kā ir."
        )
    else:
        doc.para("Rezultatīvie rādītāji nav noteikti.")


def _hearing(doc: Document, programme: Programme, year: int) -> None:
    """When the council is to hear this report, and whether it has (at least once a year)."""
    row = next((h for h in selectors.council_hearings(programme=programme) if h.year == year), None)
    if row is None:
        return
    text = f"Pārskats domē jāizskata līdz {d(row.due_on)}."
    if row.heard_on:
        text += (
            f" Dome to izskatīja {d(row.heard_on)} (lēmums Nr. {decision_no(row.decision_number)})."
        )
    doc.para(text)


def _funding_decisions(doc: Document, version: object) -> None:
    """The additional funding asked for, followed into the budget: granted and refused."""
    rows = selectors.additional_funding(version=version)  # type: ignore[arg-type]
    if not rows:
        return
    table = [["Gads", "Papildus pieprasīts", "Piešķirts", "Atteikts", "Budžeta lēmums"]]
    for row in rows:
        table.append(
            [
                str(row.year),
                money(row.asked),
                money(row.granted) if row.granted is not None else "vēl nav lemts",
                money(row.refused) if row.refused is not None else "–",
                f"Nr. {decision_no(row.decision_number)}" if row.decision_number else "–",
            ]
        )
    doc.para("Papildu pašvaldības finansējums budžetā:")
    doc.table(table)


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
    _funding_decisions(doc, version)


def _amendments(doc: Document, programme: Programme, rows: list[selectors.ProgressRow]) -> None:
    doc.heading("5. Ierosinātie grozījumi")
    proposals = []
    for row in rows:
        report = row.report
        if report is None or report.track in ("on_track", "not_started"):
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
