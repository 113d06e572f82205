"""The Word renderer (python-docx): A4, the letterhead, markings in the header on every page,
"Page X of Y" in the footer, tables with fixed column widths from layout.py, landscape
sections where a table needs them, headings kept with what follows, widow and orphan control."""

from __future__ import annotations

import io
from typing import Any

from django.utils import translation

from . import labels
from .layout import (
    BODY_PT,
    CELL_PADDING_CM,
    KEEP_TOGETHER_ROWS,
    MARGIN_CM,
    PAGE_HEIGHT_CM,
    PAGE_WIDTH_CM,
    TableLayout,
    landscape_blocks,
    layouts_of,
)
from .model import (
    Block,
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

FONT = "Arial"  # LibreOffice and Word both have it or a metric twin; widths are measured wider
MARK_COLOUR = (0xA0, 0x10, 0x10)
HEADER_FILL = "E8ECF0"
# The elements that follow w:pBdr in a paragraph's properties (the schema fixes the order).
PPR_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def to_docx(document: Document) -> bytes:
    """The document as a Word file."""
    with translation.override(document.language):
        return _WordWriter(document).render()


def _twips(cm: float) -> int:
    return round(cm * 567)


def _set_font(style: Any, size: float | None = None, bold: bool | None = None) -> None:
    """Set a style's font, dropping the theme fonts that would override the name."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = FONT
    fonts = style.element.rPr.rFonts
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:cs"), FONT)
    style.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold


class _WordWriter:
    def __init__(self, document: Document) -> None:
        from docx import Document as WordDocument

        self.source = document
        self.doc: Any = WordDocument()
        self.break_pending = False

    # --- the frame --------------------------------------------------------------------------

    def render(self) -> bytes:
        blocks = self.source.blocks
        layouts = layouts_of(blocks)
        landscape = landscape_blocks(blocks, layouts)
        # Without a cover the first page holds the letterhead and the first blocks together.
        first = bool(landscape) and landscape[0] and self.source.cover is None
        self._styles()
        self._properties()
        self._page(self.doc.sections[0], landscape=first)
        self._header_footer(self.doc.sections[0])
        self._front()
        self._body(layouts, landscape, first)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _styles(self) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        styles = self.doc.styles
        normal = styles["Normal"]
        _set_font(normal, BODY_PT)
        normal.paragraph_format.widow_control = True
        normal.paragraph_format.space_after = Pt(6)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), self._language_tag())
        normal.element.rPr.append(lang)
        for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
            style = styles[name]
            _set_font(style, size, bold=True)
            style.paragraph_format.keep_with_next = True
            style.paragraph_format.keep_together = True
            style.paragraph_format.space_before = Pt(12 if name != "Title" else 6)
            style.paragraph_format.space_after = Pt(6)
        title = styles["Title"]
        title.font.italic = False
        border = title.element.pPr.find(qn("w:pBdr"))
        if border is not None:  # the template's rule under the title: the letterhead has one
            title.element.pPr.remove(border)
        for name in ("Caption", "List Bullet", "Header", "Footer"):
            _set_font(styles[name])
        styles["Caption"].font.size = Pt(BODY_PT - 1)
        styles["Caption"].font.bold = True
        styles["Caption"].paragraph_format.keep_with_next = True

    def _language_tag(self) -> str:
        return {"lv": "lv-LV", "en": "en-GB"}.get(self.source.language, self.source.language)

    def _properties(self) -> None:
        properties = self.doc.core_properties
        properties.title = self.source.title
        properties.language = self._language_tag()
        properties.author = (
            self.source.letterhead.institution or self.source.letterhead.municipality
        )
        if self.source.draft:
            properties.content_status = labels.draft()

    def _page(self, section: Any, *, landscape: bool) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm

        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        wide, tall = (
            (PAGE_HEIGHT_CM, PAGE_WIDTH_CM) if landscape else (PAGE_WIDTH_CM, PAGE_HEIGHT_CM)
        )
        section.page_width, section.page_height = Cm(wide), Cm(tall)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(MARGIN_CM))
        section.header_distance = section.footer_distance = Cm(1)

    def _header_footer(self, section: Any) -> None:
        section.different_first_page_header_footer = self.source.cover is not None
        self._markings(section.header)
        self._page_numbers(section.footer)
        if self.source.cover is not None:  # the cover carries the markings, not a number
            self._markings(section.first_page_header)

    def _markings(self, header: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor

        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        marks = []
        if self.source.draft:
            marks.append(labels.draft())
        if self.source.personal_data:
            marks.append(labels.confidential())
        for index, mark in enumerate(marks):
            run = paragraph.add_run(("   " if index else "") + mark)
            run.bold = True
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(*MARK_COLOUR)

    def _page_numbers(self, footer: Any) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for part in labels.page_parts():
            if part in (labels.PAGE_FIELD, labels.PAGES_FIELD):
                _field(paragraph, "PAGE" if part == labels.PAGE_FIELD else "NUMPAGES")
            else:
                paragraph.add_run(part).font.size = Pt(9)

    # --- the first page ---------------------------------------------------------------------

    def _letterhead(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        head = self.source.letterhead
        lines = [(head.municipality.upper(), 13.0, True)]
        if head.institution:
            lines.append((head.institution, 12.0, False))
        if head.details:
            lines.append((head.details, 9.0, False))
        for index, (text, size, bold) in enumerate(lines):
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0 if index < len(lines) - 1 else 4)
            paragraph.paragraph_format.keep_with_next = True
            run = paragraph.add_run(text)
            run.bold, run.font.size = bold, Pt(size)
        _rule_below(paragraph)

    def _front(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        self._letterhead()
        cover = self.source.cover
        date = self.doc.add_paragraph(date_text(self.source.date))
        date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        title = self.doc.add_paragraph(self.source.title, style="Title")
        if cover is None:
            return
        title.paragraph_format.space_before = Cm(5)
        title.runs[0].font.size = Pt(24)
        for line in cover.lines:
            paragraph = self.doc.add_paragraph(line)
            paragraph.runs[0].font.size = Pt(14)
        for index, note in enumerate(cover.notes):
            paragraph = self.doc.add_paragraph(note, style="Normal")
            paragraph.runs[0].font.size = Pt(9)
            if index == 0:
                paragraph.paragraph_format.space_before = Cm(6)
        self.break_pending = True

    # --- the body ---------------------------------------------------------------------------

    def _body(self, layouts: dict[int, TableLayout], landscape: list[bool], current: bool) -> None:
        for index, block in enumerate(self.source.blocks):
            if landscape[index] != current:
                self._new_section(landscape=landscape[index])
                current = landscape[index]
            self._block(block, layouts.get(index))

    def _block(self, block: Block, layout: TableLayout | None) -> None:
        if isinstance(block, PageBreak):
            self.break_pending = True
        elif isinstance(block, Heading):
            self._paragraph(block.text, style=f"Heading {min(max(block.level, 1), 2)}")
        elif isinstance(block, Paragraph):
            self._text(block)
        elif isinstance(block, Bullets):
            for item in block.items:
                self._paragraph(item, style="List Bullet")
        elif isinstance(block, Table) and layout is not None:
            self._table(block, layout)
        elif isinstance(block, Image):
            self._image(block)
        elif isinstance(block, Signatures):
            self._signatures(block)

    def _new_section(self, *, landscape: bool) -> None:
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape=landscape)
        section.different_first_page_header_footer = False
        self.break_pending = False  # the new section starts a new page

    def _paragraph(self, text: str, *, style: str | None = None) -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        for index, line in enumerate(text.split("\n")):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
        if self.break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.break_pending = False
        return paragraph

    def _text(self, block: Paragraph) -> None:
        from docx.shared import Pt

        paragraph = self._paragraph(block.text)
        for run in paragraph.runs:
            if block.style == "italic":
                run.italic = True
            elif block.style == "small":
                run.font.size = Pt(BODY_PT - 2)

    def _table(self, block: Table, layout: TableLayout) -> None:
        from docx.shared import Cm, Pt

        if block.caption:
            self._paragraph(block.caption, style="Caption")
        elif self.break_pending:
            self._paragraph("")
        columns = len(layout.widths_cm)
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        table.autofit = False  # fixed layout: the widths below hold in every reader
        _table_properties(table, layout)
        keep = len(block.rows) <= KEEP_TOGETHER_ROWS
        for row_index, values in enumerate(block.rows):
            row = table.add_row()
            _row_properties(row, header=row_index == 0)
            last = row_index == len(block.rows) - 1
            for col, cell in enumerate(row.cells):
                cell.width = Cm(layout.widths_cm[col])
                text = values[col] if col < len(values) else ""
                paragraph = cell.paragraphs[0]
                for line_index, line in enumerate(text.split("\n")):
                    if line_index:
                        paragraph.add_run().add_break()
                    run = paragraph.add_run(line)
                    run.font.size = Pt(layout.font_pt)
                    run.bold = row_index == 0 or (col == 0 and block.first_column_header)
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.paragraph_format.keep_with_next = keep and not last
                if row_index == 0:
                    _shade(cell)
        for col, width in enumerate(layout.widths_cm):
            table.columns[col].width = Cm(width)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def _image(self, block: Image) -> None:
        from docx.shared import Cm

        paragraph = self._paragraph("")
        paragraph.paragraph_format.keep_together = True
        paragraph.add_run().add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))

    def _signatures(self, block: Signatures) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        spacer = self._paragraph("")
        spacer.paragraph_format.keep_with_next = True
        widths = (6.0, 5.5, 5.5)
        table = self.doc.add_table(rows=0, cols=3)
        table.autofit = False
        for signer in block.signers:
            row = table.add_row()
            _row_properties(row, header=False)
            role, line, name = row.cells
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
                cell.paragraphs[0].paragraph_format.keep_with_next = True
            role.paragraphs[0].add_run(signer.role)
            name.paragraphs[0].add_run(signer.name)
            for cell in row.cells:  # the role and the name stand level with the line
                cell.paragraphs[0].paragraph_format.space_before = Pt(18)
                cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            _rule_below(line.paragraphs[0])  # the line to sign on, its label under it
            note = line.add_paragraph()
            note.alignment = WD_ALIGN_PARAGRAPH.CENTER
            small = note.add_run(labels.signature())
            small.font.size = Pt(8)
        for col, width in enumerate(widths):
            table.columns[col].width = Cm(width)


# --- XML the python-docx API does not reach -------------------------------------------------


def _field(paragraph: Any, code: str) -> None:
    """A field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    for part in (char("begin"), instruction, char("separate")):
        run = paragraph.add_run()
        run.font.size = Pt(9)
        run._r.append(part)
    paragraph.add_run("1").font.size = Pt(9)
    paragraph.add_run()._r.append(char("end"))


def _table_properties(table: Any, layout: TableLayout) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(_twips(w) for w in layout.widths_cm)))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(_twips(CELL_PADDING_CM)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def _row_properties(row: Any, *, header: bool) -> None:
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _shade(cell: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


def _rule_below(paragraph: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "8"), ("space", "4"), ("color", "444444")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDER)
