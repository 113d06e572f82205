"""Short builders for scenarios, and the reference snapshot without a database."""

from __future__ import annotations

import datetime
from typing import Any

from sargs.jurisdiction.engine import (
    CareFacts,
    ChildFacts,
    MunicipalityRecord,
    MunicipalitySnapshot,
    ParentFacts,
    Role,
    Scenario,
)
from sargs.organisations.reference import SUCCESSORS, municipality_rows

RIGA = "0001000"
DAUGAVPILS = "0002000"
JELGAVA = "0003000"
JURMALA = "0004000"
LIEPAJA = "0005000"
JELGAVAS_NOVADS = "0030000"
MADONA_BEFORE = "0038000"
MADONA = "0038001"
VARAKLANI = "0055000"

MERGER_DAY = datetime.date(2024, 6, 30)
AS_OF = datetime.date(2025, 3, 1)


def reference_snapshot() -> MunicipalitySnapshot:
    """The snapshot the data migration would load, read straight from the shipped CSV."""
    return MunicipalitySnapshot(
        {
            row["atvk"]: MunicipalityRecord(
                row["name"], row["valid_from"], row["valid_to"], SUCCESSORS.get(row["atvk"])
            )
            for row in municipality_rows()
        }
    )


def parent(role: Role, declared: str | None = None, actual: str | None = None) -> ParentFacts:
    """A parent with declared and actual residence codes."""
    return ParentFacts(role=role, declared_residence=declared, actual_residence=actual)


def child(
    declared: str | None = None,
    actual: str | None = None,
    *,
    temporary: str | None = None,
    lives_with: tuple[Role, ...] = (),
    in_danger: bool = False,
    care: tuple[str, datetime.date] | None = None,
) -> ChildFacts:
    """A child; ``care`` is (decided_by, since)."""
    return ChildFacts(
        declared_residence=declared,
        actual_location=actual,
        temporary_residence=temporary,
        lives_with=lives_with,
        in_danger=in_danger,
        out_of_family_care=CareFacts(*care) if care else None,
    )


def scenario(
    the_child: ChildFacts, *parents: ParentFacts, as_of: datetime.date = AS_OF
) -> Scenario:
    """A scenario as of ``as_of`` (1 March 2025 unless given)."""
    return Scenario(as_of=as_of, child=the_child, parents=parents)


def scenario_json(value: Scenario) -> dict[str, Any]:
    """The contract's input JSON for a scenario (the inverse of the parser)."""
    kid = value.child
    care = kid.out_of_family_care
    return {
        "as_of": value.as_of.isoformat(),
        "child": {
            "declared_residence": kid.declared_residence,
            "actual_location": kid.actual_location,
            "temporary_residence": kid.temporary_residence,
            "lives_with": list(kid.lives_with),
            "in_danger": kid.in_danger,
            "out_of_family_care": (
                {"decided_by": care.decided_by, "since": care.since.isoformat()} if care else None
            ),
        },
        "parents": [
            {
                "role": p.role,
                "declared_residence": p.declared_residence,
                "actual_residence": p.actual_residence,
            }
            for p in value.parents
        ],
    }


CONTRACT_EXAMPLE: dict[str, Any] = {
    "as_of": "2025-03-01",
    "child": {
        "declared_residence": "0001000",
        "actual_location": "0004000",
        "temporary_residence": None,
        "lives_with": ["mother"],
        "in_danger": False,
        "out_of_family_care": {"decided_by": "0005000", "since": "2023-05-01"},
    },
    "parents": [
        {"role": "mother", "declared_residence": "0001000", "actual_residence": "0001000"},
        {"role": "father", "declared_residence": None, "actual_residence": "0030000"},
    ],
}
