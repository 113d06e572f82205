"""Charts of the assessment figures (matplotlib, Agg backend): SVG for pages, PNG for reports.

A chart never carries a figure its reader may not see: hidden periods get no bar, only their
label ("<5" or "×"). Every chart is shown beside a table of the same figures, its text
alternative.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

# A bare Figure renders with the Agg canvas and never touches pyplot's global state.
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

BAR_COLOUR = "#1f5f8b"  # the interface's brand blue
MUTED = "#5c6670"


def bar_chart(
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    hidden: Sequence[str],
    *,
    title: str = "",
    fmt: str = "svg",
) -> bytes:
    """Bars of one figure over periods; ``hidden[i]`` is the label shown for a hidden value
    ("" when the value is shown or missing)."""
    figure = Figure(figsize=(5.5, 2.6), dpi=110)
    axes = figure.subplots()
    positions = range(len(labels))
    heights = [float(v) if v is not None else 0.0 for v in values]
    bars = axes.bar(positions, heights, color=BAR_COLOUR, width=0.6)
    top = max(heights, default=0.0) or 1.0
    for x, bar, value, mark in zip(positions, bars, values, hidden, strict=True):
        text = mark or ("" if value is None else f"{value.normalize():f}")
        if text:
            axes.text(
                x,
                bar.get_height() + top * 0.03,
                text,
                ha="center",
                va="bottom",
                fontsize=9,
                color=MUTED if mark else "#1a1a1a",
            )
    axes.set_xticks(list(positions), list(labels))
    axes.set_ylim(0, top * 1.25)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    if title:
        axes.set_title(title, fontsize=10, loc="left")
    figure.subplots_adjust(left=0.1, right=0.98, top=0.86 if title else 0.95, bottom=0.13)
    out = io.BytesIO()
    figure.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return out.getvalue()
