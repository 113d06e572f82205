"""One pipeline for every document Sargs hands over: describe the document once, render it
as Word (python-docx) or PDF (WeasyPrint); both look the same and carry the same frame.

    from sargs.core.documents import Document, Letterhead, Signer, to_docx, to_pdf

    doc = Document(
        title="Sēdes protokols Nr. 3",
        letterhead=Letterhead(municipality="Valmieras novads", institution="…"),
        date=meeting.date,          # default: today
        personal_data=True,         # "Konfidenciāli: satur personas datus" on every page
        draft=not closed,           # "MELNRAKSTS" on every page until the document is final
        cover=None,                 # Cover(lines, notes): a title page for long reports
        language="lv",              # the pipeline's own words (markings, "Lapa X no Y")
    )
    doc.heading("Piedalījās"); doc.para("…"); doc.bullets([...])
    doc.table([header, *rows], caption="…")   # widths from the content (layout.py)
    doc.image(png_bytes, width_cm=13); doc.page_break()
    doc.signatures(Signer("Sēdes vadītājs", "Jānis Bērziņš"), Signer("Protokolētājs", "…"))
    to_docx(doc) -> bytes; to_pdf(doc) -> bytes

Every document gets the letterhead, the date and the title on its first page (or on its
cover), the markings in the header and "Page X of Y" in the footer of every page, headings
kept with what follows and no single line left alone on a page. A table's columns are never
narrower than their longest word; a table that cannot fit a portrait page so is set in a
smaller font or on landscape pages, with the heading and text that introduce it.

The text of the blocks is the caller's: it writes in the document's language (the Latvian
legal wording of the cooperation group's documents, or gettext with that language active).
A document that holds personal data (minutes, a case's support record, a transfer summary)
sets ``personal_data``; the views that serve it keep their own access rule and audit.

The support record for the court (sargs/cases/support_record.py) is meant to move here: build
a Document with ``personal_data=True``, the case's municipality and the responsible social
service as the letterhead, the problem table as one ``table`` (four columns: problem, plan
goal, services given, gap; a cell may hold several lines separated by "\\n"), the services as
``bullets``, and a ``Signatures`` line for the responsible social worker; then ``to_docx``.

The package imports nothing above ``core``: callers pass plain strings, never models.
"""

from .layout import TableLayout, table_layout
from .model import (
    Block,
    Bullets,
    Cover,
    Document,
    Heading,
    Image,
    Letterhead,
    PageBreak,
    Paragraph,
    Signatures,
    Signer,
    Table,
    date_text,
)
from .pdf import to_pdf
from .word import to_docx

__all__ = [
    "Block",
    "Bullets",
    "Cover",
    "Document",
    "Heading",
    "Image",
    "Letterhead",
    "PageBreak",
    "Paragraph",
    "Signatures",
    "Signer",
    "Table",
    "TableLayout",
    "date_text",
    "table_layout",
    "to_docx",
    "to_pdf",
]
