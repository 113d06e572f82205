"""The report: a Word document and a PDF in Latvian, suppressed; JSON; the command. LibreOffice
opening the Word file, the cover, letterhead and page numbers: tests/test_documents.py."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from sargs.assessment.models import Assessment
from sargs.assessment.report import assessment_json, build_docx, build_pdf, report_content

from .output_factories import frozen_assessment, population

pytestmark = pytest.mark.django_db

QUALITY = [
    {
        "code": "parts_sum",
        "severity": "error",
        "indicator": "F3",
        "institution_id": None,
        "message": "F3: vecuma grupu summa nesakrīt ar kopskaitu.",
        "semester": 0,
        "submission_id": None,
    }
]


@pytest.fixture
def assessment(cast):
    a = cast.municipality_a
    for year in (2023, 2024):
        population(a, year)
    frozen_assessment(a, 2023, {"F2": {"restored": 9}, "L1": {"families": 30}})
    assessment = frozen_assessment(
        a,
        2024,
        {
            "F2": {"restored": 3},
            "L1": {"families": 41, "children": 77},
            "P2": {"decisions": "not_applicable"},
        },
        quality=QUALITY,
    )
    frozen_assessment(a, 2024, {"E2": {"pupils": 30}}, semester={"E2": 1})
    frozen_assessment(
        a, 2024, {"E2": {"pupils": 25, "pupils|sex=f": 11, "pupils|sex=m": 14}}, semester={"E2": 2}
    )
    assessment.findings = {"summary": "Kopumā situācija stabila.", "5": "Mazāk atņemtu tiesību."}
    assessment.save()
    return assessment


def texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_docx_has_the_title_groups_findings_tables_and_quality_annex(assessment):
    document = docx.Document(io.BytesIO(build_docx(assessment)))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Situācijas izvērtējums bērnu tiesību aizsardzības jomā 2024"
    assert "1. Tiesības uz izglītību" in headings
    assert "5. Bērni bez vecāku gādības: tiesības augt ģimenē" in headings
    assert any(h.startswith("F2 Vecāki, kuriem atjaunotas") for h in headings)
    body = texts(document)
    assert "Kopumā situācija stabila." in body and "Mazāk atņemtu tiesību." in body
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    f2 = next(t for t in tables if t[1][0] == "atjaunotas")
    assert f2[0][1:] == ["2023", "2024"]
    assert f2[1][-1] == "<5" and "3" not in f2[1][1:]  # suppressed for the public
    assert f2[1][-2] == "9"
    e2 = next(t for t in tables if t[1][0] == "izglītojamie")
    # School semesters in the order they happen, named as schools name them.
    assert e2[0][1:] == ["I–VI 2024 (2. semestris)", "IX–XII 2024 (1. semestris)"]
    annex = tables[-1]
    # The public annex names the check; its message may quote small counts.
    assert annex[1][1] == "F3" and "nesakrīt" not in annex[1][2]
    assert len(document.inline_shapes) > 0  # the charts


def test_the_unsuppressed_copy_shows_small_counts_and_check_messages(assessment):
    content = report_content(assessment, suppressed=False)
    f2 = next(s for g in content.groups for s in g.indicators if s.code == "F2")
    assert f2.tables[0].rows[0][-1] == "3"
    assert content.quality[0][2] == "F3: vecuma grupu summa nesakrīt ar kopskaitu."


def test_the_pdf_is_a_pdf_with_the_text(assessment, tmp_path):
    pdf = build_pdf(assessment)
    assert pdf.startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        path = tmp_path / "r.pdf"
        path.write_bytes(pdf)
        text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True).stdout
        assert "Situācijas izvērtējums" in text
    else:  # WeasyPrint compresses everything: read the document title from the streams
        streams = b"".join(
            zlib.decompress(m.group(1))
            for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S)
        )
        title = "Situācijas izvērtējums bērnu tiesību aizsardzības jomā 2024"
        assert ("feff" + title.encode("utf-16-be").hex()).encode() in streams
        assert streams.count(b"/Type /Page") > 10  # the groups start on new pages


def test_the_json_gives_every_cell_state_origin_and_quality(assessment):
    data = assessment_json(assessment, suppressed=False)
    by_code = {i["code"]: i for i in data["indicators"]}
    assert len(by_code) == 21
    f2 = by_code["F2"]["periods"][0]["cells"]["restored"]
    assert f2 == {"state": "number", "origin": "reported", "value": 3}
    assert by_code["P2"]["periods"][0]["cells"]["decisions"]["state"] == "not_applicable"
    assert by_code["F3"]["quality"][0]["code"] == "parts_sum"
    assert {p["semester"] for p in by_code["E2"]["periods"]} == {1, 2}
    hidden = assessment_json(assessment)["indicators"]
    restored = next(i for i in hidden if i["code"] == "F2")["periods"][0]["cells"]["restored"]
    assert restored["value"] is None and restored["shown"] == "<5"


def test_the_command_writes_each_format(assessment, tmp_path):
    out = tmp_path / "a.json"
    call_command("assessment", municipality="0054000", year=2024, format="json", output=str(out))
    data = json.loads(out.read_text())
    assert data["suppressed"] is True
    call_command(
        "assessment",
        "--unsuppressed",
        municipality="0054000",
        year=2024,
        format="json",
        output=str(out),
    )
    assert json.loads(out.read_text())["suppressed"] is False
    docx_path = tmp_path / "a.docx"
    call_command(
        "assessment", municipality="0054000", year=2024, format="docx", output=str(docx_path)
    )
    assert zipfile.is_zipfile(docx_path)


def test_the_command_refuses_unknown_municipalities_and_open_years(assessment, tmp_path):
    out = str(tmp_path / "x.json")
    with pytest.raises(CommandError, match="9999999"):
        call_command("assessment", municipality="9999999", year=2024, format="json", output=out)
    Assessment.objects.create(municipality=assessment.municipality, year=2025)
    with pytest.raises(CommandError, match="2025"):
        call_command("assessment", municipality="0054000", year=2025, format="json", output=out)
    with pytest.raises(CommandError, match="2019"):
        call_command("assessment", municipality="0054000", year=2019, format="json", output=out)
    assert not Path(out).exists()
