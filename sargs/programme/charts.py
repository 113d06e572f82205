"""Charts for the situation description: the assessment's own bar chart, one per indicator
measure over the years, with hidden (suppressed) figures drawn as a label only."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from sargs.assessment.catalogue import cell_label
from sargs.assessment.charts import bar_chart

from .selectors import Situation


def measure_chart(
    situation: Situation, *, group: int, code: str, measure: str, suppress: bool
) -> bytes | None:
    """An SVG bar chart of one measure's totals over the situation's years; a figure hidden
    in the table (``suppress``) is drawn as its label only, never as a bar. The title names
    the measure in the reader's language ("L2 · ģimenes"), never by its key."""
    key = (group, code, measure)
    series = situation.series.get(key)
    if series is None:
        return None
    hidden = situation.hidden.get(key, {}) if suppress else {}
    values: list[Decimal | None] = [
        None if year in hidden else series.get(year) for year in situation.years
    ]
    labels = [hidden.get(year, "") for year in situation.years]
    title = cell_label(code, measure, translation.get_language() or "lv")
    return bar_chart([str(y) for y in situation.years], values, labels, title=title)
