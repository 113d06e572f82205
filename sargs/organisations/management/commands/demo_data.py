from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sargs.core.demo import demo_parts
from sargs.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_BASE32, USERS

# The parts come from each app's ``demo.DEMO_PARTS`` in layer order (sargs.core.demo), so
# organisations, at the bottom, imports none of the apps whose demo it loads.


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name.replace('_', ' ')}: {value}" for name, value in counts.items())


class Command(BaseCommand):
    help = (
        "Create or refresh the whole demo (never in production): the demo municipality with a "
        "user for every role, case work, the situation assessment and its collection, a "
        "cooperation group with meetings and the child rights protection programme."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Show what would be loaded.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded with production settings.")
        if options["dry_run"]:
            self.stdout.write(f"Would create or refresh {len(USERS)} demo users and load:")
            for name, _loader in demo_parts():
                self.stdout.write(f"  {name}")
            return
        for name, loader in demo_parts():
            try:
                counts = loader()
            except ValueError as error:
                raise CommandError(f"{name}: {error}") from None
            summary = _counts(counts) if any(counts.values()) else "nothing new"
            self.stdout.write(f"  {name:<18} {summary}")
        self.stdout.write(self.style.SUCCESS("Demo ready."))
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
        self.stdout.write(f"TOTP secret for every demo user: {DEMO_TOTP_BASE32}")
        for user in USERS:
            self.stdout.write(f"  {user.username:<16} {user.role.label}")
