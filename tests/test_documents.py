"""Every document Sargs hands over, as a municipality would: built for the data the apps' own
tests use, rendered as PDF by WeasyPrint and as Word converted by LibreOffice (all Word files
in one soffice run), then read back from the PDFs: the letterhead and title on the first page,
"Lapa X no Y" on every page, the confidentiality and draft markings exactly where expected,
every word of every table whole (no "Termiņ/š"), nothing drawn in the right margin (tables fit
the page) and no page holding a single line."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image as Picture

from sargs.assessment.report import situation_assessment_report
from sargs.assessment.tests.output_factories import frozen_assessment, population
from sargs.cooperation import documents as cooperation
from sargs.cooperation.report import cooperation_group_report_figures
from sargs.cooperation.tests.helpers import held_meeting, today, urgent_meeting
from sargs.core.documents import (
    Bullets,
    Document,
    Heading,
    Paragraph,
    Signatures,
    Table,
    date_text,
    to_docx,
    to_pdf,
)
from sargs.programme.documents import programme_council_report
from sargs.programme.tests.helpers import monitored_programme

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdftoppm")),
        reason="needs LibreOffice and poppler-utils (bin/test installs them)",
    ),
]

CONFIDENTIAL = "Konfidenciāli: satur personas datus"
DRAFT = "MELNRAKSTS"
MARGIN_STRIP_CM = 1.2  # the outer part of the 2 cm right margin: blank on every page


@dataclass(frozen=True)
class Expected:
    personal_data: bool
    draft: bool
    cover: bool = False


# Written by hand: which documents hold personal data and which are not final yet.
EXPECTED = {
    "nolikums": Expected(personal_data=False, draft=False),
    "uzaicinajums": Expected(personal_data=True, draft=False),
    "protokols": Expected(personal_data=True, draft=False),
    "protokols-melnraksts": Expected(personal_data=True, draft=True),  # minutes not closed
    "sadarbibas-parskats": Expected(personal_data=False, draft=True),  # period ends today
    # the report on 2026 is final once 2026 is over
    "programmas-parskats": Expected(personal_data=False, draft=today().year <= 2026),
    "izvertejums": Expected(personal_data=False, draft=False, cover=True),
}


def _assessment(cast):
    a = cast.municipality_a
    for year in (2023, 2024):
        population(a, year)
    frozen_assessment(a, 2023, {"F2": {"restored": 9}, "L1": {"families": 30}})
    assessment = frozen_assessment(
        a, 2024, {"F2": {"restored": 3}, "L1": {"families": 41, "children": 77}}
    )
    assessment.findings = {"summary": "Kopumā situācija stabila.", "5": "Mazāk atņemtu tiesību."}
    assessment.save()
    return assessment


def _documents(cast) -> dict[str, Document]:
    group, meeting = held_meeting(cast)
    open_minutes = urgent_meeting(cast, group)  # today, attendance not yet recorded
    figures = cooperation_group_report_figures(
        group=group, start=today() - datetime.timedelta(days=30), end=today()
    )
    return {
        "nolikums": cooperation.group_bylaws(group),
        "uzaicinajums": cooperation.meeting_invitation(meeting),
        "protokols": cooperation.meeting_minutes(meeting),
        "protokols-melnraksts": cooperation.meeting_minutes(open_minutes),
        "sadarbibas-parskats": cooperation.cooperation_group_council_report(figures),
        "programmas-parskats": programme_council_report(monitored_programme(cast), year=2026),
        "izvertejums": situation_assessment_report(_assessment(cast)),
    }


def _libreoffice(sources: list[Path], outdir: Path) -> None:
    """Convert Word files to PDF in one LibreOffice run (each start costs seconds)."""
    profile = f"-env:UserInstallation=file:///tmp/lo-{uuid.uuid4()}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(outdir)]
        + [str(s) for s in sources],
        check=True,
        capture_output=True,
        timeout=300,
    )


def _pages(pdf: Path, *, layout: bool = False) -> list[str]:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return text.replace("\u00a0", " ").split("\f")[:-1]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _texts(document: Document) -> list[str]:
    """Every piece of text the description holds."""
    head = document.letterhead
    texts = [document.title, head.municipality.upper(), head.institution, head.details]
    texts.append(date_text(document.date))
    if document.cover:
        texts += document.cover.lines + document.cover.notes
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            texts.append(block.text)
        elif isinstance(block, Bullets):
            texts += block.items
        elif isinstance(block, Table):
            texts += [block.caption, *(cell for row in block.rows for cell in row)]
        elif isinstance(block, Signatures):
            texts += [t for s in block.signers for t in (s.role, s.name)]
    return [*texts, CONFIDENTIAL, DRAFT, "Lapa no", "(paraksts)"]


def _bare(token: str) -> str:
    """A token without the punctuation around it and the bullets (the glyph Word's bullet
    list font puts there reads as U+F0B7)."""
    return token.strip(".,;:()„”“\"'«»•\uf0b7")


def _table_words(document: Document) -> set[str]:
    cells = [c for b in document.blocks if isinstance(b, Table) for r in b.rows for c in r]
    return {w for w in (_bare(t) for c in cells for t in c.split()) if len(w) > 1}


def _broken_words(document: Document, pages: list[str]) -> list[str]:
    """Tokens the document never wrote (a word cut in two leaves such fragments), and table
    words that appear nowhere whole."""
    texts = [text.replace("\u00a0", " ") for text in _texts(document)]
    vocabulary = {_bare(t) for text in texts for t in text.split()}
    tokens = {_bare(t) for page in pages for t in page.split()}
    fragments = sorted(
        t
        for t in tokens - vocabulary
        if t
        and not t.isdigit()
        and not (t.endswith("-") and any(v.startswith(t) for v in vocabulary))
    )
    missing = sorted(_table_words(document) - tokens)
    return [f"fragment {t!r}" for t in fragments] + [f"not whole {w!r}" for w in missing]


def _ink_in_right_margin(pdf: Path, outdir: Path) -> list[int]:
    """The pages that draw anything in the outer part of the right margin."""
    prefix = outdir / f"{pdf.stem}-page"
    subprocess.run(["pdftoppm", "-r", "24", "-gray", "-png", str(pdf), str(prefix)], check=True)
    inked = []
    for number, png in enumerate(sorted(outdir.glob(f"{prefix.name}-*.png")), start=1):
        with Picture.open(png) as page:
            strip_px = round(MARGIN_STRIP_CM / 2.54 * 24)
            strip = page.convert("L").crop((page.width - strip_px, 0, page.width, page.height))
            darkest, _lightest = strip.getextrema()
            if darkest < 200:
                inked.append(number)
    return inked


def _lone_line_pages(layout_pages: list[str], cover: bool) -> list[int]:
    """Pages whose body (without the header markings and the page number) is one line."""
    lone = []
    for number, page in enumerate(layout_pages, start=1):
        lines = [
            line
            for line in page.splitlines()
            if line.strip()
            and not re.fullmatch(r"\s*Lapa \d+ no \d+\s*", line)
            and CONFIDENTIAL not in line
            and DRAFT not in line
        ]
        if len(lines) < 2 and not (cover and number == 1):
            lone.append(number)
    return lone


def _problems(name: str, document: Document, pdf: Path, workdir: Path) -> list[str]:
    expected = EXPECTED[name]
    pages = _pages(pdf)
    flat = [_flat(p) for p in pages]
    problems = []
    first = flat[0]
    head = document.letterhead
    for text in (head.municipality.upper(), head.institution, _flat(document.title)):
        if text not in first:
            problems.append(f"page 1 lacks {text!r}")
    for number, page in enumerate(flat, start=1):
        numbered = f"Lapa {number} no {len(flat)}" in page
        if numbered != (not (expected.cover and number == 1)):
            problems.append(f"page {number}: page number {'on cover' if numbered else 'missing'}")
        if (CONFIDENTIAL in page) != expected.personal_data:
            problems.append(f"page {number}: confidentiality marking wrong")
        if (DRAFT in page) != expected.draft:
            problems.append(f"page {number}: draft marking wrong")
    problems += _broken_words(document, pages)
    problems += [f"page {n}: ink in the right margin" for n in _ink_in_right_margin(pdf, workdir)]
    lone = _lone_line_pages(_pages(pdf, layout=True), expected.cover)
    problems += [f"page {n}: a single line" for n in lone]
    return [f"{pdf.name}: {p}" for p in problems]


def test_every_document_is_fit_to_hand_over_in_word_and_pdf(cast, tmp_path: Path):
    built = _documents(cast)
    flags = {n: Expected(d.personal_data, d.draft, d.cover is not None) for n, d in built.items()}
    assert flags == EXPECTED
    for name, document in built.items():
        (tmp_path / f"{name}.docx").write_bytes(to_docx(document))
        (tmp_path / f"{name}.weasy.pdf").write_bytes(to_pdf(document))
    converted = tmp_path / "libreoffice"
    _libreoffice(sorted(tmp_path.glob("*.docx")), converted)
    problems = []
    for name, document in built.items():
        for pdf in (tmp_path / f"{name}.weasy.pdf", converted / f"{name}.pdf"):
            assert pdf.exists(), pdf.name
            problems += _problems(name, document, pdf, tmp_path)
    assert problems == []


def test_wide_tables_turn_landscape_in_both_renderers(cast, tmp_path: Path):
    """The programme report's eight-column tables do not fit a portrait page with whole
    words: their sections are set on landscape pages, the rest stays portrait."""
    document = programme_council_report(monitored_programme(cast), year=2026)
    (tmp_path / "w.docx").write_bytes(to_docx(document))
    (tmp_path / "p.pdf").write_bytes(to_pdf(document))
    _libreoffice([tmp_path / "w.docx"], tmp_path)
    for pdf in (tmp_path / "p.pdf", tmp_path / "w.pdf"):
        info = subprocess.run(
            ["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True
        ).stdout
        sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
        orientations = ["landscape" if float(w) > float(h) else "portrait" for w, h in sizes]
        assert orientations[0] == "portrait" and "landscape" in orientations, pdf.name
        pages = _pages(pdf)
        table_page = next(i for i, p in enumerate(pages) if "Rīcības plāna izpilde" in p)
        assert orientations[table_page] == "landscape", pdf.name
