"""Uploads are bounded before they are read or parsed; formulas are refused by cell."""

from __future__ import annotations

import io
import time
import zipfile
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook

from sargs.core import uploads
from sargs.core.exports import spreadsheet_row, spreadsheet_text
from sargs.core.uploads import check_xlsx_bounds, read_upload, read_xlsx_rows

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English unless a test asks for Latvian."""
    with translation.override("en"):
        yield


class HugeUpload:
    """An upload that says it is 50 MB and must never be read."""

    size = 50 * MB

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the file was read before its size was checked")


class LyingUpload:
    """An upload that claims to be small and is not."""

    size = 10

    def read(self, size: int = -1) -> bytes:
        return b"x" * (size if size >= 0 else 5 * MB)


def workbook_bytes(fill=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["a", "b", 1])
    if fill:
        fill(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one part replaced (or added), deflated."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename != name:
                target.writestr(entry, source.read(entry.filename))
        target.writestr(name, content)
    return out.getvalue()


def test_an_oversize_upload_is_refused_without_being_read():
    with pytest.raises(ValidationError) as error:
        read_upload(HugeUpload(), max_bytes=2 * MB)
    assert error.value.messages == ["The file is larger than 2 MB."]


def test_an_upload_lying_about_its_size_is_read_only_up_to_the_limit_and_refused():
    with pytest.raises(ValidationError):
        read_upload(LyingUpload(), max_bytes=2 * MB)


def test_a_small_upload_is_read():
    upload = io.BytesIO(b"abc")
    upload.size = 3  # type: ignore[attr-defined]
    assert read_upload(upload, max_bytes=10) == b"abc"  # type: ignore[arg-type]


def test_a_shared_strings_bomb_is_refused_quickly_before_openpyxl_parses_it():
    bomb = with_part(
        workbook_bytes(),
        "xl/sharedStrings.xml",
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        + b"A" * (40 * MB)
        + b"</t></si></sst>",
    )
    assert len(bomb) < 200 * 1024  # small on the wire, 40 MB unpacked
    started = time.monotonic()
    with (
        mock.patch.object(uploads, "load_workbook", side_effect=AssertionError("parsed")),
        translation.override("lv"),
        pytest.raises(ValidationError) as error,
    ):
        read_xlsx_rows(bomb, max_rows=10, max_columns=8)
    assert time.monotonic() - started < 2
    assert error.value.messages == [
        "Darbgrāmata atpakota aizņem vairāk nekā 20 MB; to nevar nolasīt."
    ]


def test_a_sheet_with_too_many_cells_is_refused_before_parsing():
    cells = b"".join(b'<c r="A%d"><v>1</v></c>' % n for n in range(1, 1001))
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData><row>" + cells + b"</row></sheetData></worksheet>"
    )
    data = with_part(workbook_bytes(), "xl/worksheets/sheet1.xml", sheet)
    with pytest.raises(ValidationError) as error:
        check_xlsx_bounds(data, max_cells=999)
    assert error.value.messages == ["The workbook holds more than 999 cells; it cannot be read."]
    check_xlsx_bounds(data, max_cells=1001)  # within the bound it passes


def test_a_formula_is_refused_naming_its_cell():
    def formulas(sheet):
        sheet["F8"] = "=1+1"
        sheet["B9"] = "=SUM(F1:F8)"

    with pytest.raises(ValidationError) as error:
        read_xlsx_rows(workbook_bytes(formulas), max_rows=20, max_columns=8)
    assert error.value.messages == [
        "Cell F8 holds a formula; type the value itself.",
        "Cell B9 holds a formula; type the value itself.",
    ]


def test_text_that_merely_starts_with_an_equals_sign_is_read_as_text():
    def text(sheet):
        sheet["A2"] = "=not a formula"
        sheet["A2"].data_type = "s"

    rows = read_xlsx_rows(workbook_bytes(text), max_rows=5, max_columns=3)
    assert rows[1] == (2, ("=not a formula", None, None))


def test_the_workbook_is_read_in_read_only_mode_and_only_the_asked_rows_and_columns():
    with mock.patch.object(uploads, "load_workbook", wraps=uploads.load_workbook) as loader:
        rows = read_xlsx_rows(workbook_bytes(), max_rows=1, max_columns=2)
    assert loader.call_args.kwargs["read_only"] is True
    assert rows == [(1, ("a", "b"))]


def test_not_a_workbook_is_refused():
    with pytest.raises(ValidationError) as error:
        read_xlsx_rows(b"PK\x03\x04 not really", max_rows=5, max_columns=5)
    assert error.value.messages == ["This is not an Excel workbook (.xlsx)."]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","Open")', '\'=HYPERLINK("http://x","Open")'),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ozoliņa", "Ozoliņa"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_export_text_that_a_spreadsheet_would_run_is_neutralised(text, written):
    assert spreadsheet_text(text) == written


def test_export_numbers_and_empty_cells_pass_unchanged():
    assert spreadsheet_row([-5, 1.5, None, "=x"]) == [-5, 1.5, None, "'=x"]
