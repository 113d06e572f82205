"""Masking Latvian personal codes wherever they appear in audit text.

The audit app sits below the registry in the layer order, so it cannot use
``registry.personal_codes``; this pattern only recognises the shape of a code (11 digits, the
first 0–3, with or without the hyphen after the sixth) and keeps what the registry's lists
keep: the birth-date part of an old-format code, nothing of a new-format ``32…`` code.
Recognising by shape over-masks rather than under-masks: any 11-digit number starting 0–3 is
masked too, which is the safe side for a list that many people read.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"(?<!\d)([0-3]\d)(\d{4})-?\d{5}(?!\d)")


def _masked(match: re.Match[str]) -> str:
    first, rest = match.group(1), match.group(2)
    if first == "32":
        return "32****-*****"
    return f"{first}{rest}-*****"


def mask_personal_codes(text: str) -> str:
    """``text`` with every personal code masked: ``140916-12345`` → ``140916-*****``."""
    return _CODE.sub(_masked, text)
