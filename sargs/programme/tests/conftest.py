from __future__ import annotations

import pytest
from django.utils import timezone

from sargs.organisations.testing import Cast

from .helpers import frozen_assessment


@pytest.fixture
def assessments(cast: Cast) -> list:
    return [
        frozen_assessment(cast.municipality_a, 2024),
        frozen_assessment(cast.municipality_a, 2025),
    ]


@pytest.fixture
def today() -> object:
    return timezone.localdate()
