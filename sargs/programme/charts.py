"""Charts for the situation description: the assessment's own bar chart, one per indicator
measure over the years, with hidden (suppressed) figures drawn as a label only."""

from __future__ import annotations

from decimal import Decimal

from sargs.assessment.charts import bar_chart
from sargs.core.suppression import suppress_count

from .selectors import Situation


def measure_chart(
    situation: Situation, *, group: int, code: str, measure: str, suppress: bool
) -> bytes | None:
    """An SVG bar chart of one measure's totals over the situation's years."""
    series = situation.series.get((group, code, measure))
    if series is None:
        return None
    suppress = suppress and situation.units.get((group, code, measure)) != "eur"
    values: list[Decimal | None] = []
    hidden: list[str] = []
    for year in situation.years:
        value = series.get(year)
        shown = suppress_count(int(value)) if (suppress and value is not None) else None
        if shown is not None and shown.hidden:
            values.append(None)
            hidden.append(shown.display)
        else:
            values.append(value)
            hidden.append("")
    return bar_chart([str(y) for y in situation.years], values, hidden, title=f"{code} {measure}")
