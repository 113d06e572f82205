"""The interface language, for texts stored in both languages (reference data, reasons)."""

from __future__ import annotations

from django.utils.translation import get_language


def is_english() -> bool:
    """Whether the current request speaks English; Latvian is the default."""
    return (get_language() or "lv").startswith("en")


def current() -> str:
    """ "en" or "lv"."""
    return "en" if is_english() else "lv"


def pick(lv: str, en: str) -> str:
    """The text in the interface language, falling back to Latvian when there is no English."""
    return (en if is_english() else lv) or lv
