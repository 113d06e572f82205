"""Reading a scenario (the contract's input JSON) strictly into engine facts.

Nothing is guessed: every field must be present with the right type, every ATVK code must name a
municipality that existed on ``as_of`` (an ended one is fine: the engine maps it to its successor),
and any problem raises ``ScenarioError`` with one line naming the field and what is wrong.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Mapping
from typing import cast

from .facts import CareFacts, ChildFacts, ParentFacts, Role, Scenario
from .snapshot import MunicipalitySnapshot, ResolutionError

ROLES: tuple[Role, ...] = ("mother", "father")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_TOP_FIELDS = ("as_of", "child", "parents")
_CHILD_FIELDS = (
    "declared_residence",
    "actual_location",
    "temporary_residence",
    "lives_with",
    "in_danger",
    "out_of_family_care",
)
_CARE_FIELDS = ("decided_by", "since")
_PARENT_FIELDS = ("role", "declared_residence", "actual_residence")


class ScenarioError(ValueError):
    """Bad scenario input; the message is one line naming the problem."""


def scenario_from_text(text: str, snapshot: MunicipalitySnapshot | None = None) -> Scenario:
    """Parse scenario JSON text; unreadable JSON raises ScenarioError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScenarioError(
            f"unreadable JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    return scenario_from_json(data, snapshot)


def scenario_from_json(data: object, snapshot: MunicipalitySnapshot | None = None) -> Scenario:
    """Validate decoded scenario JSON into a Scenario; the snapshot defaults to the database."""
    if snapshot is None:
        from .selectors import municipality_snapshot_load  # the only database access

        snapshot = municipality_snapshot_load()
    return _Reader(snapshot).scenario(data)


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class _Reader:
    """Field-by-field validation; each method names its field path in errors."""

    def __init__(self, snapshot: MunicipalitySnapshot) -> None:
        self.snapshot = snapshot
        self.as_of = datetime.date.min

    def scenario(self, data: object) -> Scenario:
        top = self.fields(data, "scenario", _TOP_FIELDS)
        # as_of first: the codes below are checked against it.
        self.as_of = self.date(top["as_of"], "as_of")
        parents = self.parents(top["parents"])
        child = self.child(top["child"], {p.role for p in parents})
        return Scenario(as_of=self.as_of, child=child, parents=parents)

    def fields(self, value: object, path: str, names: Iterable[str]) -> Mapping[str, object]:
        """An object with exactly the given fields."""
        if not isinstance(value, dict):
            raise ScenarioError(f"{path}: expected an object, got {_json_type(value)}")
        names = tuple(names)
        for name in names:
            if name not in value:
                raise ScenarioError(f"{_join(path, name)}: missing field")
        for name in value:
            if name not in names:
                raise ScenarioError(f"{_join(path, str(name))}: unknown field")
        return cast("dict[str, object]", value)

    def date(self, value: object, path: str) -> datetime.date:
        """An ISO date string yyyy-mm-dd."""
        if not isinstance(value, str):
            raise ScenarioError(f"{path}: expected a date yyyy-mm-dd, got {_json_type(value)}")
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ScenarioError(f"{path}: {value!r} is not a date (expected yyyy-mm-dd)") from None

    def code(self, value: object, path: str) -> str | None:
        """An ATVK code that stands for a municipality on as_of, or null."""
        if value is None:
            return None
        if not isinstance(value, str):
            raise ScenarioError(
                f"{path}: expected an ATVK code string or null, got {_json_type(value)}"
            )
        return self.required_code(value, path)

    def required_code(self, value: object, path: str) -> str:
        """An ATVK code that stands for a municipality on as_of."""
        if not isinstance(value, str):
            raise ScenarioError(f"{path}: expected an ATVK code string, got {_json_type(value)}")
        try:
            self.snapshot.check(value, self.as_of)
        except ResolutionError as error:
            raise ScenarioError(f"{path}: {error}") from None
        return value

    def boolean(self, value: object, path: str) -> bool:
        """A JSON true/false (not 0/1)."""
        if not isinstance(value, bool):
            raise ScenarioError(f"{path}: expected true or false, got {_json_type(value)}")
        return value

    def role(self, value: object, path: str) -> Role:
        """ "mother" or "father"."""
        if value not in ROLES:
            shown = repr(value) if isinstance(value, str) else _json_type(value)
            raise ScenarioError(f"{path}: expected 'mother' or 'father', got {shown}")
        return cast("Role", value)

    def parents(self, value: object) -> tuple[ParentFacts, ...]:
        """Zero to two parents with distinct roles."""
        if not isinstance(value, list):
            raise ScenarioError(f"parents: expected an array, got {_json_type(value)}")
        if len(value) > 2:
            raise ScenarioError(f"parents: at most two parents are allowed, got {len(value)}")
        parents: list[ParentFacts] = []
        for index, item in enumerate(value):
            path = f"parents[{index}]"
            fields = self.fields(item, path, _PARENT_FIELDS)
            role = self.role(fields["role"], f"{path}.role")
            if any(p.role == role for p in parents):
                raise ScenarioError(f"{path}.role: duplicate role {role!r}")
            parents.append(
                ParentFacts(
                    role=role,
                    declared_residence=self.code(
                        fields["declared_residence"], f"{path}.declared_residence"
                    ),
                    actual_residence=self.code(
                        fields["actual_residence"], f"{path}.actual_residence"
                    ),
                )
            )
        return tuple(parents)

    def child(self, value: object, roles: set[Role]) -> ChildFacts:
        """The child's facts; lives_with must name roles among the parents."""
        fields = self.fields(value, "child", _CHILD_FIELDS)
        return ChildFacts(
            declared_residence=self.code(fields["declared_residence"], "child.declared_residence"),
            actual_location=self.code(fields["actual_location"], "child.actual_location"),
            temporary_residence=self.code(
                fields["temporary_residence"], "child.temporary_residence"
            ),
            lives_with=self.lives_with(fields["lives_with"], roles),
            in_danger=self.boolean(fields["in_danger"], "child.in_danger"),
            out_of_family_care=self.care(fields["out_of_family_care"]),
        )

    def lives_with(self, value: object, roles: set[Role]) -> tuple[Role, ...]:
        """Roles, each at most once and each among the parents."""
        path = "child.lives_with"
        if not isinstance(value, list):
            raise ScenarioError(f"{path}: expected an array, got {_json_type(value)}")
        result: list[Role] = []
        for index, item in enumerate(value):
            role = self.role(item, f"{path}[{index}]")
            if role not in roles:
                raise ScenarioError(f"{path}[{index}]: {role!r} is not among the parents")
            if role in result:
                raise ScenarioError(f"{path}[{index}]: duplicate role {role!r}")
            result.append(role)
        return tuple(result)

    def care(self, value: object) -> CareFacts | None:
        """Out-of-family care, or null."""
        if value is None:
            return None
        path = "child.out_of_family_care"
        fields = self.fields(value, path, _CARE_FIELDS)
        since = self.date(fields["since"], f"{path}.since")
        decided_by = self.required_code(fields["decided_by"], f"{path}.decided_by")
        return CareFacts(decided_by=decided_by, since=since)


def _join(path: str, name: str) -> str:
    return name if path == "scenario" else f"{path}.{name}"


__all__ = ["ROLES", "ScenarioError", "scenario_from_json", "scenario_from_text"]
