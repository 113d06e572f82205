"""The group's documents in Latvian: bylaws (nolikums), invitation (uzaicinājums), minutes
(sēdes protokols) and the report to the council. Each is built once as a list of blocks and
written both as Word (python-docx) and as PDF (WeasyPrint rendering an HTML template), so the
two never differ. The fixed text is Latvian legal wording, written here in Latvian; labels
from the code's choices are rendered with the Latvian translation active."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation

from .models import (
    CooperationGroup,
    ItemKind,
    Meeting,
    MeetingKind,
    ParticipantKind,
)
from .report import CouncilReport
from .selectors import group_members, meeting_items, meeting_participants, meeting_quorum


@dataclass
class Block:
    kind: str  # "title", "heading", "paragraph", "bullets", "table"
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


def to_docx(document: Document) -> bytes:
    from docx import Document as WordDocument

    doc = WordDocument()
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

    html = render_to_string("cooperation/pdf/document.html", {"document": document})
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


# --- The documents ------------------------------------------------------------------------


def _municipalities(group: CooperationGroup) -> str:
    return ", ".join([group.municipality.name, *(m.name for m in group.joint_municipalities.all())])


def bylaws(group: CooperationGroup) -> Document:
    """The bylaws the council approves, from the group's configuration."""
    with translation.override("lv"):
        doc = Document(f"{group.name}: nolikums")
        doc.para(f"Pašvaldība: {_municipalities(group)}.")
        doc.heading("1. Vispārīgie jautājumi")
        doc.para(
            "Sadarbības grupa ir pašvaldības izveidota konsultatīva institūcija, kas darbojas "
            "saskaņā ar Ministru kabineta 2017. gada noteikumiem Nr. 545 par institūciju "
            "sadarbību bērnu tiesību aizsardzībā."
        )
        doc.para(f"Darbības teritorija: {group.territory or _municipalities(group)}.")
        doc.heading("2. Sastāvs")
        doc.para(f"Vadītājs: {group.leader or '–'}. Sekretārs: {group.secretary or '–'}.")
        doc.bullets(
            [
                f"{m.institution.name}"
                + (f" – {m.person}" if m.person else "")
                + (f", {m.position}" if m.position else "")
                for m in group_members(group=group)
            ]
            or ["–"]
        )
        doc.para(
            "Pēc locekļu iniciatīvas sēdēs var pieaicināt izglītības iestāžu, bērnu aprūpes "
            "iestāžu, ieslodzījuma vietu, pedagoģiski medicīniskās komisijas, administratīvās "
            "komisijas, Valsts probācijas dienesta, Valsts policijas un nevalstisko "
            "organizāciju pārstāvjus."
        )
        doc.heading("3. Kompetence")
        doc.bullets(
            [
                "izskatīt individuālus gadījumus, kuros nepieciešama tūlītēja vairāku "
                "institūciju rīcība, kurus nevar atrisināt vienā institūcijā vai kas ilgstoši "
                "nav atrisināti;",
                "analizēt situāciju bērnu tiesību aizsardzībā pašvaldībā un sniegt "
                "priekšlikumus pašvaldības bērnu tiesību aizsardzības programmai, tai skaitā "
                "sadarbības uzlabošanai;",
                "sniegt priekšlikumus Labklājības ministrijai par normatīvo aktu pilnveidi.",
            ]
        )
        doc.heading("4. Tiesības")
        doc.bullets(
            [
                "pieprasīt un saņemt no institūcijām informāciju, kas nepieciešama gadījuma "
                "izskatīšanai;",
                "pieaicināt sēdēs citu institūciju un organizāciju pārstāvjus;",
                "vienoties par institūciju veicamajiem pasākumiem, atbildīgajām institūcijām "
                "un termiņiem un sekot to izpildei.",
            ]
        )
        doc.heading("5. Darba organizācija")
        doc.para(f"Informācijas apmaiņa starp locekļiem: {group.information_exchange or '–'}")
        doc.para(f"Darba kārtības jautājumu sagatavošana: {group.agenda_preparation or '–'}")
        doc.para(
            "Par tehnisko nodrošinājumu atbildīgā struktūrvienība: "
            f"{group.support_unit.name if group.support_unit else '–'}."
        )
        doc.para(
            f"Kārtējo sēdi sasauc, par to paziņojot vismaz {group.notice_working_days} darba "
            "dienas iepriekš; ārkārtas sēdi sasauc nekavējoties. Sēde ir lemttiesīga, ja tajā "
            f"piedalās vairāk nekā {group.quorum_percent}% locekļu. Pieaicinātās personas "
            "iepazīstas ar sēdē izskatāmo gadījumu informāciju tikai sēdes dienā"
            + (f" un {group.guest_access_days} dienas pēc tās" if group.guest_access_days else "")
            + ", apliecinot konfidencialitātes ievērošanu."
        )
        doc.heading("6. Ziņošana domei")
        doc.para(
            f"Sadarbības grupa ne retāk kā reizi {group.report_interval_months} mēnešos "
            "sniedz domei pārskatu par savu darbu."
        )
    return doc


