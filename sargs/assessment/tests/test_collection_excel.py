import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from sargs.assessment import excel, selectors, services
from sargs.assessment.models import ReportedValue, SubmissionEvent

from .collection_factories import all_values, make_period

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def social(cast):
    """The social service's draft for 2025: L1, L2, L3 (with EUR), S5, N3."""
    period = make_period(2025)
    return services.submission_for(institution=cast.institutions["a_social"], period=period)


def download(client, submission):
    response = client.get(reverse("assessment:submission-template", args=[submission.pk]), **EN)
    assert response.status_code == 200
    assert response["Content-Type"] == excel.CONTENT_TYPE
    return load_workbook(io.BytesIO(response.content))


def header_row(sheet):
    return next(r for r in range(1, 20) if sheet.cell(row=r, column=7).value == "definition_id")


def upload(client, submission, book):
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "filled.xlsx"
    return client.post(
        reverse("assessment:submission-upload", args=[submission.pk]), {"file": out}, **EN
    )


def test_the_template_lists_every_cell_with_hidden_keys_and_protection(cast, client_for, social):
    book = download(client_for(cast.social_worker), social)
    sheet = book.active
    assert sheet["B1"].value == cast.institutions["a_social"].name
    assert sheet["B3"].value == social.period.deadline.strftime("%d.%m.%Y")
    top = header_row(sheet)
    rows = list(sheet.iter_rows(min_row=top + 1, values_only=True))
    cells = selectors.cells_for(selectors.definitions_for(social.institution, social.period))
    assert len(rows) == len(cells)
    l3_amount = next(r for r in rows if r[0] == "L3" and r[7] == "amount")
    assert l3_amount[4] == "EUR" and l3_amount[2] == "amount"
    assert any(r[3] == "Age group: 0–6 years" for r in rows)
    assert sheet.column_dimensions["G"].hidden and sheet.column_dimensions["H"].hidden
    assert sheet.protection.sheet
    assert sheet.cell(row=top + 1, column=6).protection.locked is False
    assert sheet.cell(row=top + 1, column=2).protection.locked is True


def test_a_filled_template_round_trips_even_reordered(cast, client_for, social):
    client = client_for(cast.social_worker)
    book = download(client, social)
    sheet = book.active
    top = header_row(sheet)
    rows = [list(r) for r in sheet.iter_rows(min_row=top + 1, values_only=True)]
    rows.reverse()  # the keys, not the order, say which cell a value is for
    for i, row in enumerate(rows):
        row[5] = "NR" if row[0] == "S5" else ("NA" if row[0] == "N3" else i)
        if row[0] == "L3" and row[7] == "amount":
            row[5] = 1234.5
    for r, row in enumerate(rows, start=top + 1):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    response = upload(client, social, book)
    assert response.status_code == 302
    values = selectors.submission_values(social)
    by_code = {
        d.indicator.code: d.pk for d in selectors.definitions_for(social.institution, social.period)
    }
    assert values[(by_code["L3"], "amount")] == ("number", Decimal("1234.50"))
    states = {
        code: {s for (pk, _c), (s, _a) in values.items() if pk == by_code[code]}
        for code in ("S5", "N3")
    }
    assert states == {"S5": {"not_reported"}, "N3": {"not_applicable"}}
    assert len(values) == len(rows)
    assert SubmissionEvent.objects.filter(submission=social, action="upload").count() == 1

    # The template now comes back pre-filled.
    again = download(client, social).active
    filled = {
        r[7]: r[5] for r in again.iter_rows(min_row=top + 1, values_only=True) if r[0] == "L3"
    }
    assert filled["amount"] == 1234.5


def test_bad_rows_are_named_by_number_and_nothing_is_saved(cast, client_for, social):
    services.save_values(actor=cast.social_worker, submission=social, values=all_values(social, 5))
    client = client_for(cast.social_worker)
    book = download(client, social)
    sheet = book.active
    top = header_row(sheet)
    sheet.cell(row=top + 1, column=6, value=-3)
    sheet.cell(row=top + 2, column=6, value="a few")
    sheet.cell(row=top + 3, column=6, value=2.5)
    sheet.cell(row=top + 4, column=7, value=999999)
    response = upload(client, social, book)
    assert response.status_code == 400
    text = response.content.decode()
    assert f"Row {top + 1} (L1, families): a number cannot be negative." in text
    assert f"Row {top + 2}" in text and "“a few” is not a number, NR or NA" in text
    assert f"Row {top + 3}" in text and "whole number" in text
    assert f"Row {top + 4}: this row does not belong" in text
    assert set(ReportedValue.objects.values_list("amount", flat=True)) == {Decimal(5)}
    assert not SubmissionEvent.objects.filter(action="upload").exists()


def test_an_upload_is_refused_when_approved_and_when_not_a_workbook(cast, social):
    with translation.override("en"):
        with pytest.raises(ValidationError, match="not an Excel workbook"):
            excel.upload(actor=cast.social_worker, submission=social, data=b"name;value\n")
        services.save_values(actor=cast.social_worker, submission=social, values=all_values(social))
        services.submit(actor=cast.social_worker, submission=social)
        services.approve(actor=cast.coordinator, submission=social)
        data = excel.build_template(social)
        with pytest.raises(ValidationError, match="locked"):
            excel.upload(actor=cast.social_worker, submission=social, data=data)


def test_only_the_institution_uploads(cast, client_for, social):
    url = reverse("assessment:submission-upload", args=[social.pk])
    assert client_for(cast.coordinator).post(url).status_code == 403
    assert client_for(cast.b_coordinator).post(url).status_code == 404
    template = reverse("assessment:submission-template", args=[social.pk])
    assert client_for(cast.b_coordinator).get(template).status_code == 404
