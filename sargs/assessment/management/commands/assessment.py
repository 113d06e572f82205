"""Write a frozen assessment as JSON, a Word document or a PDF.

The output is suppressed by default, like every output that may leave the coordinator's
hands; ``--unsuppressed`` writes the figures as they are, for the coordinator's own use on the
server (it is said so on the document)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sargs.assessment.models import Assessment, AssessmentStatus
from sargs.assessment.report import assessment_json, build_docx, build_pdf
from sargs.organisations.models import Municipality


class Command(BaseCommand):
    help = (
        "Write the situation assessment of a municipality and year (frozen) as JSON, DOCX or "
        "PDF. Counts 1–4 are suppressed unless --unsuppressed is given."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--municipality", required=True, help="ATVK code, e.g. 0054000")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", required=True, choices=["json", "docx", "pdf"])
        parser.add_argument("--output", required=True, help="File to write")
        parser.add_argument(
            "--unsuppressed",
            action="store_true",
            help="Show counts 1–4 as they are (for the coordinator; not for publication).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        atvk, year = options["municipality"], options["year"]
        municipality = Municipality.objects.filter(atvk=atvk).first()
        if municipality is None:
            raise CommandError(f"No municipality has the ATVK code {atvk}.")
        assessment = Assessment.objects.filter(municipality=municipality, year=year).first()
        if assessment is None:
            raise CommandError(f"{municipality.name} has no assessment for {year}.")
        if assessment.status != AssessmentStatus.FROZEN:
            raise CommandError(
                f"The assessment of {municipality.name} for {year} is not frozen yet; freeze it "
                "once every report is approved."
            )
        suppressed = not options["unsuppressed"]
        fmt = options["format"]
        if fmt == "json":
            data = json.dumps(
                assessment_json(assessment, suppressed=suppressed), ensure_ascii=False, indent=2
            ).encode()
        elif fmt == "docx":
            data = build_docx(assessment, suppressed=suppressed)
        else:
            data = build_pdf(assessment, suppressed=suppressed)
        path = Path(options["output"])
        path.write_bytes(data)
        state = "suppressed" if suppressed else "NOT suppressed"
        self.stdout.write(f"Wrote {path} ({fmt}, {len(data)} bytes, {state}).")
