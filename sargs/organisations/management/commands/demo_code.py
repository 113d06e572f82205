from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from sargs.organisations.demo import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo users (never in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo codes do not exist with production settings.")
        totp = TOTP(DEMO_TOTP_KEY)
        totp.time = time.time()
        self.stdout.write(f"{totp.token():06d}")
