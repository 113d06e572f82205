"""Import the PMLP child population (sargs/assessment/population.py describes the layout)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sargs.assessment.population import parse, parse_date, population_import

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import the child population by municipality, age group and sex from the PMLP CSV "
        "(all or nothing; a date imported again replaces that date's figures)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="CSV file (semicolon or comma separated, UTF-8).")
        parser.add_argument(
            "--date", help="Reference date (dd.mm.yyyy) when the file has no “Datums” column."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what would change."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        day = None
        if options["date"]:
            day = parse_date(options["date"])
            if day is None:
                raise CommandError(f"Not a date like 01.01.2025: {options['date']}")
        data = path.read_bytes()
        try:
            if options["dry_run"]:
                rows, skipped = parse(data, reference_date=day)
                days = sorted({r.reference_date.strftime("%d.%m.%Y") for r in rows})
                self.stdout.write(
                    f"Would import {len(rows)} municipalities for {', '.join(days)}"
                    f" (skipped: {', '.join(skipped) or 'none'})."
                )
                return
            with transaction.atomic():
                result = population_import(data=data, reference_date=day, progress=self._bar)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        dates = ", ".join(d.strftime("%d.%m.%Y") for d in result.reference_dates)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.municipalities} municipalities for {dates} "
                f"({result.rows_written} figures)."
            )
        )
        if result.skipped:
            self.stdout.write(f"Skipped rows: {', '.join(result.skipped)}")

    def _bar(self, done: int, total: int) -> None:
        """A plain progress bar on one line, redrawn in place."""
        filled = BAR_WIDTH * done // total
        end = "\n" if done == total else ""
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}", ending=end
        )
        self.stdout.flush()
