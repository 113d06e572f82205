"""Strict reading of scenario JSON: every problem is one line naming the field."""

from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import pytest

from sargs.jurisdiction.engine import CareFacts, ChildFacts, ParentFacts, Scenario
from sargs.jurisdiction.scenario import ScenarioError, scenario_from_json, scenario_from_text

from .helpers import CONTRACT_EXAMPLE

_DELETE = object()


def changed(path: str, value: Any) -> dict[str, Any]:
    """The contract example with one field (dotted path, list indexes as numbers) replaced."""
    data = copy.deepcopy(CONTRACT_EXAMPLE)
    *parents, last = path.split(".")
    target: Any = data
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is _DELETE:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


def error_for(data: object, snapshot) -> str:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_json(data, snapshot)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_contract_example_is_read(snapshot) -> None:
    assert scenario_from_json(CONTRACT_EXAMPLE, snapshot) == Scenario(
        as_of=datetime.date(2025, 3, 1),
        child=ChildFacts(
            declared_residence="0001000",
            actual_location="0004000",
            temporary_residence=None,
            lives_with=("mother",),
            in_danger=False,
            out_of_family_care=CareFacts("0005000", datetime.date(2023, 5, 1)),
        ),
        parents=(
            ParentFacts("mother", "0001000", "0001000"),
            ParentFacts("father", None, "0030000"),
        ),
    )


def test_text_is_read(snapshot) -> None:
    text = json.dumps(CONTRACT_EXAMPLE)
    assert scenario_from_text(text, snapshot) == scenario_from_json(CONTRACT_EXAMPLE, snapshot)


@pytest.mark.parametrize("text", ["{", "", "not json", '{"as_of": "2025-03-01",}'])
def test_unreadable_json(snapshot, text: str) -> None:
    with pytest.raises(ScenarioError, match=r"^unreadable JSON: .*\(line \d+, column \d+\)$"):
        scenario_from_text(text, snapshot)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("as_of", "as_of: missing field"),
        ("child", "child: missing field"),
        ("parents", "parents: missing field"),
        ("child.lives_with", "child.lives_with: missing field"),
        ("child.in_danger", "child.in_danger: missing field"),
        ("child.declared_residence", "child.declared_residence: missing field"),
        ("child.out_of_family_care.since", "child.out_of_family_care.since: missing field"),
        ("parents.1.actual_residence", "parents[1].actual_residence: missing field"),
        ("parents.0.role", "parents[0].role: missing field"),
    ],
)
def test_missing_field(snapshot, path: str, message: str) -> None:
    assert error_for(changed(path, _DELETE), snapshot) == message


def test_unknown_field(snapshot) -> None:
    data = changed("child.in_dangr", True)
    assert error_for(data, snapshot) == "child.in_dangr: unknown field"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("child.in_danger", "yes", "child.in_danger: expected true or false, got string"),
        ("child.in_danger", 1, "child.in_danger: expected true or false, got number"),
        ("child.lives_with", "mother", "child.lives_with: expected an array, got string"),
        ("parents", {}, "parents: expected an array, got object"),
        ("child", [], "child: expected an object, got array"),
        (
            "child.declared_residence",
            1000,
            "child.declared_residence: expected an ATVK code string or null, got number",
        ),
        (
            "child.out_of_family_care.decided_by",
            None,
            "child.out_of_family_care.decided_by: expected an ATVK code string, got null",
        ),
        ("as_of", 20250301, "as_of: expected a date yyyy-mm-dd, got number"),
        (
            "parents.0.role",
            "guardian",
            "parents[0].role: expected 'mother' or 'father', got 'guardian'",
        ),
        ("parents.0.role", None, "parents[0].role: expected 'mother' or 'father', got null"),
    ],
)
def test_wrong_type(snapshot, path: str, value: object, message: str) -> None:
    assert error_for(changed(path, value), snapshot) == message


def test_top_level_must_be_an_object(snapshot) -> None:
    assert error_for([CONTRACT_EXAMPLE], snapshot) == "scenario: expected an object, got array"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("child.declared_residence", "0099000"),
        ("child.actual_location", "LV0001000"),
        ("child.temporary_residence", ""),
        ("child.out_of_family_care.decided_by", "1"),
        ("parents.1.actual_residence", "0050000"),
    ],
)
def test_unknown_atvk_code(snapshot, path: str, code: str) -> None:
    shown = path.replace(".1.", "[1].").replace("parents.0.", "parents[0].")
    assert error_for(changed(path, code), snapshot) == f"{shown}: unknown ATVK code '{code}'"


def test_code_not_yet_existing_on_as_of(snapshot) -> None:
    data = changed("as_of", "2024-01-01")
    data["child"]["declared_residence"] = "0038001"
    assert error_for(data, snapshot) == (
        "child.declared_residence: ATVK code '0038001' (Madonas novads) did not exist yet on "
        "01.01.2024"
    )


def test_ended_code_is_accepted(snapshot) -> None:
    data = changed("child.declared_residence", "0055000")
    assert scenario_from_json(data, snapshot).child.declared_residence == "0055000"


@pytest.mark.parametrize(
    "value", ["2025-02-30", "01.03.2025", "2025-3-1", "20250301", "2025-03-01T00:00", "tomorrow"]
)
def test_bad_date(snapshot, value: str) -> None:
    assert error_for(changed("as_of", value), snapshot) == (
        f"as_of: {value!r} is not a date (expected yyyy-mm-dd)"
    )


def test_bad_care_date(snapshot) -> None:
    message = error_for(changed("child.out_of_family_care.since", "2023-13-01"), snapshot)
    assert message.startswith("child.out_of_family_care.since: '2023-13-01' is not a date")


def test_lives_with_must_name_a_listed_parent(snapshot) -> None:
    data = changed("parents", [CONTRACT_EXAMPLE["parents"][1]])
    assert error_for(data, snapshot) == "child.lives_with[0]: 'mother' is not among the parents"


def test_lives_with_no_duplicates(snapshot) -> None:
    data = changed("child.lives_with", ["mother", "mother"])
    assert error_for(data, snapshot) == "child.lives_with[1]: duplicate role 'mother'"


def test_lives_with_only_roles(snapshot) -> None:
    data = changed("child.lives_with", ["grandmother"])
    assert error_for(data, snapshot).startswith("child.lives_with[0]: expected 'mother' or")


def test_at_most_two_parents(snapshot) -> None:
    parents = CONTRACT_EXAMPLE["parents"]
    data = changed("parents", [*parents, parents[0]])
    assert error_for(data, snapshot) == "parents: at most two parents are allowed, got 3"


def test_no_duplicate_parent_roles(snapshot) -> None:
    data = changed("parents.1.role", "mother")
    assert error_for(data, snapshot) == "parents[1].role: duplicate role 'mother'"


def test_no_parents_and_empty_lives_with(snapshot) -> None:
    data = changed("parents", [])
    data["child"]["lives_with"] = []
    assert scenario_from_json(data, snapshot).parents == ()


def test_null_care(snapshot) -> None:
    data = changed("child.out_of_family_care", None)
    assert scenario_from_json(data, snapshot).child.out_of_family_care is None
