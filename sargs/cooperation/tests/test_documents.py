"""The bylaws, invitation, minutes and council report: Latvian Word documents that LibreOffice
opens, and PDFs of the same content."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from sargs.cases.tests.helpers import open_case
from sargs.cooperation import documents, services
from sargs.cooperation.models import ItemKind
from sargs.cooperation.report import council_report
from sargs.cooperation.services import ActionInput

from .helpers import active_group, today, urgent_meeting, with_quorum

pytestmark = pytest.mark.django_db
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)"
)


def _text(content: bytes) -> str:
    doc = WordDocument(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _held_meeting(cast):
    group = active_group(
        cast,
        information_exchange="E-pasts un Sargs",
        agenda_preparation="Sekretārs apkopo",
        support_unit=cast.institutions["a_social"],
    )
    meeting = urgent_meeting(cast, group)
    _concern, case, _child = open_case(cast)
    item = services.agenda_item_add(
        actor=cast.coordinator, meeting=meeting, kind=ItemKind.CASE, title="", case=case
    )
    with_quorum(cast, meeting)
    services.decision_record(
        actor=cast.coordinator,
        item=item,
        text="Skola nodrošina atbalstu.",
        facts="Bērns kavē stundas.",
        tasks=[
            ActionInput(
                title="Atbalsta plāns skolā",
                institution=cast.institutions["a_school"],
                due_on=datetime.date(2099, 1, 15),
            )
        ],
    )
    services.meeting_close(actor=cast.coordinator, meeting=meeting)
    return group, meeting


def _all_documents(cast) -> dict[str, documents.Document]:
    group, meeting = _held_meeting(cast)
    report = council_report(group=group, start=today() - datetime.timedelta(days=30), end=today())
    return {
        "bylaws": documents.bylaws(group),
        "invitation": documents.invitation(meeting),
        "minutes": documents.minutes(meeting),
        "report": documents.council_report(report),
    }


def test_bylaws_have_every_section_from_the_configuration(cast):
    group, _meeting = _held_meeting(cast)
    text = _text(documents.to_docx(documents.bylaws(group)))
    for heading in ("Sastāvs", "Kompetence", "Tiesības", "Darba organizācija", "Ziņošana domei"):
        assert heading in text
    assert "E-pasts un Sargs" in text and "Sekretārs apkopo" in text
    assert cast.institutions["a_social"].name in text  # technical support
    assert "reizi 6 mēnešos" in text
    assert "vairāk nekā 50%" in text


def test_minutes_list_participants_facts_and_agreed_actions(cast):
    _group, meeting = _held_meeting(cast)
    text = _text(documents.to_docx(documents.minutes(meeting)))
    assert "Sēdes protokols Nr. 1" in text
    assert "Piedalījās" in text and str(cast.police_officer) in text
    assert "Bērns kavē stundas." in text
    assert "Atbalsta plāns skolā" in text and cast.institutions["a_school"].name in text
    assert "15.01.2099" in text


def test_the_report_document_suppresses_small_counts(cast):
    text = _text(documents.to_docx(_all_documents(cast)["report"]))
    assert "Izskatītie gadījumi\n<5" in text or "<5" in text
    assert "Bērziņa" not in text


def test_pdfs_are_rendered(cast):
    for name, doc in _all_documents(cast).items():
        pdf = documents.to_pdf(doc)
        assert pdf.startswith(b"%PDF"), name


@needs_libreoffice
def test_libreoffice_opens_every_word_document(cast, tmp_path: Path):
    for name, doc in _all_documents(cast).items():
        source = tmp_path / f"{name}.docx"
        source.write_bytes(documents.to_docx(doc))
        profile = f"file:///tmp/lo-{uuid.uuid4()}"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), name


def test_documents_download_for_those_who_see_the_meeting(cast, client_for):
    _group, meeting = _held_meeting(cast)
    client = client_for(cast.police_officer)
    for name in ("meeting-invitation", "meeting-minutes"):
        for fmt, start in (("docx", b"PK"), ("pdf", b"%PDF")):
            response = client.get(reverse(f"cooperation:{name}", args=[meeting.pk, fmt]))
            assert response.status_code == 200 and response.content.startswith(start)
        other = client_for(cast.b_coordinator)
        assert (
            other.get(reverse(f"cooperation:{name}", args=[meeting.pk, "pdf"])).status_code == 404
        )
    bylaws = client.get(reverse("cooperation:group-bylaws", args=[meeting.group_id]))
    assert bylaws.content.startswith(b"PK")
    report = client_for(cast.councillor).get(
        reverse("cooperation:group-report", args=[meeting.group_id]),
        {"start": "01.01.2020", "end": today().strftime("%d.%m.%Y"), "format": "docx"},
    )
    assert report.content.startswith(b"PK")
