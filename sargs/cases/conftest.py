from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """The service tests read messages in English; pages choose per request."""
    with translation.override("en"):
        yield
