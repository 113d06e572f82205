"""django-otp adds ``is_verified`` to users at run time; this reads it with a type."""

from __future__ import annotations

from typing import Any


def is_verified(user: Any) -> bool:
    """Whether the user passed the second factor in this session."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False
