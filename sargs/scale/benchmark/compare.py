"""Two benchmark files side by side (``benchmark --compare A.json B.json``).

Every figure of either file is one row: its value in A, in B, and the ratio B/A (×8.50 means
B took eight and a half times as long). A figure only one file has shows "–" on the other side
and no ratio, so adding pages to the benchmark never breaks a comparison with an older file.
"""

from __future__ import annotations

from typing import Any

Row = tuple[str, float | None, float | None, str]  # figure, value in A, value in B, unit


def figures(result: dict[str, Any]) -> dict[str, tuple[float, str]]:
    """Each figure of one benchmark file by name, with its unit, in the file's order."""
    out: dict[str, tuple[float, str]] = {}
    indicators = result.get("indicators")
    if indicators:
        for key, label in (
            ("orm_one", "indicators, one municipality-year, ORM"),
            ("sql_one", "indicators, one municipality-year, hand-written SQL"),
            ("orm_all", "indicators, every municipality, ORM"),
            ("sql_all", "indicators, every municipality, hand-written SQL"),
        ):
            if indicators.get(key):
                out[f"{label} (median)"] = (indicators[key]["median_ms"], "ms")
    for page in result.get("pages", []):
        name = f"{page['page']} ({page['user_role']})"
        out[f"{name} median"] = (page["timing"]["median_ms"], "ms")
        out[f"{name} p95"] = (page["timing"]["p95_ms"], "ms")
        out[f"{name} queries"] = (page["queries"], "")
    documents = result.get("documents") or {}
    for kind in ("docx", "pdf"):
        if documents.get(kind):
            out[f"assessment report, {kind} (median)"] = (documents[kind]["median_ms"], "ms")
    if "worker_memory_mb" in result:
        out["worker peak memory"] = (result["worker_memory_mb"], "MB")
    if "process_memory_mb" in result:
        out["process peak memory"] = (result["process_memory_mb"], "MB")
    return out


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[Row]:
    """The rows of A's figures in A's order, then those only B has."""
    fa, fb = figures(a), figures(b)
    names = list(fa) + [name for name in fb if name not in fa]
    return [
        (
            name,
            fa[name][0] if name in fa else None,
            fb[name][0] if name in fb else None,
            (fa.get(name) or fb[name])[1],
        )
        for name in names
    ]


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return ""
    if a == 0:
        return "×1.00" if b == 0 else "–"
    return f"×{b / a:.2f}"


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "":
        return f"{value:,.0f}"
    return f"{value:,.1f} {unit}"


def render(a: dict[str, Any], b: dict[str, Any], names: tuple[str, str] = ("A", "B")) -> str:
    """The comparison as a plain-text table."""
    rows = compare(a, b)
    width = max([len("figure"), *(len(r[0]) for r in rows)])
    lines = [f"{'figure':<{width}}  {names[0]:>14}  {names[1]:>14}  {'B/A':>8}"]
    for name, va, vb, unit in rows:
        lines.append(
            f"{name:<{width}}  {_value(va, unit):>14}  {_value(vb, unit):>14}  {ratio(va, vb):>8}"
        )
    return "\n".join(lines)
