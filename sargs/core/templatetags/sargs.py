"""Small template helpers shared by every app."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django import template

from sargs.core.language import is_english

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    """A duration in whole minutes (for lockout messages)."""
    return int(value.total_seconds() // 60) if value else 0


@register.filter
def eur(value: object) -> str:
    """Money in euros as the interface language writes it: "1 234,50 €" or "€1,234.50"."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return str(value)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}"  # 1,234.50
    if is_english():
        return f"{sign}€{text}"
    whole, cents = text.split(".")
    return f"{sign}{whole.replace(',', ' ')},{cents} €"
