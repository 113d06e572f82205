"""The engine's input facts and its answer, as frozen dataclasses shaped like the contract JSON.

See the jurisdiction contract (shared/contracts/jurisdiction.md): ``Scenario`` mirrors the
input and ``Decision.to_dict()`` produces the output exactly.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from .snapshot import MunicipalityRef

Role = Literal["mother", "father"]
Status = Literal["determined", "undetermined"]


def cite(part: int) -> str:
    """The contract's way of naming a part: "BTAL 67(2)"."""
    return f"BTAL 67({part})"


@dataclass(frozen=True)
class CareFacts:
    """Out-of-family care: which municipality decided it, and since when."""

    decided_by: str
    since: datetime.date


@dataclass(frozen=True)
class ChildFacts:
    """What is known about the child; ATVK codes, ``None`` meaning not known or none."""

    declared_residence: str | None = None
    actual_location: str | None = None
    temporary_residence: str | None = None
    lives_with: tuple[Role, ...] = ()
    in_danger: bool = False
    out_of_family_care: CareFacts | None = None


@dataclass(frozen=True)
class ParentFacts:
    """One parent's role and residences; ATVK codes or ``None``."""

    role: Role
    declared_residence: str | None = None
    actual_residence: str | None = None


@dataclass(frozen=True)
class Scenario:
    """One child's situation as of a date (validated by ``scenario.scenario_from_json``)."""

    as_of: datetime.date
    child: ChildFacts
    parents: tuple[ParentFacts, ...] = ()


@dataclass(frozen=True)
class Assignment:
    """A municipality giving help under a given part: ``{"atvk", "name", "basis"}``."""

    atvk: str
    name: str
    basis: str

    def to_dict(self) -> dict[str, str]:
        """The contract's JSON object."""
        return {"atvk": self.atvk, "name": self.name, "basis": self.basis}


@dataclass(frozen=True)
class CostSettlement:
    """Who pays (the responsible municipality) and who provides (where the child is)."""

    payer: str
    provider: str
    basis: str = cite(7)

    def to_dict(self) -> dict[str, str]:
        """The contract's JSON object."""
        return {"payer": self.payer, "provider": self.provider, "basis": self.basis}


@dataclass(frozen=True)
class Decision:
    """The answer, shaped exactly like the contract's output JSON."""

    as_of: datetime.date
    status: Status
    responsible: MunicipalityRef | None
    basis: tuple[str, ...]
    reason: str
    help_where_child_is: Assignment | None = None
    temporary_help: Assignment | None = None
    cost_settlement: CostSettlement | None = None
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The contract's JSON object, keys in the contract's order."""
        return {
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "responsible": self.responsible.to_dict() if self.responsible else None,
            "basis": list(self.basis),
            "reason": self.reason,
            "help_where_child_is": _dict_or_none(self.help_where_child_is),
            "temporary_help": _dict_or_none(self.temporary_help),
            "cost_settlement": _dict_or_none(self.cost_settlement),
            "notes": list(self.notes),
        }


def _dict_or_none(value: Assignment | CostSettlement | None) -> dict[str, str] | None:
    return value.to_dict() if value is not None else None
