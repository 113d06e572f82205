"""The Excel template of a submission, and its upload.

One sheet: the institution, the period and its deadline on top, then one row per cell with the
indicator's code and name, the measure and part in the user's language, the unit and a value
column where the user types a number, 0, "NR" (not reported) or "NA" (not applicable). Two
hidden columns carry the stable key (definition id and cell), so an upload does not depend on
the rows' order or on the language of the labels. The sheet is protected except the values.

An upload checks every row and names each problem with its row number; one bad row saves
nothing.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from sargs.core.exports import spreadsheet_row
from sargs.core.uploads import read_xlsx_rows
from sargs.organisations.models import User

from . import services
from .forms import parse_amount
from .models import IndicatorDefinition, Submission, ValueState
from .selectors import Key, Value, cell_info, cells_for, definitions_for, submission_values

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEY_HEADERS = ("definition_id", "cell")
NOT_REPORTED = "NR"
NOT_APPLICABLE = "NA"
MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
VALUE_COLUMN = 6  # F
FIRST_KEY_COLUMN = 7  # G, H: hidden


def filename(submission: Submission) -> str:
    period = f"{submission.period.year}" + (
        f"-{submission.period.semester}" if submission.period.semester else ""
    )
    return f"sargs-{submission.institution_id}-{period}.xlsx"


def _unit_label(unit: str) -> str:
    return _("EUR") if unit == "eur" else _("count")


def _cell_text(state: str, amount: Decimal | None, unit: str) -> Any:
    if state == ValueState.NOT_REPORTED:
        return NOT_REPORTED
    if state == ValueState.NOT_APPLICABLE:
        return NOT_APPLICABLE
    if amount is None:
        return None
    return int(amount) if unit == "count" else float(amount)


def build_template(submission: Submission) -> bytes:
    """The submission's template, pre-filled with what is already entered."""
    definitions = definitions_for(submission.institution, submission.period)
    values = submission_values(submission)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Data")[:31]
    bold = Font(bold=True)
    sheet.append(spreadsheet_row([_("Institution"), submission.institution.name]))
    sheet.append(spreadsheet_row([_("Period"), str(submission.period)]))
    sheet.append([_("Deadline"), formats.date_format(submission.period.deadline, "d.m.Y")])
    sheet.append(
        [
            _("How to fill"),
            _(
                "Type a number in the value column (0 when there were none), NR when the figure "
                "is not reported, NA when it does not apply. Leave no value empty."
            ),
        ]
    )
    sheet.append([])
    sheet.append(
        [
            _("Indicator"),
            _("Name"),
            _("Measure"),
            _("Part"),
            _("Unit"),
            _("Value"),
            *KEY_HEADERS,
        ]
    )
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = bold
    for row in range(1, 5):
        sheet.cell(row=row, column=1).font = bold
    editable = PatternFill("solid", fgColor="FFF7D6")
    for info in cells_for(definitions):
        state, amount = values.get((info.definition.pk, info.cell), ("", None))
        sheet.append(
            spreadsheet_row(
                [
                    info.code,
                    info.definition.name,
                    info.measure,
                    info.part,
                    _unit_label(info.unit),
                    _cell_text(state, amount, info.unit),
                    info.definition.pk,
                    info.cell,
                ]
            )
        )
        value = sheet.cell(row=sheet.max_row, column=VALUE_COLUMN)
        value.protection = Protection(locked=False)
        value.fill = editable
    last_row = sheet.max_row
    if last_row > header_row:
        rule = DataValidation(
            type="custom",
            formula1=f"OR(AND(ISNUMBER(F{header_row + 1}),F{header_row + 1}>=0),"
            f'F{header_row + 1}="{NOT_REPORTED}",F{header_row + 1}="{NOT_APPLICABLE}")',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Value"),
            error=_("Type a number of at least 0, NR (not reported) or NA (not applicable)."),
        )
        rule.add(f"F{header_row + 1}:F{last_row}")
        sheet.add_data_validation(rule)
    for column, width in zip("ABCDEF", (10, 60, 24, 28, 10, 12), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.cell(row=4, column=2).alignment = Alignment(wrap_text=True)
    sheet.column_dimensions["G"].hidden = True
    sheet.column_dimensions["H"].hidden = True
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # row heights may change; the structure may not
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read_rows(data: bytes) -> list[tuple[int, tuple[Any, ...]]]:
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than 2 MB; upload the template you downloaded.")
        )
    # Bounded before parsing, read-only, formulas refused by cell (sargs/core/uploads.py).
    read = read_xlsx_rows(data, max_rows=MAX_ROWS, max_columns=FIRST_KEY_COLUMN + 1)
    rows: list[tuple[int, tuple[Any, ...]]] = []
    header_found = False
    for number, row in read:
        cells = tuple(row) + (None,) * (FIRST_KEY_COLUMN + 1 - len(row))
        if not header_found:
            keys = cells[FIRST_KEY_COLUMN - 1 : FIRST_KEY_COLUMN + 1]
            header_found = tuple(str(k or "") for k in keys) == KEY_HEADERS
            continue
        rows.append((number, cells))
    if not header_found:
        raise ValidationError(
            _(
                "The workbook's first sheet has no key columns (definition_id, cell). Upload "
                "the template you downloaded for this submission, without deleting columns."
            )
        )
    return rows


