"""Fixtures for the jurisdiction tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sargs.jurisdiction.engine import Decision, Lang, MunicipalitySnapshot, Scenario, decide

from .helpers import reference_snapshot


@pytest.fixture(scope="session")
def snapshot() -> MunicipalitySnapshot:
    """The municipality reference data, without touching the database."""
    return reference_snapshot()


@pytest.fixture
def run(snapshot: MunicipalitySnapshot) -> Callable[..., Decision]:
    """``run(scenario, lang="lv")`` → Decision."""

    def _run(value: Scenario, lang: Lang = "lv") -> Decision:
        return decide(value, snapshot, lang)

    return _run
