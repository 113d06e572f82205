"""Small template helpers shared by every app."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.safestring import SafeString

from sargs.core.choices import choice_label, choice_labels
from sargs.core.forms import form_token_input
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
    amount = _decimal(value)
    if amount is None:
        return str(value)
    amount = amount.quantize(Decimal("0.01"))
    if is_english():
        text = _grouped(amount, 2)
        return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"
    return f"{_grouped(amount, 2)} €"


def _decimal(value: object) -> Decimal | None:
    """A Decimal from a number or its text; None for None, "" or anything else."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() else None


def _grouped(amount: Decimal, places: int | None) -> str:
    """Digits grouped by thousands, decimals as the interface language writes them:
    "172 511,5" in Latvian, "172,511.5" in English. ``places`` None: as few as needed."""
    if places is None:
        amount = amount.normalize()
        exponent = amount.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.{places}f}"  # 172,511.50 (never "6E+1")
    if is_english():
        return sign + text
    whole, _dot, decimals = text.partition(".")
    return sign + whole.replace(",", " ") + ("," + decimals if decimals else "")


@register.filter
def number(value: object) -> str:
    """A figure as people read it: "88" (not "88,00"), "60" (not "6E+1"), "2,5",
    "172 511"; "–" where there is none."""
    amount = _decimal(value)
    return "–" if amount is None else _grouped(amount, None)


@register.filter
def count(value: object) -> str:
    """A count: a whole number without decimals ("88", "1 234"); "–" where there is none."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    if amount != amount.to_integral_value():
        return _grouped(amount, None)  # not a count after all: show it as it is
    return _grouped(amount.to_integral_value(), 0)


DECISION_PREFIX = re.compile(r"^\s*(?:Nr\.?|No\.?|№)\s*", re.IGNORECASE)


@register.filter
def decision_no(value: object) -> str:
    """A decision number without its own "Nr."/"No." prefix, for texts that write the prefix
    themselves ("lēmums Nr. {{ n|decision_no }}" → "Nr. 412", never "Nr. Nr. 412")."""
    if value is None:
        return ""
    return DECISION_PREFIX.sub("", str(value)).strip()


@register.filter
def label(code: object, choice_set: str) -> str:
    """A stored code in words: ``{{ referral.status_code|label:"support_area" }}``."""
    if code is None or code == "":
        return ""
    return choice_label(choice_set, code)


@register.filter
def labels(codes: object, choice_set: str) -> str:
    """Stored codes in words, comma-separated: ``{{ referral.areas|labels:"support_area" }}``."""
    if not isinstance(codes, list | tuple):
        return ""
    return ", ".join(choice_labels(choice_set, codes))


@register.simple_tag
def form_token() -> SafeString:
    """``{% form_token %}`` in every form that creates something (sargs.core.forms)."""
    return form_token_input()
