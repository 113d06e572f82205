"""BTAL 67 parts 4 to 7, the Varakļāni merger and the output shape, without a database."""

from __future__ import annotations

import datetime
import json

import pytest

from sargs.jurisdiction.engine import (
    Assignment,
    CostSettlement,
    MunicipalityRef,
    decide,
)

from .helpers import (
    JELGAVA,
    JELGAVAS_NOVADS,
    JURMALA,
    LIEPAJA,
    MADONA,
    MADONA_BEFORE,
    RIGA,
    VARAKLANI,
    child,
    parent,
    scenario,
)

RIGA_REF = MunicipalityRef(RIGA, "Rīga")
JURMALA_REF = MunicipalityRef(JURMALA, "Jūrmala")
LIEPAJA_REF = MunicipalityRef(LIEPAJA, "Liepāja")
JELGAVA_REF = MunicipalityRef(JELGAVA, "Jelgava")
MADONA_REF = MunicipalityRef(MADONA, "Madonas novads")


# --- Part 4: out-of-family care --------------------------------------------------------------


def test_care_keeps_residence_with_deciding_municipality(run) -> None:
    value = scenario(
        child(RIGA, LIEPAJA, care=(LIEPAJA, datetime.date(2023, 5, 1))),
        parent("mother", RIGA),
        parent("father", RIGA),
    )
    decision = run(value)
    assert decision.responsible == LIEPAJA_REF
    assert decision.basis == ("BTAL 67(4)",)
    assert decision.cost_settlement is None
    assert "kopš 01.05.2023" in decision.reason


def test_care_with_child_elsewhere_settles_costs(run) -> None:
    value = scenario(
        child(RIGA, JURMALA, lives_with=("mother",), care=(LIEPAJA, datetime.date(2023, 5, 1))),
        parent("mother", RIGA, RIGA),
        parent("father", None, JELGAVAS_NOVADS),
    )
    decision = run(value)
    assert decision.responsible == LIEPAJA_REF
    assert decision.basis == ("BTAL 67(4)", "BTAL 67(7)")
    assert decision.cost_settlement == CostSettlement(payer=LIEPAJA, provider=JURMALA)


def test_care_beginning_after_as_of_is_not_applied(run) -> None:
    value = scenario(child(None, care=(LIEPAJA, datetime.date(2025, 6, 1))), parent("mother", RIGA))
    decision = run(value, "en")
    assert decision.responsible == RIGA_REF
    assert decision.basis == ("BTAL 67(2)",)
    assert (
        "The out-of-family care begins only on 01.06.2025, so BTAL 67(4) does not apply yet on "
        "01.03.2025." in decision.notes
    )


def test_care_decided_by_varaklani_is_now_madona(run) -> None:
    value = scenario(child(None, MADONA, care=(VARAKLANI, datetime.date(2023, 5, 1))))
    decision = run(value, "en")
    assert decision.responsible == MADONA_REF
    assert decision.cost_settlement is None
    assert decision.notes == (
        "Varakļānu novads (0055000) no longer existed on 01.03.2025; its successor Madonas "
        "novads (0038001) is used.",
    )


# --- Part 5: danger ----------------------------------------------------------------------------


def test_danger_help_where_child_is_and_costs(run) -> None:
    value = scenario(child(RIGA, LIEPAJA, in_danger=True), parent("mother", RIGA))
    decision = run(value)
    assert decision.responsible == RIGA_REF
    assert decision.help_where_child_is == Assignment(LIEPAJA, "Liepāja", "BTAL 67(5)")
    assert decision.cost_settlement == CostSettlement(payer=RIGA, provider=LIEPAJA)
    assert decision.basis == ("BTAL 67(2)", "BTAL 67(5)", "BTAL 67(7)")


def test_danger_in_responsible_municipality_no_costs(run) -> None:
    value = scenario(child(RIGA, RIGA, in_danger=True), parent("mother", RIGA))
    decision = run(value)
    assert decision.help_where_child_is == Assignment(RIGA, "Rīga", "BTAL 67(5)")
    assert decision.cost_settlement is None
    assert decision.basis == ("BTAL 67(2)", "BTAL 67(5)")


def test_danger_location_unknown_gives_note(run) -> None:
    decision = run(scenario(child(RIGA, None, in_danger=True), parent("mother", RIGA)), "en")
    assert decision.help_where_child_is is None
    assert decision.cost_settlement is None
    assert decision.basis == ("BTAL 67(2)",)
    assert decision.notes[-1].startswith("The child is in conditions dangerous to life or health")


def test_danger_with_undetermined_responsibility(run) -> None:
    value = scenario(
        child(None, JURMALA, in_danger=True), parent("mother", RIGA), parent("father", JELGAVA)
    )
    decision = run(value)
    assert decision.status == "undetermined"
    assert decision.help_where_child_is == Assignment(JURMALA, "Jūrmala", "BTAL 67(5)")
    assert decision.cost_settlement is None
    assert decision.basis == ("BTAL 67(5)",)
    assert any("septītā daļa" in note for note in decision.notes)


