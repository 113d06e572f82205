"""Who holds a permission: roles, each held in some institution types.

A :class:`Grants` is the building block every policy shares. "Case managers" are
coordinators (in an administration or a social service) and social workers *in a social
service*; holding one of those grants in a municipality's institution opens that
municipality's cases. One object answers:

* ``municipalities(principal)`` / ``institutions(principal)``: where the principal holds it
  (what policies filter on);
* ``held_by(principal)`` and ``rule``: whether they hold it anywhere (what views declare);
* ``covers(role, institution_type, national=...)``: whether a role held in that kind of
  institution holds it (what docs/access.md is generated from).

The concrete grants (which roles, which institution types) are facts about roles and live in
``sargs.organisations.grants``; core knows roles only as values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .access import PrincipalRule


def _value(item: Any) -> str:
    """A choice's value (``Role.COORDINATOR`` → ``"coordinator"``); plain strings unchanged."""
    return str(getattr(item, "value", item))


@dataclass(frozen=True)
class Grants:
    """Roles that hold a permission; each role maps to the institution types it must be held
    in (``None``: any). ``level`` says where: ``"municipal"`` grants are held in a
    municipality's institutions (national ones do not count), ``"national"`` in a state-level
    institution, ``"any"`` in either."""

    label: str
    by_role: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    level: str = "any"

    @classmethod
    def of(
        cls, label: str, roles: Mapping[Any, Iterable[Any] | None], level: str = "any"
    ) -> Grants:
        by_role = {
            _value(role): None if types is None else frozenset(_value(t) for t in types)
            for role, types in roles.items()
        }
        return cls(label=label, by_role=by_role, level=level)

    def __or__(self, other: Grants) -> Grants:
        """Both grants' holders (levels must agree)."""
        if self.level != other.level:
            raise ValueError(f"cannot join a {self.level} and a {other.level} grant")
        merged: dict[str, frozenset[str] | None] = dict(self.by_role)
        for role, types in other.by_role.items():
            mine = merged.get(role, frozenset())
            merged[role] = None if mine is None or types is None else mine | types
        return Grants(f"{self.label} or {other.label}", merged, self.level)

    def covers(self, role: Any, institution_type: Any, *, national: bool = False) -> bool:
        """Whether holding ``role`` in an institution of ``institution_type`` (state-level
        when ``national``) holds this grant."""
        if (self.level == "municipal" and national) or (self.level == "national" and not national):
            return False
        key = _value(role)
        if key not in self.by_role:
            return False
        types = self.by_role[key]
        return types is None or _value(institution_type) in types

    def _matching(self, principal: Any) -> Iterable[Any]:
        return (
            g
            for g in principal.grants
            if self.covers(g.role, g.institution_type, national=g.municipality_id is None)
        )

    def held_by(self, principal: Any) -> bool:
        return any(True for _ in self._matching(principal))

    def municipalities(self, principal: Any) -> frozenset[int]:
        """Municipalities in whose institutions the principal holds this grant."""
        return frozenset(
            g.municipality_id for g in self._matching(principal) if g.municipality_id is not None
        )

    def institutions(self, principal: Any) -> frozenset[int]:
        """Institutions in which the principal holds this grant."""
        return frozenset(g.institution_id for g in self._matching(principal))

    @property
    def rule(self) -> HoldsGrant:
        """The view rule "holds this grant somewhere"."""
        return HoldsGrant(self)

    def describe(self) -> str:
        return self.label


class HoldsGrant(PrincipalRule):
    """Access rule: the user holds the grant in some institution."""

    def __init__(self, grants: Grants) -> None:
        self.grants = grants
        self.description = grants.label

    def check(self, principal: Any) -> bool:
        return self.grants.held_by(principal)
