"""Properties of the BTAL 67 engine over generated valid scenarios (no database)."""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sargs.jurisdiction.engine import (
    CareFacts,
    ChildFacts,
    Decision,
    ParentFacts,
    Role,
    Scenario,
    decide,
)
from sargs.jurisdiction.scenario import scenario_from_json

from .helpers import reference_snapshot, scenario_json

SNAPSHOT = reference_snapshot()
OTHER: dict[Role, Role] = {"mother": "father", "father": "mother"}

# Around the Varakļāni merger, and well after it.
DATES = st.dates(datetime.date(2021, 7, 1), datetime.date(2027, 12, 31)) | st.sampled_from(
    [datetime.date(2024, 6, 29), datetime.date(2024, 6, 30)]
)


def usable_codes(day: datetime.date) -> list[str]:
    """Codes a valid scenario may use on ``day``: those that existed then or ended before."""
    return [code for code in SNAPSHOT.codes() if SNAPSHOT.records[code].valid_from <= day]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """Any scenario the parser accepts."""
    as_of = draw(DATES)
    # A few codes only, so that parents and child often share municipalities.
    pool = draw(st.lists(st.sampled_from(usable_codes(as_of)), min_size=1, max_size=4))
    code = st.none() | st.sampled_from(pool)
    roles = draw(st.sampled_from([(), ("mother",), ("father",), ("mother", "father")]))
    parents = tuple(ParentFacts(role, draw(code), draw(code)) for role in roles)
    lives_with = tuple(role for role in roles if draw(st.booleans()))
    care = draw(
        st.none()
        | st.builds(CareFacts, st.sampled_from(pool), st.dates(datetime.date(2015, 1, 1), as_of))
        | st.builds(CareFacts, st.sampled_from(pool), st.just(as_of + datetime.timedelta(days=1)))
    )
    danger = draw(st.booleans())
    the_child = ChildFacts(draw(code), draw(code), draw(code), lives_with, danger, care)
    return Scenario(as_of, the_child, parents)


def answer(decision: Decision) -> tuple[Any, ...]:
    """The decision without its texts (reason and notes depend on the language and wording)."""
    return (
        decision.status,
        decision.responsible,
        decision.basis,
        decision.help_where_child_is,
        decision.temporary_help,
        decision.cost_settlement,
    )


def care_in_effect(value: Scenario) -> bool:
    care = value.child.out_of_family_care
    return care is not None and care.since <= value.as_of


@settings(max_examples=400)
@given(scenarios())
def test_engine_never_raises_and_matches_contract_shape(value: Scenario) -> None:
    for lang in ("lv", "en"):
        data = decide(value, SNAPSHOT, lang).to_dict()
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        assert data["reason"] and "{" not in data["reason"]
        assert all(note and "{" not in note for note in data["notes"])  # type: ignore[attr-defined]


@given(scenarios())
def test_parser_accepts_every_valid_scenario(value: Scenario) -> None:
    assert scenario_from_json(scenario_json(value), SNAPSHOT) == value


@settings(max_examples=300)
@given(scenarios())
def test_undetermined_iff_no_responsible(value: Scenario) -> None:
    decision = decide(value, SNAPSHOT)
    assert (decision.status == "undetermined") == (decision.responsible is None)
    if decision.responsible is not None:
        record = SNAPSHOT.records[decision.responsible.atvk]
        assert record.is_valid_on(value.as_of)
        assert decision.responsible.name == record.name


@given(scenarios())
def test_care_always_gives_the_deciding_municipality(value: Scenario) -> None:
    decision = decide(value, SNAPSHOT)
    care = value.child.out_of_family_care
    if care is not None and care_in_effect(value):
        assert decision.responsible is not None
        assert decision.responsible.atvk == SNAPSHOT.check(care.decided_by, value.as_of)
        assert decision.basis[0] == "BTAL 67(4)"
    else:
        assert "BTAL 67(4)" not in decision.basis