def _agenda(meeting: Meeting) -> list[str]:
    return [
        f"{i.position}. {i.title} ({i.get_kind_display()})" for i in meeting_items(meeting=meeting)
    ]


def invitation(meeting: Meeting) -> Document:
    with translation.override("lv"):
        group = meeting.group
        kind = "ārkārtas" if meeting.kind == MeetingKind.URGENT else "kārtējā"
        doc = Document(f"Uzaicinājums uz sadarbības grupas sēdi Nr. {meeting.number}")
        doc.para(
            f"{group.name} aicina uz {kind} sēdi {d(meeting.date)} plkst. "
            f"{meeting.time.strftime('%H:%M')}, {meeting.place}."
        )
        doc.heading("Uzaicinātie")
        doc.bullets(
            [
                f"{p.name}" + (f", {p.organisation_name}" if p.organisation_name else "")
                for p in meeting_participants(meeting=meeting)
            ]
        )
        doc.heading("Darba kārtība")
        doc.bullets(_agenda(meeting) or ["–"])
        doc.para(
            "Sēdē izskatāmā informācija par bērniem ir konfidenciāla. Pirms iepazīšanās ar "
            "gadījumu materiāliem katrs dalībnieks apliecina konfidencialitātes ievērošanu."
        )
        doc.para(f"Sekretārs: {group.secretary or '–'}")
    return doc


def minutes(meeting: Meeting) -> Document:
    """The minutes: participants, the facts considered, the decisions and agreed actions."""
    with translation.override("lv"):
        group = meeting.group
        doc = Document(f"Sēdes protokols Nr. {meeting.number}")
        doc.para(
            f"{group.name}. Sēde notika {d(meeting.date)} plkst. "
            f"{meeting.time.strftime('%H:%M')}, {meeting.place}."
        )
        participants = list(meeting_participants(meeting=meeting))
        doc.heading("Piedalījās")
        present = [p for p in participants if p.attended]
        doc.bullets(
            [
                f"{p.name}"
                + (f", {p.organisation_name}" if p.organisation_name else "")
                + (" (pieaicināts)" if p.kind == ParticipantKind.GUEST else "")
                for p in present
            ]
            or ["–"]
        )
        absent = [p for p in participants if not p.attended and p.kind == ParticipantKind.MEMBER]
        if absent:
            doc.heading("Nepiedalījās")
            doc.bullets([f"{p.name}, {p.organisation_name}" for p in absent])
        quorum = meeting_quorum(meeting=meeting)
        doc.para(
            f"Klātesot {quorum.present} no {quorum.members} locekļiem, sēde ir "
            + ("lemttiesīga." if quorum.reached else "nelemttiesīga.")
        )
        doc.heading("Darba kārtība")
        doc.bullets(_agenda(meeting) or ["–"])
        for item in meeting_items(meeting=meeting):
            doc.heading(f"{item.position}. {item.title}")
            if item.kind == ItemKind.FOLLOW_UP and item.follow_up_of:
                task = item.follow_up_of
                doc.para(
                    f"Neizpildīts uzdevums: {task.title}; atbildīgā institūcija "
                    f"{task.institution.name}; termiņš {d(task.due_on)}."
                )
            doc.para(f"Izskatītie fakti: {item.facts or '–'}")
            decision = getattr(item, "decision", None)
            doc.para(f"Nolēma: {decision.text if decision else '–'}")
            if decision is not None:
                rows = [["Pasākums", "Atbildīgā institūcija", "Termiņš"]]
                rows += [[t.title, t.institution.name, d(t.due_on)] for t in decision.tasks.all()]
                if len(rows) > 1:
                    doc.table(rows)
        doc.para(f"Sēdes vadītājs: {group.leader or '–'}")
        doc.para(f"Protokolētājs: {group.secretary or '–'}")
    return doc


def council_report(report: CouncilReport) -> Document:
    with translation.override("lv"):
        doc = Document(f"{report.group.name}: pārskats domei")
        doc.para(f"Periods: {d(report.start)}–{d(report.end)}.")
        doc.para(
            "Skaits no 1 līdz 4 ir parādīts kā „<5”, bet skaits, no kura to varētu atrēķināt, "
            "kā „×”."
        )
        doc.table(
            [
                ["Rādītājs", "Skaits"],
                ["Notikušās sēdes", str(report.meetings_held)],
                ["Izskatītie gadījumi", str(report.cases_total)],
                ["Pieņemtie lēmumi", str(report.decisions)],
                ["Situācijas analīzes jautājumi", str(report.analysis_topics)],
                ["Priekšlikumi programmai", str(report.programme_proposals)],
                ["Priekšlikumi Labklājības ministrijai", str(report.ministry_proposals)],
            ]
        )
        doc.heading("Izskatītie gadījumi pēc problēmas veida")
        doc.table(
            [["Problēma", "Gadījumi"]]
            + [[label, str(s)] for label, s in report.categories]
            + [["Kopā", str(report.cases_total)]]
        )
        doc.heading("Uzdevumu izpilde")
        doc.table(
            [["Izpilde", "Uzdevumi"]]
            + [[label, str(s)] for label, s in report.tasks]
            + [["Kopā", str(report.tasks_total)]]
        )
    return doc
