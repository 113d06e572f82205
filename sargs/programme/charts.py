"""Charts for the situation description: the assessment's own bar chart, one per indicator
measure over the years, with hidden (suppressed) figures drawn as a label only."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.cache import cache
from django.utils import translation
from matplotlib.figure import Figure

from sargs.assessment.catalogue import cell_label
from sargs.assessment.charts import BAR_COLOUR, MUTED, bar_chart
from sargs.assessment.models import Assessment, AssessmentStatus

from . import selectors
from .selectors import Situation

# Part of every cached chart's key: raise it when the drawing changes, so no old picture is
# served after a deploy.
CHART_DRAWING = 1
CHART_CACHE_SECONDS = 30 * 24 * 3600  # a changed figure changes the key; this only tidies up


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


def frozen_stamp(assessment: Assessment) -> str:
    """What a situation chart is drawn from: the municipality's frozen years up to the
    assessment's, each with the moment it was frozen (freezing again changes it)."""
    years = Assessment.objects.filter(
        municipality_id=assessment.municipality_id,
        status=AssessmentStatus.FROZEN,
        year__lte=assessment.year,
    ).order_by("year")
    return repr(list(years.values_list("year", "frozen_at")))


def situation_chart(
    assessment: Assessment, *, group: int, code: str, measure: str, suppress: bool
) -> bytes | None:
    """The situation chart of one measure, drawn once per change of the frozen figures it
    shows and kept in the cache (shared by every worker in production): the key names the
    figures' stamp, the reader's language, whether small figures are hidden, and the drawing's
    version; None when the measure has nothing to draw (ADR 0021)."""
    parts = (
        CHART_DRAWING,
        assessment.pk,
        frozen_stamp(assessment),
        translation.get_language() or "lv",
        suppress,
        group,
        code,
        measure,
    )
    key = "programme:situation-chart:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return bytes(cached) or None
    situation = selectors.situation(assessment=assessment, suppress=suppress)
    svg = measure_chart(situation, group=group, code=code, measure=measure, suppress=suppress)
    cache.set(key, svg or b"", CHART_CACHE_SECONDS)
    return svg


def track_chart(counts: Mapping[str, int]) -> bytes:
    """A PNG of how many activities stand where (on track, late, …) for the council report:
    one horizontal bar per state with its count. Counts of activities, not of people, so
    nothing is hidden."""
    labels = list(counts)
    values = [counts[label] for label in labels]
    figure = Figure(figsize=(6.0, 0.45 * len(labels) + 0.7), dpi=150)
    axes = figure.subplots()
    positions = range(len(labels))
    axes.barh(positions, values, color=BAR_COLOUR, height=0.6)
    for y, value in zip(positions, values, strict=True):
        axes.text(value + 0.05, y, str(value), va="center", fontsize=9)
    axes.set_yticks(list(positions), labels, fontsize=9)
    axes.invert_yaxis()
    axes.set_xticks([])
    axes.set_xlim(0, max(values, default=0) * 1.15 + 0.5)
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    figure.tight_layout()
    return _png(figure)


def spending_chart(
    names: Sequence[str], planned: Sequence[Decimal], spent: Sequence[Decimal]
) -> bytes:
    """A PNG of the planned and the spent amount side by side per priority (EUR)."""
    figure = Figure(figsize=(6.0, 0.6 * len(names) + 0.9), dpi=150)
    axes = figure.subplots()
    positions = [float(i) for i in range(len(names))]
    axes.barh(
        [p - 0.18 for p in positions],
        [float(v) for v in planned],
        height=0.34,
        color="#c9d6df",
        label="Plānots",
    )
    axes.barh(
        [p + 0.18 for p in positions],
        [float(v) for v in spent],
        height=0.34,
        color=BAR_COLOUR,
        label="Izlietots",
    )
    axes.set_yticks(positions, [_wrap(n) for n in names], fontsize=8)
    axes.invert_yaxis()
    axes.tick_params(axis="x", labelsize=8, colors=MUTED)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, frameon=False, loc="lower right")
    axes.set_xlabel("EUR", fontsize=8, color=MUTED)
    figure.tight_layout()
    return _png(figure)


def _wrap(text: str, width: int = 28) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
