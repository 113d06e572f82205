"""E-mail the institutions responsible for programme activities before a reporting date."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sargs.programme.reminders import due_reminders, send


class Command(BaseCommand):
    help = "Send reminders to responsible institutions before programme reporting dates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, send nothing")
        parser.add_argument("--today", help="as if run on this date (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = (
            datetime.date.fromisoformat(options["today"])
            if options.get("today")
            else timezone.localdate()
        )
        reminders = due_reminders(today)
        for reminder in reminders:
            self.stdout.write(
                f"{reminder.reporting_date.due_on:%d.%m.%Y} {reminder.institution.name}: "
                f"{len(reminder.activities)} activities, {len(reminder.recipients)} recipients"
            )
        if options["dry_run"]:
            self.stdout.write(f"Dry run: {len(reminders)} reminders would be sent.")
            return
        sent = send(reminders, today)
        self.stdout.write(f"Sent {sent} reminders.")