def _parse_value(raw: Any, unit: str) -> tuple[Value | None, str | None]:
    """(value, None) or (None, problem) for one value cell; ("", None) for an empty one."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ("", None), None
    if isinstance(raw, bool):
        return None, _("“%(value)s” is not a number, NR or NA.") % {"value": raw}
    if isinstance(raw, int | float):
        amount: Decimal | None = Decimal(str(raw))
    else:
        text = str(raw).strip()
        if text.upper() == NOT_REPORTED:
            return (ValueState.NOT_REPORTED.value, None), None
        if text.upper() == NOT_APPLICABLE:
            return (ValueState.NOT_APPLICABLE.value, None), None
        amount = parse_amount(text)
        if amount is None:
            return None, _("“%(value)s” is not a number, NR or NA.") % {"value": text}
    assert amount is not None
    problem = services.amount_error(unit, amount)
    if problem:
        return None, problem
    return (ValueState.NUMBER.value, amount), None


def parse_upload(submission: Submission, data: bytes) -> dict[Key, Value]:
    """The values of a filled template; a ValidationError lists every bad row by number."""
    definitions: dict[int, IndicatorDefinition] = {
        d.pk: d for d in definitions_for(submission.institution, submission.period)
    }
    errors: list[str] = []
    values: dict[Key, Value] = {}
    seen: dict[Key, int] = {}
    for number, cells in _read_rows(data):
        raw_id, raw_cell = cells[FIRST_KEY_COLUMN - 1], cells[FIRST_KEY_COLUMN]
        raw_value = cells[VALUE_COLUMN - 1]
        if raw_id in (None, "") and raw_cell in (None, ""):
            if raw_value not in (None, ""):
                errors.append(
                    _("Row %(row)s: a value without a key; do not add rows.") % {"row": number}
                )
            continue
        try:
            definition = definitions[int(raw_id)]
        except (KeyError, TypeError, ValueError):
            definition = None
        cell = str(raw_cell or "")
        if definition is None or cell not in definition.cells:
            errors.append(
                _("Row %(row)s: this row does not belong to this submission's template.")
                % {"row": number}
            )
            continue
        key = (definition.pk, cell)
        info = cell_info(definition, cell)
        if key in seen:
            errors.append(
                _("Row %(row)s: %(cell)s appears twice (also row %(other)s).")
                % {"row": number, "cell": info.label, "other": seen[key]}
            )
            continue
        seen[key] = number
        value, problem = _parse_value(raw_value, info.unit)
        if problem:
            errors.append(
                _("Row %(row)s (%(cell)s): %(problem)s")
                % {"row": number, "cell": info.label, "problem": problem}
            )
            continue
        assert value is not None
        values[key] = value
    if errors:
        raise ValidationError(errors)
    if not values:
        raise ValidationError(_("The workbook holds no rows of this submission."))
    return values


@transaction.atomic
def upload(*, actor: User, submission: Submission, data: bytes) -> int:
    """Fill the submission from a filled template, all or nothing; returns cells changed."""
    values = parse_upload(submission, data)
    changed = services.save_values(actor=actor, submission=submission, values=values)
    services.record_upload(actor=actor, submission=submission, changed=changed)
    return changed
