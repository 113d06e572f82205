"""The collection upload refuses workbooks that would exhaust the server, and formulas; the
template it hands out runs nothing written into Sargs (issue 14)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sargs.assessment import services
from sargs.assessment.models import ReportedValue

from .collection_factories import make_period

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def social(cast):
    period = make_period(2025)
    return services.submission_for(institution=cast.institutions["a_social"], period=period)


def template(client, submission) -> bytes:
    url = reverse("assessment:submission-template", args=[submission.pk])
    return client.get(url, **EN).content


def post(client, submission, data: bytes):
    upload = io.BytesIO(data)
    upload.name = "filled.xlsx"
    url = reverse("assessment:submission-upload", args=[submission.pk])
    return client.post(url, {"file": upload}, **EN)


def errors(response) -> list[str]:
    return response.context["upload_form"].errors["file"]


def test_a_zip_bomb_gets_a_clear_error_and_saves_nothing(cast, client_for, social):
    client = client_for(cast.social_worker)
    source = zipfile.ZipFile(io.BytesIO(template(client, social)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for entry in source.infolist():
            bomb.writestr(entry, source.read(entry.filename))
        bomb.writestr("xl/media/padding.bin", b"\0" * (30 * 1024 * 1024))
    response = post(client, social, out.getvalue())
    assert response.status_code == 400
    assert errors(response) == ["The workbook unpacks to more than 20 MB; it cannot be read."]
    assert not ReportedValue.objects.filter(submission=social).exists()


def test_a_formula_is_refused_naming_the_cell(cast, client_for, social):
    client = client_for(cast.social_worker)
    book = load_workbook(io.BytesIO(template(client, social)))
    sheet = book.active
    top = next(r for r in range(1, 20) if sheet.cell(row=r, column=7).value == "definition_id")
    for row in range(top + 1, sheet.max_row + 1):
        sheet.cell(row=row, column=6, value=0)
    sheet.cell(row=top + 2, column=6, value="=2+3")
    out = io.BytesIO()
    book.save(out)
    response = post(client, social, out.getvalue())
    assert response.status_code == 400
    assert errors(response) == [f"Cell F{top + 2} holds a formula; type the value itself."]
    assert not ReportedValue.objects.filter(submission=social).exists()


def test_an_oversize_file_is_refused(cast, client_for, social):
    response = post(client_for(cast.social_worker), social, b"x" * (2 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert errors(response) == ["The file is larger than 2 MB."]


def test_the_template_neutralises_text_a_spreadsheet_would_run(cast, client_for, social):
    institution = cast.institutions["a_social"]
    institution.name = '=HYPERLINK("http://evil.example","Open")'
    institution.save()
    book = load_workbook(io.BytesIO(template(client_for(cast.social_worker), social)))
    cell = book.active["B1"]
    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("http://evil.example","Open")'
