"""Charts of the assessment figures (matplotlib, Agg backend): SVG for pages, PNG for reports.

A chart never carries a figure its reader may not see: a hidden period gets a hatched column
labelled "<5" or "×", never a bar of its value or a bar at 0. Every chart is shown beside a
table of the same figures, its text alternative.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

# A bare Figure renders with the Agg canvas and never touches pyplot's global state.
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

BAR_COLOUR = "#1f5f8b"  # the interface's brand blue
MUTED = "#5c6670"
HATCH = "#9aa3ab"  # lighter than any bar: a band across the plot, not a bar of a value


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
        if mark:
            _hidden_mark(axes, x, mark, top)
            continue
        text = "" if value is None else f"{value.normalize():f}"
        if text:
            axes.text(
                x,
                bar.get_height() + top * 0.03,
                text,
                ha="center",
                va="bottom",
                fontsize=9,
                color="#1a1a1a",
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


def _hidden_mark(axes: Axes, x: int, mark: str, top: float) -> None:
    """A hidden figure's place: a hatched column the height of the plot, labelled with what
    stands for the figure ("<5", "×"); never a bar at 0 or an empty slot."""
    axes.bar(x, top * 1.25, width=0.6, color="none", hatch="///", edgecolor=HATCH, linewidth=0)
    axes.text(
        x,
        top * 0.6,
        mark,
        ha="center",
        va="center",
        fontsize=10,
        fontweight="bold",
        color="#1a1a1a",
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
    )
