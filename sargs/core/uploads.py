"""Reading uploaded files without letting them exhaust the server.

An upload is refused by its declared size before a byte of it is read; an .xlsx workbook is a
zip archive whose parts are bounded (total unpacked size, cells and shared strings counted)
before openpyxl parses anything, then read in read-only mode. A formula is refused with the
cell it is in: its cached value may be stale or missing, and emptying it silently would
change the figures.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MEGABYTE = 1024 * 1024
# Far above a filled template (a few hundred kB unpacked, a few thousand cells).
MAX_XLSX_UNPACKED_BYTES = 20 * MEGABYTE
MAX_XLSX_CELLS = 200_000
MAX_FORMULA_ERRORS = 20

# A cell (<c …>) or a shared string (<si>) element, with or without a namespace prefix.
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


class SizedFile(Protocol):
    size: int | None

    def read(self, size: int = ..., /) -> bytes: ...


def _megabytes(limit: int) -> str:
    return f"{limit / MEGABYTE:g}"


def read_upload(upload: SizedFile, *, max_bytes: int) -> bytes:
    """The upload's bytes, refused by its size before anything is read."""
    too_large = ValidationError(
        _("The file is larger than %(limit)s MB.") % {"limit": _megabytes(max_bytes)}
    )
    if upload.size is None or upload.size > max_bytes:
        raise too_large
    data = upload.read(max_bytes + 1)  # never more than the limit, whatever size claimed
    if len(data) > max_bytes:
        raise too_large
    return data


def _not_a_workbook() -> ValidationError:
    return ValidationError(_("This is not an Excel workbook (.xlsx)."))


def _count(archive: zipfile.ZipFile, name: str, pattern: re.Pattern[bytes]) -> int:
    return sum(1 for _match in pattern.finditer(archive.read(name)))


def check_xlsx_bounds(
    data: bytes,
    *,
    max_unpacked_bytes: int = MAX_XLSX_UNPACKED_BYTES,
    max_cells: int = MAX_XLSX_CELLS,
) -> None:
    """Refuse a workbook that would unpack or parse into more than the bounds allow.

    zipfile never decompresses an entry past the size the archive declares for it, so the
    declared sizes bound what openpyxl can unpack; they are summed before anything is read.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _not_a_workbook() from None
    if sum(entry.file_size for entry in entries) > max_unpacked_bytes:
        raise ValidationError(
            _("The workbook unpacks to more than %(limit)s MB; it cannot be read.")
            % {"limit": _megabytes(max_unpacked_bytes)}
        )
    cells = strings = 0
    try:
        for entry in entries:
            name = entry.filename
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                cells += _count(archive, name, _CELL)
            elif name == "xl/sharedStrings.xml":
                strings = _count(archive, name, _SHARED_STRING)
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        raise _not_a_workbook() from None
    if max(cells, strings) > max_cells:
        raise ValidationError(
            _("The workbook holds more than %(limit)s cells; it cannot be read.")
            % {"limit": f"{max_cells:,}".replace(",", " ")}
        )


def read_xlsx_rows(
    data: bytes,
    *,
    max_rows: int,
    max_columns: int,
    max_unpacked_bytes: int = MAX_XLSX_UNPACKED_BYTES,
    max_cells: int = MAX_XLSX_CELLS,
) -> list[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of the first sheet's first ``max_rows`` rows and ``max_columns``
    columns; a ValidationError names every formula cell among them."""
    check_xlsx_bounds(data, max_unpacked_bytes=max_unpacked_bytes, max_cells=max_cells)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise _not_a_workbook() from None
    try:
        sheet = book.worksheets[0]
        rows: list[tuple[int, tuple[Any, ...]]] = []
        formulas: list[str] = []
        cells_by_row = sheet.iter_rows(min_row=1, max_row=max_rows, max_col=max_columns)
        for number, row in enumerate(cells_by_row, start=1):
            for cell in row:
                if getattr(cell, "data_type", None) == "f":
                    formulas.append(cell.coordinate)
            rows.append((number, tuple(cell.value for cell in row)))
    except Exception:
        raise _not_a_workbook() from None
    finally:
        book.close()
    if formulas:
        shown = [
            _("Cell %(cell)s holds a formula; type the value itself.") % {"cell": cell}
            for cell in formulas[:MAX_FORMULA_ERRORS]
        ]
        if len(formulas) > MAX_FORMULA_ERRORS:
            shown.append(
                _("… and %(count)s more cells with formulas.")
                % {"count": len(formulas) - MAX_FORMULA_ERRORS}
            )
        raise ValidationError(shown)
    return rows
