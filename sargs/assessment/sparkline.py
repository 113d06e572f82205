"""A small trend line per indicator on the dashboard: an SVG drawn here, served inline as a
``data:`` image (the content security policy allows ``img-src data:``; no script).

A hidden (suppressed) figure is never drawn as a point or as zero: its place on the line gets
a hatched mark with its label ("<5" or "×"), and the line breaks there, so the reader sees that
a figure exists and is hidden. A missing figure is a gap. The drawing depends only on the
figures shown, so it is cached by them: a frozen year's figures do not change.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from .dashboard import Cell

WIDTH, HEIGHT, PAD = 120, 32, 5
LINE = "#1f5f8b"  # the interface's brand blue
MUTED = "#5c6670"

# (amount, label of a hidden figure) per period; (None, "") for a missing figure.
Point = tuple[Decimal | None, str]


def sparkline_points(cells: Sequence[Cell | None]) -> tuple[Point, ...]:
    return tuple(
        (None, c.display) if c is not None and c.hidden else (_amount(c), "") for c in cells
    )


def _amount(cell: Cell | None) -> Decimal | None:
    return cell.amount if cell is not None else None


def sparkline_src(points: tuple[Point, ...]) -> str:
    """The trend as a ``data:`` URI, or "" when fewer than two periods have anything to show."""
    if sum(1 for amount, mark in points if amount is not None or mark) < 2:
        return ""
    return _cached_src(points)


@lru_cache(maxsize=2048)
def _cached_src(points: tuple[Point, ...]) -> str:
    svg = sparkline_svg(points)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def sparkline_svg(points: tuple[Point, ...]) -> str:
    numbers = [float(a) for a, _mark in points if a is not None]
    low, high = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return PAD + i * step

    def y(value: float) -> float:
        return HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">',
        '<defs><pattern id="h" width="4" height="4" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="4" stroke="{MUTED}" '
        'stroke-width="1.5"/></pattern></defs>',
    ]
    run: list[str] = []
    for i, (amount, mark) in enumerate(points):
        if amount is not None:
            run.append(f"{x(i):.1f},{y(float(amount)):.1f}")
            continue
        parts.append(_polyline(run))
        run = []
        if mark:
            parts.append(
                f'<rect x="{x(i) - 9:.1f}" y="{PAD - 1}" width="18" '
                f'height="{HEIGHT - 2 * PAD + 2}" '
                f'fill="url(#h)" stroke="{MUTED}" stroke-width="0.5"/>'
                f'<text x="{x(i):.1f}" y="{HEIGHT / 2 + 3:.1f}" font-size="9" '
                f'font-family="sans-serif" text-anchor="middle" fill="#1a1a1a" '
                f'paint-order="stroke" stroke="#fff" stroke-width="2.5">{escape(mark)}</text>'
            )
    parts.append(_polyline(run))
    for i, (amount, _mark) in enumerate(points):
        if amount is not None:
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(float(amount)):.1f}" r="2" fill="{LINE}"/>'
            )
    parts.append("</svg>")
    return "".join(p for p in parts if p)


def _polyline(run: list[str]) -> str:
    if len(run) < 2:
        return ""
    return f'<polyline points="{" ".join(run)}" fill="none" stroke="{LINE}" stroke-width="1.5"/>'


def sparkline_alt(labels: Sequence[str], cells: Sequence[Cell | None]) -> str:
    """The trend in words for the image's alt text: "2024: 12, 2025: <5, 2026: 15"."""
    shown = [
        cell.display if cell is not None and (cell.hidden or cell.amount is not None) else "–"
        for cell in cells
    ]
    return ", ".join(f"{label}: {value}" for label, value in zip(labels, shown, strict=True))