@settings(max_examples=300)
@given(scenarios())
def test_cost_settlement_only_for_care_or_danger_elsewhere(value: Scenario) -> None:
    decision = decide(value, SNAPSHOT)
    location = value.child.actual_location
    expected = (
        (care_in_effect(value) or value.child.in_danger)
        and decision.responsible is not None
        and location is not None
        and SNAPSHOT.check(location, value.as_of) != decision.responsible.atvk
    )
    assert (decision.cost_settlement is not None) == expected
    if decision.cost_settlement is not None:
        assert decision.responsible is not None and location is not None
        assert decision.cost_settlement.payer == decision.responsible.atvk
        assert decision.cost_settlement.provider == SNAPSHOT.check(location, value.as_of)
        assert decision.cost_settlement.payer != decision.cost_settlement.provider


@given(scenarios())
def test_help_and_temporary_help_follow_parts_5_and_6(value: Scenario) -> None:
    decision = decide(value, SNAPSHOT)
    kid = value.child
    assert (decision.help_where_child_is is not None) == (
        kid.in_danger and kid.actual_location is not None
    )
    assert (decision.temporary_help is not None) == (kid.temporary_residence is not None)
    for part, field in ((5, decision.help_where_child_is), (6, decision.temporary_help)):
        assert (f"BTAL 67({part})" in decision.basis) == (field is not None)
    assert ("BTAL 67(7)" in decision.basis) == (decision.cost_settlement is not None)


@given(scenarios())
def test_basis_is_ordered_and_unique(value: Scenario) -> None:
    basis = decide(value, SNAPSHOT).basis
    numbers = [int(item.removeprefix("BTAL 67(").removesuffix(")")) for item in basis]
    assert numbers == sorted(set(numbers))


@settings(max_examples=300)
@given(scenarios())
def test_swapping_mother_and_father_changes_nothing(value: Scenario) -> None:
    lives_with = tuple(OTHER[role] for role in value.child.lives_with)
    swapped = Scenario(
        value.as_of,
        dataclasses.replace(value.child, lives_with=lives_with),
        tuple(dataclasses.replace(p, role=OTHER[p.role]) for p in value.parents),
    )
    assert answer(decide(swapped, SNAPSHOT)) == answer(decide(value, SNAPSHOT))


@settings(max_examples=300)
@given(scenarios(), st.data())
def test_child_own_declared_residence_does_not_count_when_a_parent_declared(
    value: Scenario, data: st.DataObject
) -> None:
    if not any(p.declared_residence for p in value.parents):
        return
    other = data.draw(st.none() | st.sampled_from(usable_codes(value.as_of)))
    changed = dataclasses.replace(
        value, child=dataclasses.replace(value.child, declared_residence=other)
    )
    assert answer(decide(changed, SNAPSHOT)) == answer(decide(value, SNAPSHOT))


@given(scenarios())
def test_language_changes_only_the_texts(value: Scenario) -> None:
    assert answer(decide(value, SNAPSHOT, "lv")) == answer(decide(value, SNAPSHOT, "en"))


@given(scenarios())
def test_ended_codes_and_their_successors_give_the_same_answer(value: Scenario) -> None:
    def current(code: str | None) -> str | None:
        return None if code is None else SNAPSHOT.check(code, value.as_of)

    care = value.child.out_of_family_care
    if care is not None:
        care = CareFacts(SNAPSHOT.check(care.decided_by, value.as_of), care.since)
    mapped = Scenario(
        value.as_of,
        dataclasses.replace(
            value.child,
            declared_residence=current(value.child.declared_residence),
            actual_location=current(value.child.actual_location),
            temporary_residence=current(value.child.temporary_residence),
            out_of_family_care=care,
        ),
        tuple(
            dataclasses.replace(
                p,
                declared_residence=current(p.declared_residence),
                actual_residence=current(p.actual_residence),
            )
            for p in value.parents
        ),
    )
    decision = decide(mapped, SNAPSHOT)
    assert answer(decision) == answer(decide(value, SNAPSHOT))
    assert not any("vairs nepastāvēja" in note for note in decision.notes)
