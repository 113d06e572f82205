"""The document pipeline without any app: column widths, landscape choice, the page label."""

from __future__ import annotations

from django.utils import translation

from sargs.core.documents import Document, Heading, Letterhead, Table, table_layout
from sargs.core.documents.labels import PAGE_FIELD, PAGES_FIELD, page_parts
from sargs.core.documents.layout import landscape_blocks, layouts_of, measure_cm, words

HEADER = "Rīcības virziens|Pasākums|Atbildīgā iestāde|Termiņš|Plānots|Izlietots|Statuss|Vērtējums"
ROW = (
    "Ģimeņu atbalsts|Ģimenes asistenta pakalpojums|Valmieras novada Sociālais dienests|"
    "31.12.2026|3\u00a0500,00\u00a0€|3\u00a0000,00\u00a0€|notiek|pastāv risks"
)
WIDE = [HEADER.split("|"), ROW.split("|")]


def test_no_column_is_narrower_than_its_longest_word():
    layout = table_layout(Table(WIDE))
    assert layout.fits
    for col, width in enumerate(layout.widths_cm):
        longest = max(
            measure_cm(w, layout.font_pt, bold=r == 0)
            for r, row in enumerate(WIDE)
            for w in words(row[col])
        )
        assert width > longest, WIDE[0][col]


def test_an_amount_with_no_break_spaces_is_one_word():
    assert words("3\u00a0500,00\u00a0€ kopā") == ["3\u00a0500,00\u00a0€", "kopā"]


def test_a_narrow_table_stays_portrait_and_a_wide_one_turns_its_section_landscape():
    assert not table_layout(Table([["Rādītājs", "Skaits"], ["Sēdes", "3"]])).landscape
    doc = Document("T", Letterhead("Valmieras novads"))
    doc.heading("1. Ievads")
    doc.para("Teksts.")
    doc.heading("2. Izpilde")
    doc.para("Pasākumu skaits.")
    doc.table(WIDE)
    doc.para("Piezīme.")
    doc.heading("3. Grozījumi")
    assert landscape_blocks(doc.blocks, layouts_of(doc.blocks)) == [
        False,
        False,
        True,  # the heading that introduces the wide table
        True,
        True,
        True,  # up to the next heading
        False,
    ]
    assert isinstance(doc.blocks[2], Heading)


def test_the_page_label_is_cut_around_both_numbers_in_each_language():
    with translation.override("lv"):
        assert page_parts() == ["Lapa ", PAGE_FIELD, " no ", PAGES_FIELD]
    with translation.override("en"):
        assert page_parts() == ["Page ", PAGE_FIELD, " of ", PAGES_FIELD]