def test_child_elsewhere_without_care_or_danger_settles_nothing(run) -> None:
    decision = run(scenario(child(RIGA, LIEPAJA), parent("mother", RIGA)))
    assert decision.cost_settlement is None
    assert decision.help_where_child_is is None


def test_care_and_danger_together(run) -> None:
    value = scenario(
        child(None, JURMALA, in_danger=True, care=(LIEPAJA, datetime.date(2024, 1, 1)))
    )
    decision = run(value)
    assert decision.responsible == LIEPAJA_REF
    assert decision.basis == ("BTAL 67(4)", "BTAL 67(5)", "BTAL 67(7)")
    assert decision.cost_settlement == CostSettlement(payer=LIEPAJA, provider=JURMALA)


# --- Part 6: temporary residence ---------------------------------------------------------------


def test_temporary_residence_gives_temporary_help(run) -> None:
    value = scenario(child(RIGA, JURMALA, temporary=JURMALA), parent("mother", RIGA))
    decision = run(value)
    assert decision.responsible == RIGA_REF
    assert decision.temporary_help == Assignment(JURMALA, "Jūrmala", "BTAL 67(6)")
    assert decision.cost_settlement is None
    assert decision.basis == ("BTAL 67(2)", "BTAL 67(6)")


def test_temporary_residence_and_danger(run) -> None:
    value = scenario(
        child(RIGA, LIEPAJA, temporary=LIEPAJA, in_danger=True), parent("mother", RIGA)
    )
    decision = run(value)
    assert decision.basis == ("BTAL 67(2)", "BTAL 67(5)", "BTAL 67(6)", "BTAL 67(7)")


# --- The Varakļāni merger --------------------------------------------------------------------


def test_varaklani_before_merger_is_itself(run) -> None:
    value = scenario(
        child(VARAKLANI), parent("mother", VARAKLANI), as_of=datetime.date(2024, 6, 29)
    )
    decision = run(value)
    assert decision.responsible == MunicipalityRef(VARAKLANI, "Varakļānu novads")
    assert decision.notes == ()


def test_varaklani_after_merger_is_madona_with_note(run) -> None:
    value = scenario(child(None), parent("mother", VARAKLANI), as_of=datetime.date(2024, 6, 30))
    decision = run(value)
    assert decision.responsible == MADONA_REF
    assert decision.notes == (
        "Varakļānu novads (0055000) 30.06.2024 vairs nepastāvēja; izmantots pēctecis "
        "Madonas novads (0038001).",
        "Bērnam nav norādīta deklarētā dzīvesvieta; noteicošā joprojām ir vecāku deklarētā "
        "dzīvesvieta (BTAL 67. panta otrā daļa).",
    )


def test_parents_in_varaklani_and_madona_are_one_territory_after_merger(run) -> None:
    value = scenario(child(None), parent("mother", VARAKLANI), parent("father", MADONA))
    decision = run(value)
    assert decision.status == "determined"
    assert decision.responsible == MADONA_REF


def test_parents_in_varaklani_and_madona_were_apart_before_merger(run) -> None:
    value = scenario(
        child(None),
        parent("mother", VARAKLANI),
        parent("father", MADONA_BEFORE),
        as_of=datetime.date(2024, 1, 1),
    )
    assert run(value).status == "undetermined"


def test_old_madona_code_maps_to_new(run) -> None:
    decision = run(scenario(child(None), parent("father", MADONA_BEFORE)))
    assert decision.responsible == MADONA_REF
    assert "Madonas novads (pirms apvienošanas) (0038000)" in decision.notes[0]


# --- Output shape ----------------------------------------------------------------------------


def test_to_dict_has_exactly_the_contract_shape(run) -> None:
    value = scenario(
        child(RIGA, JURMALA, temporary=JURMALA, in_danger=True), parent("mother", RIGA)
    )
    data = run(value).to_dict()
    assert list(data) == [
        "as_of",
        "status",
        "responsible",
        "basis",
        "reason",
        "help_where_child_is",
        "temporary_help",
        "cost_settlement",
        "notes",
    ]
    assert data["as_of"] == "2025-03-01"
    assert data["responsible"] == {"atvk": RIGA, "name": "Rīga"}
    assert data["help_where_child_is"] == {
        "atvk": JURMALA,
        "name": "Jūrmala",
        "basis": "BTAL 67(5)",
    }
    assert data["temporary_help"] == {"atvk": JURMALA, "name": "Jūrmala", "basis": "BTAL 67(6)"}
    assert data["cost_settlement"] == {"payer": RIGA, "provider": JURMALA, "basis": "BTAL 67(7)"}
    assert isinstance(data["basis"], list)
    assert isinstance(data["notes"], list)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_undetermined_to_dict(run) -> None:
    data = run(scenario(child(None))).to_dict()
    assert data["status"] == "undetermined"
    assert data["responsible"] is None
    assert data["basis"] == []
    assert data["cost_settlement"] is None


def test_unsupported_language_is_refused(snapshot) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        decide(scenario(child(RIGA)), snapshot, "de")  # type: ignore[arg-type]
