"""The council report on the programme: Latvian, money and suppression, downloads. LibreOffice
opening it and its frame (letterhead, markings, page numbers, table widths) are checked with
every other document in tests/test_documents.py."""

import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from sargs.core.documents import to_docx
from sargs.programme import documents

from .helpers import monitored_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitored(cast):
    return monitored_programme(cast)


def docx_text(data: bytes) -> str:
    """The text of paragraphs and table cells; amounts keep their digits and "€" together
    with no-break spaces, read here as ordinary spaces."""
    doc = WordDocument(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts).replace("\u00a0", " ")


def test_council_report_is_latvian_with_money_and_suppression(monitored):
    text = docx_text(to_docx(documents.programme_council_report(monitored, year=2026)))
    assert "Bērnu tiesību aizsardzības programmas īstenošanas pārskats" in text
    assert "domes 29.01.2026 lēmumu Nr. 12/5" in text
    assert "3 500,00 €" in text and "3 000,00 €" in text
    assert "pastāv risks" in text  # 3 000 of 3 500 spent by July
    assert "Papildu pašvaldības finansējums 2 500,00 €" in text
    assert "<5" in text and "Anna" not in text  # children on the council are not named
    assert "Pārskatīt pasākumu “Ģimenes asistenta pakalpojums”" in text


def test_council_report_downloads_as_word_and_pdf(cast, client_for, monitored):
    client = client_for(cast.councillor)
    docx = client.get(reverse("programme:council-report-docx", args=[monitored.pk]) + "?year=2026")
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(reverse("programme:council-report-pdf", args=[monitored.pk]) + "?year=2026")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (
        client_for(cast.b_coordinator)
        .get(reverse("programme:council-report-pdf", args=[monitored.pk]))
        .status_code
        == 404
    )


def test_council_report_shows_the_activities_and_the_money_as_charts(monitored):
    from sargs.core.documents.model import Image

    doc = documents.programme_council_report(monitored, year=2026)
    images = [block for block in doc.blocks if isinstance(block, Image)]
    assert len(images) == 2
    tracks, money = images
    assert tracks.png.startswith(b"\x89PNG") and money.png.startswith(b"\x89PNG")
    # Each chart carries its figures in words, for a reader who cannot see it.
    assert tracks.alt.startswith("Pasākumu skaits pēc izpildes vērtējuma: ")
    assert "plānots 3 500,00 €, izlietots 3 000,00 €" in money.alt.replace("\u00a0", " ")
    word = WordDocument(io.BytesIO(to_docx(doc)))
    assert len(word.inline_shapes) == 2
