"""Every municipality's computed indicators in one grouped query per indicator
(``compute_all``), and one municipality's (``compute``) from the same queries filtered."""

from __future__ import annotations

import datetime

import pytest

from sargs.assessment.computed import compute, compute_all
from sargs.assessment.tests.test_quality_computed import dated_case, numbers
from sargs.cases.concerns.models import Concern
from sargs.cases.tests.helpers import report
from sargs.organisations.models import Municipality

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = 2025


def _offence_in_b(cast, day: datetime.date) -> None:
    """An unlinked concern about Anna Bērziņa's offence, kept by municipality B."""
    concern = report(cast, categories=["offence"], place="public")
    Concern.objects.filter(pk=concern.pk).update(observed_on=day, municipality=cast.municipality_b)


def _quiet() -> Municipality:
    return Municipality.objects.create(
        name="Klusā novads",
        atvk="0999999",
        lau="LV0999999",
        kind="novads",
        valid_from=D(2021, 7, 1),
    )


@pytest.fixture
def records(cast):
    # A: one family (the girl born 04.03.2015, 10 in 2025) and the school's concern about her
    # absence (taken up, so linked to her), observed 01.03.2025: the 2nd semester.
    dated_case(cast, D(2025, 3, 1))
    # B: the same unlinked child's offence twice (counts once), and once after the year.
    _offence_in_b(cast, D(2025, 5, 1))
    _offence_in_b(cast, D(2025, 6, 1))
    _offence_in_b(cast, D(2026, 1, 2))
    return cast


def test_every_municipality_in_one_grouped_query(records):
    cast = records
    every = compute_all(YEAR)
    a, b = every[cast.municipality_a.pk], every[cast.municipality_b.pk]
    assert numbers(a, "L1") == {
        "families": 1,
        "children": 1,
        "children|age=0_6": 0,
        "children|age=7_17": 1,
        "children|sex=f": 1,
        "children|sex=m": 0,
    }
    assert numbers(a, "S1") == {"children": 0, "children|sex=f": 0, "children|sex=m": 0}
    assert numbers(b, "L1")["families"] == 0
    assert numbers(b, "S1") == {"children": 1}  # unlinked: no split by sex
    assert numbers(compute_all(YEAR, 2)[cast.municipality_a.pk], "E2") == {
        "pupils": 1,
        "pupils|sex=f": 1,
        "pupils|sex=m": 0,
    }
    assert numbers(compute_all(YEAR, 1)[cast.municipality_a.pk], "E2")["pupils"] == 0


def test_a_municipality_without_records_gets_zeros(records):
    quiet = _quiet()
    every = compute_all(YEAR)
    assert set(every) == set(Municipality.objects.values_list("pk", flat=True))
    assert every[quiet.pk]
    assert not any(every[quiet.pk].values())
    assert every[quiet.pk] == compute(quiet, YEAR)


@pytest.mark.parametrize("semester", [0, 1, 2])
def test_one_municipality_is_the_grouped_figure_filtered(records, semester):
    cast = records
    every = compute_all(YEAR, semester)
    for municipality in (cast.municipality_a, cast.municipality_b):
        assert compute(municipality, YEAR, semester) == every[municipality.pk]
    chosen = compute_all(YEAR, semester, [cast.municipality_b.pk])
    assert chosen == {cast.municipality_b.pk: every[cast.municipality_b.pk]}


def test_the_queries_do_not_grow_with_the_municipalities(records, django_assert_num_queries):
    _quiet()
    # The municipalities, then nine yearly indicators: L1 in two (its cases, its children), S5
    # read from L2's query, F1 and F2 in one.
    with django_assert_num_queries(9):
        compute_all(YEAR)
    with django_assert_num_queries(1):  # E2
        compute_all(YEAR, 1, [records.municipality_a.pk])
