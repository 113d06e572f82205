"""Reads for the jurisdiction engine: the municipality snapshot and a one-call decision."""

from __future__ import annotations

from sargs.organisations.models import Municipality

from .engine import Decision, decide
from .scenario import scenario_from_json
from .snapshot import MunicipalityRecord, MunicipalitySnapshot
from .texts import Lang


def municipality_snapshot_load() -> MunicipalitySnapshot:
    """All municipalities with validity and successor codes, in one query."""
    rows = Municipality.objects.values_list(
        "atvk", "name", "valid_from", "valid_to", "successor__atvk"
    )
    return MunicipalitySnapshot(
        {
            atvk: MunicipalityRecord(name, valid_from, valid_to, successor)
            for atvk, name, valid_from, valid_to, successor in rows
        }
    )


def jurisdiction_decide(data: object, *, lang: Lang = "lv") -> Decision:
    """Validate decoded scenario JSON and decide it against the current reference data."""
    snapshot = municipality_snapshot_load()
    return decide(scenario_from_json(data, snapshot), snapshot, lang)
