"""The PDF renderer: WeasyPrint prints the HTML template core/documents/document.html, with
the same page geometry, markings, page numbers and table widths as the Word renderer."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from . import labels
from .layout import (
    BODY_PT,
    CELL_PADDING_CM,
    KEEP_TOGETHER_ROWS,
    MARGIN_CM,
    TableLayout,
    landscape_blocks,
    layouts_of,
)
from .model import (
    Bullets,
    Document,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Signatures,
    Table,
    date_text,
)


@dataclass
class _Part:
    """A run of blocks on pages of one orientation."""

    landscape: bool
    items: list[dict[str, Any]] = field(default_factory=list)


def to_pdf(document: Document) -> bytes:
    """The document as a PDF."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    with translation.override(document.language):
        html = render_to_string("core/documents/document.html", _context(document))
    return bytes(HTML(string=html).write_pdf())


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content:``)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def _page_counter() -> str:
    counters = {labels.PAGE_FIELD: "counter(page)", labels.PAGES_FIELD: "counter(pages)"}
    return " ".join(counters.get(part) or css_string(part) for part in labels.page_parts())


def _markings(document: Document) -> str:
    marks = []
    if document.draft:
        marks.append(labels.draft())
    if document.personal_data:
        marks.append(labels.confidential())
    return css_string("\u2003".join(marks)) if marks else ""


def _item(block: Any, layout: TableLayout | None) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text, "level": min(max(block.level, 1), 2) + 1}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "style": block.style}
    if isinstance(block, Bullets):
        return {"kind": "bullets", "items": block.items}
    if isinstance(block, Table) and layout is not None:
        columns = len(layout.widths_cm)
        rows = [row + [""] * (columns - len(row)) for row in block.rows]
        return {
            "kind": "table",
            "caption": block.caption,
            "header": rows[0],
            "rows": rows[1:],
            "row_headers": block.first_column_header,
            "widths": [f"{w:.2f}cm" for w in layout.widths_cm],
            "width": f"{layout.width_cm:.2f}cm",
            "font": f"{layout.font_pt:g}pt",
            "keep": len(block.rows) <= KEEP_TOGETHER_ROWS,
        }
    if isinstance(block, Image):
        data = base64.b64encode(block.png).decode()
        return {
            "kind": "image",
            "src": f"data:image/png;base64,{data}",
            "width": f"{block.width_cm:g}cm",
            "alt": block.alt,
        }
    if isinstance(block, Signatures):
        return {"kind": "signatures", "signers": block.signers}
    return {"kind": "break"}


def _parts(document: Document) -> list[_Part]:
    blocks = document.blocks
    layouts = layouts_of(blocks)
    landscape = landscape_blocks(blocks, layouts)
    parts: list[_Part] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Table) and not block.rows:
            continue
        if not parts or parts[-1].landscape != landscape[index]:
            parts.append(_Part(landscape[index]))
        if isinstance(block, PageBreak) and not parts[-1].items:
            continue  # a new part starts a new page already
        parts[-1].items.append(_item(block, layouts.get(index)))
    return parts


def _context(document: Document) -> dict[str, Any]:
    return {
        "document": document,
        "date": date_text(document.date),
        "parts": _parts(document),
        "markings": _markings(document),
        "page_counter": _page_counter(),
        "signature_label": labels.signature(),
        "margin": f"{MARGIN_CM:g}cm",
        "body_pt": f"{BODY_PT:g}pt",
        "padding": f"{CELL_PADDING_CM:g}cm",
    }
