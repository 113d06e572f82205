from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sargs.cases.demo import load_case_demo
from sargs.cases.demo_elsewhere import load_elsewhere_demo


class Command(BaseCommand):
    help = (
        "Add demo case work (concerns, cases, a placement, handovers and cost claims with the "
        "neighbouring municipality) to the demo municipality; run demo_data first. Never in "
        "production."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Show what would be added.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded with production settings.")
        if options["dry_run"]:
            self.stdout.write(
                "Would add 3 demo cases and 5 concerns, a cost claim from a concern and an "
                "accepted handover with its case, unless already loaded."
            )
            return
        try:
            counts = load_case_demo()
            elsewhere = load_elsewhere_demo()
        except ValueError as error:
            raise CommandError(str(error)) from None
        if any(elsewhere.values()):
            self.stdout.write(
                f"Across municipalities: {elsewhere['cost claims']} cost claim, "
                f"{elsewhere['accepted handovers']} accepted handover."
            )
        if counts["cases"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo case work: {counts['cases']} cases, {counts['concerns']} concerns."
                )
            )
        else:
            self.stdout.write("Demo case work is already loaded.")
