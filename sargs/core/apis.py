"""Shared helpers for API views."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError

T = TypeVar("T")


def call_service(action: Callable[[], T]) -> T:
    """Call a service; its ValidationError becomes a 400 carrying the same messages."""
    try:
        return action()
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ValidationError(detail) from None
