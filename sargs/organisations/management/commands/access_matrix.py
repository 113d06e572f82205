from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sargs.organisations.access_matrix import render


class Command(BaseCommand):
    help = (
        "Write the page of who may see and do what (docs/access.md), generated from every "
        "view's access rule and every policy's declared permissions; --check fails when the "
        "page on disk is stale."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", help="File to write (default: print the page).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Do not write; exit non-zero when --output differs from the generated page.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        page = render()
        output = options["output"]
        if options["check"]:
            if not output:
                raise CommandError("--check needs --output, the page to compare with.")
            path = Path(output)
            if not path.exists() or path.read_text(encoding="utf-8") != page:
                raise CommandError(
                    f"{output} is stale: run `python manage.py access_matrix --output {output}`."
                )
            self.stdout.write(f"{output} is up to date.")
            return
        if output:
            Path(output).write_text(page, encoding="utf-8")
            self.stdout.write(f"Wrote {output}.")
        else:
            self.stdout.write(page, ending="")
