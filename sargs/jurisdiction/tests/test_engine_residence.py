"""BTAL 67 parts 1 to 3: the residence of the parents (or the child), without a database."""

from __future__ import annotations

import pytest

from sargs.jurisdiction.engine import (
    MunicipalityRef,
)

from .helpers import (
    DAUGAVPILS,
    JELGAVA,
    JURMALA,
    LIEPAJA,
    MADONA,
    RIGA,
    child,
    parent,
    scenario,
)

RIGA_REF = MunicipalityRef(RIGA, "Rīga")
JURMALA_REF = MunicipalityRef(JURMALA, "Jūrmala")
LIEPAJA_REF = MunicipalityRef(LIEPAJA, "Liepāja")
JELGAVA_REF = MunicipalityRef(JELGAVA, "Jelgava")
MADONA_REF = MunicipalityRef(MADONA, "Madonas novads")


# --- Part 2: the parents' declared residence -------------------------------------------------


def test_both_parents_declared_in_same_municipality(run) -> None:
    decision = run(
        scenario(child(RIGA), parent("mother", RIGA, RIGA), parent("father", RIGA, JURMALA))
    )
    assert decision.status == "determined"
    assert decision.responsible == RIGA_REF
    assert decision.basis == ("BTAL 67(2)",)
    assert decision.reason == (
        "Atbildīgā pašvaldība ir Rīga (0001000), jo tur ir bērna vecāku deklarētā dzīvesvieta "
        "(BTAL 67. panta otrā daļa)."
    )
    assert decision.notes == ()


def test_reason_in_english(run) -> None:
    decision = run(scenario(child(RIGA), parent("mother", RIGA), parent("father", RIGA)), "en")
    assert decision.reason == (
        "The responsible municipality is Rīga (0001000) because the parents' declared residence "
        "is there (BTAL 67(2))."
    )


def test_one_parent_only(run) -> None:
    decision = run(scenario(child(None, LIEPAJA), parent("father", LIEPAJA)))
    assert decision.responsible == LIEPAJA_REF
    assert decision.basis == ("BTAL 67(2)",)
    assert "tēva deklarētā dzīvesvieta" in decision.reason


@pytest.mark.parametrize(
    ("lives_with", "expected"), [("mother", RIGA_REF), ("father", JURMALA_REF)]
)
def test_parents_apart_child_lives_with_one(run, lives_with, expected) -> None:
    value = scenario(
        child(DAUGAVPILS, lives_with=(lives_with,)),
        parent("mother", RIGA),
        parent("father", JURMALA),
    )
    decision = run(value)
    assert decision.status == "determined"
    assert decision.responsible == expected
    assert decision.basis == ("BTAL 67(2)",)
    assert "dažādās pašvaldībās" in decision.reason


def test_parents_apart_child_lives_with_mother_reason(run) -> None:
    value = scenario(
        child(RIGA, lives_with=("mother",)), parent("mother", RIGA), parent("father", JURMALA)
    )
    assert run(value).reason == (
        "Atbildīgā pašvaldība ir Rīga (0001000): vecāku dzīvesvietas ir dažādās pašvaldībās, "
        "bērns dzīvo pie mātes, un tur ir mātes deklarētā dzīvesvieta (BTAL 67. panta otrā daļa)."
    )
    assert run(value, "en").reason == (
        "The responsible municipality is Rīga (0001000): the parents' residences are in different "
        "municipalities, the child lives with the mother, and the mother's declared residence is "
        "there (BTAL 67(2))."
    )


def test_parents_apart_child_lives_with_both_is_undetermined(run) -> None:
    value = scenario(
        child(RIGA, lives_with=("mother", "father")),
        parent("mother", RIGA),
        parent("father", JURMALA),
    )
    decision = run(value, "en")
    assert decision.status == "undetermined"
    assert decision.responsible is None
    assert decision.basis == ()
    assert "lives with both parents" in decision.reason
    assert "Rīga (0001000) and Jūrmala (0004000)" in decision.reason


def test_parents_apart_child_lives_with_neither_is_undetermined(run) -> None:
    value = scenario(child(RIGA), parent("mother", RIGA), parent("father", JURMALA))
    decision = run(value)
    assert decision.status == "undetermined"
    assert decision.responsible is None
    assert decision.reason == (
        "Atbildīgo pašvaldību nevar noteikt: vecāku dzīvesvietas ir dažādās pašvaldībās "
        "(Rīga (0001000) un Jūrmala (0004000)), un bērns nedzīvo ne pie viena no vecākiem; "
        "šo gadījumu BTAL 67. pants neregulē."
    )


def test_child_declared_elsewhere_parents_residence_counts(run) -> None:
    value = scenario(child(JURMALA, JURMALA), parent("mother", RIGA), parent("father", RIGA))
    decision = run(value, "en")
    assert decision.responsible == RIGA_REF
    assert decision.notes == (
        "The child's own declared residence is in another municipality, Jūrmala (0004000), but "
        "the parents' residence counts (BTAL 67(2)).",
    )


