from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sargs.organisations.demo import (
    DEMO_PASSWORD,
    DEMO_TOTP_BASE32,
    USERS,
    load_demo,
)


class Command(BaseCommand):
    help = (
        "Create or refresh the demo municipality with a user for every role (never in production)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded with production settings.")
        if options["dry_run"]:
            self.stdout.write(f"Would create or refresh {len(USERS)} demo users.")
            return
        counts = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {counts['institutions']} institutions, {counts['users']} users."
            )
        )
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
        self.stdout.write(f"TOTP secret for every demo user: {DEMO_TOTP_BASE32}")
        for user in USERS:
            self.stdout.write(f"  {user.username:<16} {user.role.label}")
