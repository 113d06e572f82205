"""The group's documents in Latvian: bylaws (nolikums), invitation (uzaicinājums), minutes
(sēdes protokols) and the report to the council. Each is described once and rendered as Word
or PDF by the shared pipeline (sargs/core/documents), so the two never differ. The fixed text
is Latvian legal wording, written here in Latvian; labels from the code's choices are rendered
with the Latvian translation active."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sargs.core.documents import Document, Letterhead, Signer
from sargs.core.documents import date_text as d

from .models import (
    CooperationGroup,
    GroupStatus,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    ParticipantKind,
)
from .report import CouncilReport
from .selectors import group_members, meeting_items, meeting_participants, meeting_quorum

# --- The documents ------------------------------------------------------------------------


def _municipalities(group: CooperationGroup) -> str:
    return ", ".join([group.municipality.name, *(m.name for m in group.joint_municipalities.all())])


def _document(group: CooperationGroup, title: str, **frame: object) -> Document:
    """A document the group issues: the municipality (or the joint ones) and the group."""
    letterhead = Letterhead(municipality=_municipalities(group), institution=group.name)
    return Document(title, letterhead, **frame)  # type: ignore[arg-type]


def _person(user: object) -> str:
    return str(user) if user else ""


def group_bylaws(group: CooperationGroup) -> Document:
    """The bylaws the council approves, from the group's configuration; a draft while the
    group is being set up."""
    with translation.override("lv"):
        doc = _document(
            group, "Sadarbības grupas nolikums", draft=group.status == GroupStatus.DRAFT
        )
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


def meeting_invitation(meeting: Meeting) -> Document:
    """The invitation: who is invited, when and where, the agenda. It names the participants
    and the cases on the agenda, so it is marked as holding personal data."""
    with translation.override("lv"):
        group = meeting.group
        kind = "ārkārtas" if meeting.kind == MeetingKind.URGENT else "kārtējā"
        doc = _document(
            group,
            f"Uzaicinājums uz sadarbības grupas sēdi Nr. {meeting.number}",
            personal_data=True,
        )
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


def minutes_refusal(meeting: Meeting) -> str:
    """Why the meeting has no minutes yet ("" when it has). A meeting that has not taken place
    has no minutes to hand over: its agenda is in the invitation. A cancelled one never will."""
    if meeting.status == MeetingStatus.CANCELLED:
        return _("The meeting was cancelled: it has no minutes.")
    if meeting.status != MeetingStatus.HELD and meeting.date > timezone.localdate():
        return _(
            "The meeting has not taken place yet: its minutes can be downloaded from the day "
            "of the meeting. The agenda is in the invitation."
        )
    return ""


def meeting_minutes(meeting: Meeting) -> Document:
    """The minutes: participants, the facts considered, the decisions and agreed actions,
    signed by the chair and the secretary. Marked as a draft until the minutes are closed;
    refused (ValidationError) for a meeting that has not taken place or was cancelled."""
    refusal = minutes_refusal(meeting)
    if refusal:
        raise ValidationError(refusal)
    with translation.override("lv"):
        group = meeting.group
        doc = _document(
            group,
            f"Sēdes protokols Nr. {meeting.number}",
            date=meeting.date,
            personal_data=True,
            draft=meeting.status != MeetingStatus.HELD,
        )
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
        doc.signatures(
            Signer("Sēdes vadītājs", _person(group.leader)),
            Signer("Protokolētājs", _person(group.secretary)),
        )
    return doc


def cooperation_group_council_report(report: CouncilReport) -> Document:
    """The group's report to the council: aggregates only, counts 1–4 suppressed; signed by
    the group's leader. A draft while the period it covers has not ended."""
    with translation.override("lv"):
        doc = _document(
            report.group,
            "Sadarbības grupas pārskats domei",
            draft=report.end >= timezone.localdate(),
        )
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
        doc.signatures(Signer("Sadarbības grupas vadītājs", _person(report.group.leader)))
    return doc
