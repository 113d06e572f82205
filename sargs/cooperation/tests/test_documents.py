"""The bylaws, invitation, minutes and council report: Latvian Word documents and PDFs of
the same content. LibreOffice opening them, their letterhead, markings and page numbers are
checked for every document in tests/test_documents.py."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from docx import Document as WordDocument

from sargs.cooperation import documents
from sargs.cooperation.report import cooperation_group_report_figures
from sargs.core.documents import Document, to_docx, to_pdf

from .helpers import active_group, held_meeting, today, urgent_meeting

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    doc = WordDocument(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _all_documents(cast) -> dict[str, Document]:
    group, meeting = held_meeting(cast)
    report = cooperation_group_report_figures(
        group=group, start=today() - datetime.timedelta(days=30), end=today()
    )
    return {
        "bylaws": documents.group_bylaws(group),
        "invitation": documents.meeting_invitation(meeting),
        "minutes": documents.meeting_minutes(meeting),
        "report": documents.cooperation_group_council_report(report),
    }


def test_bylaws_have_every_section_from_the_configuration(cast):
    group, _meeting = held_meeting(cast)
    text = _text(to_docx(documents.group_bylaws(group)))
    for heading in ("Sastāvs", "Kompetence", "Tiesības", "Darba organizācija", "Ziņošana domei"):
        assert heading in text
    assert "E-pasts un Sargs" in text and "Sekretārs apkopo" in text
    assert cast.institutions["a_social"].name in text  # technical support
    assert "reizi 6 mēnešos" in text
    assert "vairāk nekā 50%" in text


def test_minutes_list_participants_facts_and_agreed_actions(cast):
    _group, meeting = held_meeting(cast)
    text = _text(to_docx(documents.meeting_minutes(meeting)))
    assert "Sēdes protokols Nr. 1" in text
    assert "Piedalījās" in text and str(cast.police_officer) in text
    assert "Bērns kavē stundas." in text
    assert "Atbalsta plāns skolā" in text and cast.institutions["a_school"].name in text
    assert "15.01.2099" in text


def test_the_report_document_suppresses_small_counts(cast):
    text = _text(to_docx(_all_documents(cast)["report"]))
    assert "Izskatītie gadījumi\n<5" in text or "<5" in text
    assert "Bērziņa" not in text


def test_pdfs_are_rendered(cast):
    for name, doc in _all_documents(cast).items():
        pdf = to_pdf(doc)
        assert pdf.startswith(b"%PDF"), name


def test_documents_download_for_those_who_see_the_meeting(cast, client_for):
    _group, meeting = held_meeting(cast)
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


def test_minutes_of_a_meeting_not_yet_held_are_refused(cast, client_for):
    """A meeting next week has no minutes: the download says why and returns to the
    meeting's page (its agenda is in the invitation, which stays available)."""
    meeting = urgent_meeting(cast, active_group(cast), day=today() + datetime.timedelta(days=7))
    with pytest.raises(ValidationError):
        documents.meeting_minutes(meeting)
    client = client_for(cast.coordinator)
    response = client.get(reverse("cooperation:meeting-minutes", args=[meeting.pk, "pdf"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cooperation:meeting-detail", args=[meeting.pk])
    page = client.get(response["Location"])
    with translation.override("lv"):
        assert documents.minutes_refusal(meeting) in page.content.decode()
    invitation = client.get(reverse("cooperation:meeting-invitation", args=[meeting.pk, "pdf"]))
    assert invitation.content.startswith(b"%PDF")


def test_minutes_are_a_draft_until_closed_and_always_confidential(cast):
    # Today, minutes still open; a territory of its own, since held_meeting's group is active
    # for the whole novads (one active group per territory).
    meeting = urgent_meeting(cast, active_group(cast, territory="Valmieras pilsēta"))
    draft = documents.meeting_minutes(meeting)
    assert draft.draft and draft.personal_data
    _group, closed = held_meeting(cast)
    final = documents.meeting_minutes(closed)
    assert not final.draft and final.personal_data
    assert [s.role for s in final.blocks[-1].signers] == ["Sēdes vadītājs", "Protokolētājs"]
