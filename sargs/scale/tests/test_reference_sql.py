"""The benchmark's hand-written SQL gives the same figures as ``assessment.computed`` on the
same records (otherwise the comparison of their speed would mean nothing)."""

from __future__ import annotations

import datetime

import pytest

from sargs.assessment.computed import compute, compute_all
from sargs.assessment.tests.test_quality_computed import add_child, dated_case, started
from sargs.cases.concerns.models import Concern
from sargs.cases.court import services as ps
from sargs.cases.court.testing import carer_for
from sargs.cases.tests.helpers import open_case, report
from sargs.registry.models import Child
from sargs.registry.services import custody_record_add
from sargs.registry.testing import make_parent
from sargs.scale.benchmark.reference_sql import compute_sql

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = 2025


def _records(cast) -> None:
    """A bit of everything the computed indicators read, in and around 2025."""
    case, girl = dated_case(cast, D(2025, 3, 1))
    add_child(cast, case, born=D(2021, 5, 1), sex="male", added=D(2025, 6, 1))
    add_child(cast, case, born=D(2026, 1, 2), sex="male", added=D(2026, 1, 3))
    dated_case(cast, D(2026, 1, 5))
    started(cast, case, "family-assistant", D(2025, 3, 1))
    started(cast, case, "parent-group-no-spanking", D(2025, 4, 1))
    other, _ = dated_case(cast, D(2025, 2, 1))
    started(cast, other, "psychologist", D(2025, 5, 10))
    Child.objects.filter(pk=girl.pk).update(has_disability=True)

    mother = make_parent(girl, "mother")
    father = make_parent(girl, "father", first_name="Pēteris")
    for relation, status, day, grounds in [
        (mother, "suspended", D(2025, 1, 10), "3"),
        (father, "suspended", D(2025, 2, 1), "2"),
        (father, "restored", D(2025, 9, 1), ""),
    ]:
        custody_record_add(
            actor=cast.orphans_court_member,
            relation=relation,
            status=status,
            effective_from=day,
            decision_number="1",
            grounds=grounds,
        )

    for form, carer, on in [
        ("foster_family", "Ozolu ģimene", D(2025, 3, 1)),
        ("specialised_foster", "Liepu ģimene", D(2024, 5, 1)),
        ("guardianship", "Vecmāmiņa", D(2025, 12, 31)),
    ]:
        placed_case, child = dated_case(cast, D(2024, 1, 1), danger=True)
        ps.placement_start(
            case=placed_case,
            actor=cast.orphans_court_member,
            child=child,
            form=form,
            **carer_for(form, court=cast.institutions["a_court"], child=child, name=carer),
            child_opinion="Piekrīt.",
            placed_on=on,
        )

    for categories, day, place, name in [
        (["school_absence"], D(2025, 3, 1), "school", "Anna"),
        (["school_absence"], D(2025, 4, 1), "school", "Anna"),
        (["school_absence"], D(2025, 10, 1), "school", "Jānis"),
        (["physical_violence", "emotional_violence"], D(2025, 5, 1), "school", "Anna"),
        (["sexual_violence"], D(2025, 5, 1), "home", "Anna"),
        (["offence"], D(2025, 5, 1), "public", "Anna"),
    ]:
        c = report(cast, categories=categories, place=place, child_first_name=name)
        Concern.objects.filter(pk=c.pk).update(observed_on=day)
    linked, _case, _child = open_case(cast)
    Concern.objects.filter(pk=linked.pk).update(observed_on=D(2025, 8, 1))


def _non_zero(figures):
    return {key: value for key, value in figures.items() if value}


@pytest.mark.parametrize("semester", [0, 1, 2])
def test_hand_written_sql_gives_the_orm_figures(cast, semester):
    _records(cast)
    for municipality in (cast.municipality_a, cast.municipality_b):
        orm = _non_zero(compute(municipality, YEAR, semester))
        one = {
            (code, cell): v
            for (m, code, cell), v in _non_zero(
                compute_sql(YEAR, semester, municipality.pk)
            ).items()
        }
        every = {
            (code, cell): v
            for (m, code, cell), v in _non_zero(compute_sql(YEAR, semester)).items()
            if m == municipality.pk
        }
        assert one == orm
        assert every == orm
    assert compute_sql(YEAR, semester, cast.municipality_a.pk)  # the records did count


@pytest.mark.parametrize("semester", [0, 1, 2])
def test_every_municipality_at_once_gives_the_grouped_sql_figures(cast, semester):
    _records(cast)
    grouped = {
        (m, code, cell): v
        for m, values in compute_all(YEAR, semester).items()
        for (code, cell), v in values.items()
    }
    assert _non_zero(grouped) == _non_zero(compute_sql(YEAR, semester))
    assert _non_zero(grouped)  # the records did count
