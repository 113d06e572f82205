from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sargs.cases.npais.services import npais_expectations_refresh
from sargs.organisations.models import Municipality


class Command(BaseCommand):
    help = (
        "Add the expected NPAIS entries every municipality's concerns and custody matters "
        "oblige, for records written without the receivers (an import, generated data). "
        "Entries already expected stay."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        municipalities = list(Municipality.objects.order_by("name"))
        total, added = len(municipalities), 0
        for done, municipality in enumerate(municipalities, start=1):
            added += npais_expectations_refresh(municipality=municipality)
            bar = "#" * (30 * done // total) + "." * (30 - 30 * done // total)
            self.stdout.write(f"[{bar}] {done}/{total}", ending="\r")
        self.stdout.write("")
        self.stdout.write(f"{added} expected entries added")
