"""Where things go on the page, decided once for both renderers: the page geometry, each
table's column widths, its font size and whether its part of the document turns landscape.

A column is never narrower than its longest word (measured in DejaVu Sans, the widest of the
fonts the documents fall back to), so no reader has to break a word mid-syllable ("Termiņ/š").
A table that cannot fit so on a portrait page tries a smaller font, then a landscape page."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .model import Block, Heading, PageBreak, Table

PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.0
BODY_PT = 11.0
TABLE_PT = 10.0
CELL_PADDING_CM = 0.1  # each side; both renderers set it
# Room for borders, rounding and a reader's font that is a little wider than the measured one.
SLACK_CM = 0.2
TEXT_SAFETY = 1.06
KEEP_TOGETHER_ROWS = 25  # a table this short is not split across pages
PT_PER_CM = 72 / 2.54

# Tried in order until the table fits: (landscape, font size in points).
CHOICES = ((False, TABLE_PT), (False, 9.0), (True, TABLE_PT), (True, 9.0), (True, 8.0))


@dataclass(frozen=True)
class TableLayout:
    landscape: bool
    font_pt: float
    widths_cm: list[float]
    fits: bool  # False: even landscape at 8 pt is too narrow; words may break

    @property
    def width_cm(self) -> float:
        return sum(self.widths_cm)


def text_width_cm(landscape: bool = False) -> float:
    """The width between the margins."""
    return (PAGE_HEIGHT_CM if landscape else PAGE_WIDTH_CM) - 2 * MARGIN_CM


@functools.cache
def _font(bold: bool) -> object:
    from matplotlib import get_data_path
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(get_data_path()) / "fonts" / "ttf" / name), size=100)


@functools.lru_cache(maxsize=4096)
def measure_cm(text: str, pt: float, bold: bool = False) -> float:
    """How wide ``text`` is on one line at ``pt`` points."""
    length = _font(bold).getlength(text)  # type: ignore[attr-defined]
    return float(length) / 100 * pt / PT_PER_CM * TEXT_SAFETY


def words(text: str) -> list[str]:
    """The pieces a line may break between: runs without an ordinary space. A no-break space
    (in "3\u00a0500,00\u00a0€") keeps an amount whole."""
    return [w for w in text.split(" ") if w]  # str.split() would cut at a no-break space too


def _column_needs(rows: list[list[str]], pt: float) -> tuple[list[float], list[float]]:
    """Per column: the narrowest width (its longest word) and the width to set every cell
    on one line."""
    columns = max(len(r) for r in rows)
    pad = 2 * CELL_PADDING_CM + SLACK_CM
    least = [pad] * columns
    natural = [pad] * columns
    for index, row in enumerate(rows):
        bold = index == 0
        for col, text in enumerate(row):
            for line in text.split("\n"):
                longest = max((measure_cm(w, pt, bold) for w in words(line)), default=0.0)
                least[col] = max(least[col], longest + pad)
                natural[col] = max(natural[col], measure_cm(line, pt, bold) + pad)
    return least, natural


def _distribute(
    least: list[float], natural: list[float], available: float, hints: list[float] | None
) -> list[float]:
    """Widths that fill ``available``: every column gets its longest word, the rest of the
    room goes where the text is longest (or by the caller's hints)."""
    if hints:
        total = sum(hints)
        natural = [max(lo, available * h / total) for lo, h in zip(least, hints, strict=True)]
    if sum(natural) <= available:
        spare = available - sum(natural)
        return [n + spare * n / sum(natural) for n in natural]
    spare = available - sum(least)
    wants = [max(n - lo, 0.0) for lo, n in zip(least, natural, strict=True)]
    total_want = sum(wants) or 1.0
    return [lo + spare * w / total_want for lo, w in zip(least, wants, strict=True)]


def table_layout(table: Table) -> TableLayout:
    """The first of the choices in which every column holds its longest word."""
    rows = [r for r in table.rows if r]
    for landscape, pt in CHOICES:
        available = text_width_cm(landscape)
        least, natural = _column_needs(rows, pt)
        if sum(least) <= available:
            widths = _distribute(least, natural, available, table.widths)
            return TableLayout(landscape, pt, widths, fits=True)
    landscape, pt = CHOICES[-1]
    available = text_width_cm(landscape)
    least, _natural = _column_needs(rows, pt)
    return TableLayout(landscape, pt, [available * w / sum(least) for w in least], fits=False)


def landscape_blocks(blocks: list[Block], layouts: dict[int, TableLayout]) -> list[bool]:
    """Which blocks are set on landscape pages: the whole stretch from one heading (or page
    break) to the next that holds a table needing it, so a table is not cut off from the
    heading and text that introduce it, and pages do not turn for every paragraph."""
    flags = [False] * len(blocks)
    start = 0
    for end in [*(i for i, b in enumerate(blocks) if isinstance(b, Heading | PageBreak)), None]:
        stop = len(blocks) if end is None else end
        stretch = range(start, stop)
        if any(layouts[i].landscape for i in stretch if i in layouts):
            for i in stretch:
                flags[i] = True
        if end is not None:
            start = end
    return flags


def layouts_of(blocks: list[Block]) -> dict[int, TableLayout]:
    return {i: table_layout(b) for i, b in enumerate(blocks) if isinstance(b, Table) and b.rows}
