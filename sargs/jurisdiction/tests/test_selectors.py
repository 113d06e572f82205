"""The snapshot read from the Municipality table matches the shipped reference data."""

from __future__ import annotations

import pytest

from sargs.jurisdiction.engine import MunicipalityRef
from sargs.jurisdiction.selectors import jurisdiction_decide, municipality_snapshot_load

from .helpers import CONTRACT_EXAMPLE, reference_snapshot

pytestmark = pytest.mark.django_db


def test_snapshot_from_database_matches_reference(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        snapshot = municipality_snapshot_load()
    assert snapshot == reference_snapshot()
    assert snapshot.records["0055000"].successor == "0038001"
    assert snapshot.records["0038000"].successor == "0038001"


def test_jurisdiction_decide_end_to_end() -> None:
    decision = jurisdiction_decide(CONTRACT_EXAMPLE, lang="en")
    assert decision.responsible == MunicipalityRef("0005000", "Liepāja")