def test_child_without_declared_residence_parents_declared_still_counts(run) -> None:
    # Read with 67(2): the parents' declared residence counts even if the child has none and
    # the parents actually live elsewhere (see the engine's docstring).
    value = scenario(child(None), parent("mother", RIGA, JURMALA), parent("father", RIGA, JURMALA))
    decision = run(value)
    assert decision.responsible == RIGA_REF
    assert decision.basis == ("BTAL 67(2)",)
    assert len(decision.notes) == 1
    assert decision.notes[0].startswith("Bērnam nav norādīta deklarētā dzīvesvieta")


def test_declared_residence_wins_over_actual_for_the_same_parent(run) -> None:
    decision = run(scenario(child(None), parent("mother", RIGA, JURMALA)))
    assert decision.responsible == RIGA_REF


# --- Part 3: the parents' actual residence ----------------------------------------------------


def test_no_declared_residence_parents_actual_residence_counts(run) -> None:
    value = scenario(child(None), parent("mother", None, JELGAVA), parent("father", None, JELGAVA))
    decision = run(value)
    assert decision.responsible == JELGAVA_REF
    assert decision.basis == ("BTAL 67(3)",)
    assert decision.reason == (
        "Atbildīgā pašvaldība ir Jelgava (0003000), jo tur ir bērna vecāku faktiskā dzīvesvieta "
        "(BTAL 67. panta trešā daļa). Vecākiem nav norādīta deklarētā dzīvesvieta, tāpēc ņemta "
        "vērā faktiskā."
    )


def test_parents_undeclared_child_declared_elsewhere_actual_counts(run) -> None:
    value = scenario(child(RIGA), parent("mother", None, JELGAVA))
    decision = run(value, "en")
    assert decision.responsible == JELGAVA_REF
    assert decision.basis == ("BTAL 67(3)",)
    assert decision.reason.endswith(
        "No declared residence is given for the mother, so the actual residence counts."
    )
    assert "Rīga (0001000)" in decision.notes[0]


def test_actual_residences_apart_child_lives_with_father(run) -> None:
    value = scenario(
        child(None, lives_with=("father",)),
        parent("mother", None, RIGA),
        parent("father", None, JELGAVA),
    )
    decision = run(value)
    assert decision.responsible == JELGAVA_REF
    assert decision.basis == ("BTAL 67(2)", "BTAL 67(3)")


def test_actual_residences_apart_child_lives_with_neither(run) -> None:
    value = scenario(child(None), parent("mother", None, RIGA), parent("father", None, JELGAVA))
    assert run(value).status == "undetermined"


def test_one_declared_other_actual_same_municipality(run) -> None:
    value = scenario(child(None), parent("mother", RIGA), parent("father", None, RIGA))
    decision = run(value, "en")
    assert decision.responsible == RIGA_REF
    assert decision.basis == ("BTAL 67(2)", "BTAL 67(3)")
    assert "the mother's declared residence and the father's actual residence are there" in (
        decision.reason
    )


@pytest.mark.parametrize(
    ("lives_with", "expected", "basis"),
    [
        ("mother", RIGA_REF, ("BTAL 67(2)",)),
        ("father", JELGAVA_REF, ("BTAL 67(2)", "BTAL 67(3)")),
    ],
)
def test_one_declared_other_only_actual_elsewhere(run, lives_with, expected, basis) -> None:
    value = scenario(
        child(RIGA, lives_with=(lives_with,)),
        parent("mother", RIGA, RIGA),
        parent("father", None, JELGAVA),
    )
    decision = run(value)
    assert decision.responsible == expected
    assert decision.basis == basis


def test_one_declared_other_only_actual_elsewhere_lives_with_neither(run) -> None:
    value = scenario(child(RIGA), parent("mother", RIGA), parent("father", None, JELGAVA))
    assert run(value).status == "undetermined"


@pytest.mark.parametrize("lives_with", [(), ("mother",), ("mother", "father")])
def test_other_parent_residence_unknown_known_parent_counts(run, lives_with) -> None:
    value = scenario(
        child(None, lives_with=lives_with), parent("mother", RIGA), parent("father", None, None)
    )
    decision = run(value, "en")
    assert decision.responsible == RIGA_REF
    assert (
        "The father's residence is not known; only the mother's residence was considered."
        in decision.notes
    )


def test_child_lives_only_with_parent_of_unknown_residence_is_undetermined(run) -> None:
    value = scenario(
        child(RIGA, lives_with=("father",)), parent("mother", RIGA), parent("father", None, None)
    )
    decision = run(value)
    assert decision.status == "undetermined"
    assert "bērns dzīvo pie tēva" in decision.reason


def test_no_residence_known_for_any_parent_is_undetermined(run) -> None:
    value = scenario(child(RIGA, RIGA), parent("mother"), parent("father"))
    decision = run(value, "en")
    assert decision.status == "undetermined"
    assert "neither a declared nor an actual residence of the parents is known" in decision.reason


# --- No parents given ------------------------------------------------------------------------


def test_no_parents_child_declared_residence_used(run) -> None:
    decision = run(scenario(child(LIEPAJA, RIGA)))
    assert decision.responsible == LIEPAJA_REF
    assert decision.basis == ("BTAL 67(1)",)
    assert "paša bērna deklarētā dzīvesvieta" in decision.reason


def test_no_parents_no_declared_residence_is_undetermined(run) -> None:
    # Where the child happens to be is not the child's residence: no guess.
    decision = run(scenario(child(None, RIGA)))
    assert decision.status == "undetermined"
    assert decision.responsible is None
