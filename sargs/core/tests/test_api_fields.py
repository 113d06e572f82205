"""A NUL character in a related field's slug is a 400, not a database error (PostgreSQL cannot
compare text holding one; schemathesis found the 500 on POST /api/v1/programme/)."""

from __future__ import annotations

import pytest
from rest_framework.exceptions import ValidationError

from sargs.core.apis import SlugRelatedField
from sargs.organisations.models import Municipality


@pytest.mark.django_db
def test_a_nul_character_is_refused_before_the_lookup():
    field = SlugRelatedField(slug_field="atvk", queryset=Municipality.objects.all())
    with pytest.raises(ValidationError):
        field.to_internal_value("0054\x00000")
    valid = Municipality.objects.first()
    assert field.to_internal_value(valid.atvk) == valid
