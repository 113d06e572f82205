"""What a document says, without how it looks: a title, who issues it, when, its markings and
a list of blocks. The renderers (word.py, pdf.py) decide the look, the same for every document."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass(frozen=True)
class Letterhead:
    """Who issues the document: the municipality, the institution, and optional details
    (address, registration number, e-mail) in one line."""

    municipality: str
    institution: str = ""
    details: str = ""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 or 2; the document's title is above both


@dataclass(frozen=True)
class Paragraph:
    text: str  # a "\n" is a line break inside the paragraph
    style: str = "normal"  # "normal", "italic" (definitions, notes) or "small"


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    """Rows of text; the first row is the header, repeated on every page the table spans.
    Column widths come from the content (layout.py) unless ``widths`` gives relative weights."""

    rows: list[list[str]]
    caption: str = ""
    widths: list[float] | None = None
    first_column_header: bool = False  # the first cell of each row labels the row


@dataclass(frozen=True)
class Image:
    png: bytes
    width_cm: float = 13.0
    alt: str = ""


@dataclass(frozen=True)
class Signer:
    role: str  # "Sēdes vadītājs", "Atbildīgā amatpersona"
    name: str = ""


@dataclass(frozen=True)
class Signatures:
    """Lines to sign on: the role, a line and the signer's name, for each signer."""

    signers: list[Signer]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Bullets | Table | Image | Signatures | PageBreak


@dataclass(frozen=True)
class Cover:
    """A title page: the letterhead, the title, the lines below it (the subject, the year)
    and notes at the foot of the page. The body starts on the next page."""

    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A document to hand over. ``personal_data`` puts the confidentiality marking on every
    page; ``draft`` the draft marking, until the document is final."""

    title: str
    letterhead: Letterhead
    date: datetime.date = field(default_factory=timezone.localdate)
    personal_data: bool = False
    draft: bool = False
    language: str = "lv"
    cover: Cover | None = None
    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(Heading(text, level))

    def para(self, text: str, style: str = "normal") -> None:
        self.blocks.append(Paragraph(text, style))

    def bullets(self, items: list[str]) -> None:
        self.blocks.append(Bullets(items))

    def table(
        self,
        rows: list[list[str]],
        *,
        caption: str = "",
        widths: list[float] | None = None,
        first_column_header: bool = False,
    ) -> None:
        self.blocks.append(Table(rows, caption, widths, first_column_header))

    def image(self, png: bytes, *, width_cm: float = 13.0, alt: str = "") -> None:
        self.blocks.append(Image(png, width_cm, alt))

    def signatures(self, *signers: Signer) -> None:
        self.blocks.append(Signatures(list(signers)))

    def page_break(self) -> None:
        self.blocks.append(PageBreak())


def date_text(value: datetime.date | datetime.datetime | None, empty: str = "–") -> str:
    """A date as documents write it: dd.mm.yyyy."""
    return value.strftime("%d.%m.%Y") if value else empty
