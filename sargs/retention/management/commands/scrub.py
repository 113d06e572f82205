"""manage.py scrub --database-name NAME --yes: turn a COPY of production into test data.

Refuses production settings, and refuses unless the database Django is connected to is the
one named on the command line (so that a wrong DATABASE_URL cannot scrub the wrong one) and
``--yes`` is given. See sargs/retention/scrub.py for what is replaced.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from sargs.retention.scrub import scrub_database


class Command(BaseCommand):
    help = "Replace all personal data in a copy of the database (never production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database-name", required=True, help="the copy's database name")
        parser.add_argument("--yes", action="store_true", help="really scrub it")

    def handle(self, *args: Any, database_name: str, yes: bool, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False) or getattr(settings, "ENV", "") == "production":
            raise CommandError("scrub refuses to run with production settings.")
        connected = str(connection.settings_dict["NAME"])
        if database_name not in {connected, connected.rsplit("/", 1)[-1]}:
            raise CommandError(
                f"connected to {connected!r}, not {database_name!r}: refusing to scrub."
            )
        if not yes:
            raise CommandError("this replaces every personal detail in the database: add --yes.")

        last: dict[str, int] = {}

        def progress(step: str, done: int, total: int) -> None:
            # One line per step and every tenth of it, so a long copy shows it is moving.
            tenth = 10 * done // total if total else 10
            if last.get(step) != tenth:
                last[step] = tenth
                self.stdout.write(f"{step}: {done}/{total}")

        result = scrub_database(progress=progress)
        self.stdout.write(f"scrubbed: {result}")
