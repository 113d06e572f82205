import datetime
import io
import shutil
import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from sargs.programme import documents, services

from .helpers import approve, draft_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitored(cast):
    programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    services.indicator_add(
        actor=cast.coordinator,
        activity=activity,
        name="Ģimenes ar asistentu",
        unit="families",
        baseline=Decimal(3),
        target=Decimal(12),
    )
    services.council_member_add(
        actor=cast.coordinator, programme=programme, kind="child", name="Anna", age_group="13_15"
    )
    approve(cast.coordinator, programme)
    services.monitoring_report_create(
        actor=cast.social_worker,
        activity=activity,
        as_of=datetime.date(2026, 7, 1),
        status="in_progress",
        spent=Decimal("3000.00"),
        narrative="Pieaudzis pieprasījums.",
        actuals={activity.indicators.get().pk: Decimal(2)},
    )
    return programme


def docx_text(data: bytes) -> str:
    doc = WordDocument(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_council_report_is_latvian_with_money_and_suppression(monitored):
    text = docx_text(documents.to_docx(documents.council_report(monitored, year=2026)))
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


def test_the_word_document_opens_in_libreoffice(monitored, tmp_path: Path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "parskats.docx"
    source.write_bytes(documents.to_docx(documents.council_report(monitored, year=2026)))
    profile = f"-env:UserInstallation=file:///tmp/lo-{uuid.uuid4()}"
    subprocess.run(
        [
            soffice,
            profile,
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
    converted = tmp_path / "parskats.pdf"
    assert converted.exists() and converted.read_bytes().startswith(b"%PDF")
