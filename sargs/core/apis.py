"""Shared helpers for API views."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

T = TypeVar("T")


def call_service(action: Callable[[], T]) -> T:
    """Call a service; its ValidationError becomes a 400 carrying the same messages."""
    try:
        return action()
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ValidationError(detail) from None


class SlugRelatedField(serializers.SlugRelatedField):  # type: ignore[type-arg]
    """DRF's SlugRelatedField, refusing a NUL character with a 400 before the lookup:
    PostgreSQL cannot compare a text containing one and would answer 500 (schemathesis found it).
    DRF's CharField has this check built in; its related fields do not."""

    def to_internal_value(self, data: object) -> object:
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)
