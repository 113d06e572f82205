from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand

from sargs.cases.concerns.models import Concern
from sargs.cases.court.models import Proceeding
from sargs.cases.npais.services import CUSTODY_KINDS, npais_expectations_refresh
from sargs.organisations.models import Municipality

# Events read per call: a big municipality has hundreds of thousands of concerns at ten
# times the country, and reading them at once took 1 GB (issue 20, point 7).
CHUNK = 5000


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    """The ids (a few MB even for Rīga at tenfold) in slices of ``CHUNK``."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


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
            concerns = Concern.objects.filter(municipality=municipality).order_by("pk")
            for ids in _chunks(list(concerns.values_list("pk", flat=True))):
                added += npais_expectations_refresh(
                    municipality=municipality, concern_ids=ids, proceeding_ids=()
                )
            matters = Proceeding.objects.filter(
                case__municipality=municipality, kind__in=CUSTODY_KINDS
            ).order_by("pk")
            for ids in _chunks(list(matters.values_list("pk", flat=True))):
                added += npais_expectations_refresh(
                    municipality=municipality, concern_ids=(), proceeding_ids=ids
                )
            bar = "#" * (30 * done // total) + "." * (30 - 30 * done // total)
            self.stdout.write(f"[{bar}] {done}/{total}", ending="\r")
        self.stdout.write("")
        self.stdout.write(f"{added} expected entries added")
