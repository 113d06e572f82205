"""Writes for sign-in, second factor and API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sargs.organisations.models import User

from .models import TOKEN_PREFIX_LENGTH, ApiToken, hash_token, new_raw_token

RECOVERY_CODE_COUNT = 10
MAX_TOKEN_DAYS = 365


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator device being set up, created on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def new_recovery_code() -> str:
    # Ten characters from an alphabet without look-alikes, shown as two groups of five.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Replace the user's recovery codes with fresh ones; returns them to show once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm a pending device if ``token`` is right; returns new recovery codes, or None."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_regenerate(user=user)


def api_token_create(*, user: User, name: str, days: int) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValueError("days out of range")
    raw = new_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[: 6 + TOKEN_PREFIX_LENGTH],
        token_hash=hash_token(raw),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, raw


def api_token_revoke(*, user: User, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionError
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
