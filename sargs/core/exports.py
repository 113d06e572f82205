"""Text written into spreadsheets (Excel, CSV) that no spreadsheet will run as a formula.

A name such as ``=HYPERLINK("http://…","Open")`` typed into Sargs would otherwise become a live
formula in every export that contains it (OWASP "CSV injection"). Text starting with a
character a spreadsheet reads as the start of a formula gets an apostrophe in front; numbers,
dates and empty cells pass unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def spreadsheet_text(value: Any) -> Any:
    """``value`` safe to write into a spreadsheet cell."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    """Every value of a row through `spreadsheet_text`."""
    return [spreadsheet_text(value) for value in values]
