"""Indicators computed from the records, as of the period's end."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from sargs.assessment.computed import compute
from sargs.assessment.quality_context import restorable_from_records
from sargs.cases.casework.models import Case, CaseChild
from sargs.cases.concerns import services as cs
from sargs.cases.concerns.models import Concern
from sargs.cases.court import services as ps
from sargs.cases.court.models import Placement
from sargs.cases.court.testing import carer_for
from sargs.cases.referrals import services as rs
from sargs.cases.tests.helpers import open_case, refer, report
from sargs.registry.models import Child, Household
from sargs.registry.services import custody_record_add
from sargs.registry.testing import make_child, make_parent

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = 2025


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def dated_case(cast, opened: datetime.date, *, danger: bool = False):
    """A school's concern taken up into a new case (a new family), dated ``opened``."""
    concern = report(cast, danger=danger)
    household = Household.objects.create(municipality=cast.municipality_a, name="Ģimene")
    child = make_child(cast.municipality_a, household=household, birth_date=D(2015, 3, 4))
    case = cs.concern_accept(concern=concern, actor=cast.social_worker, child=child)
    Case.objects.filter(pk=case.pk).update(opened_on=opened)
    CaseChild.objects.filter(case=case).update(added_on=opened)
    Concern.objects.filter(pk=concern.pk).update(observed_on=opened)
    case.refresh_from_db()
    return case, child


def add_child(cast, case: Case, *, born: datetime.date, sex: str, added: datetime.date) -> Child:
    child = make_child(cast.municipality_a, first_name=f"Bērns{born}", birth_date=born, sex=sex)
    CaseChild.objects.create(case=case, child=child, added_on=added, active=False)
    return child


def numbers(values, code):
    return {cell: int(n) for (c, cell), n in values.items() if c == code}


def test_l1_families_and_children_in_cases_open_during_the_year(cast):
    case, _girl = dated_case(cast, D(2025, 3, 1))  # the girl born 2015
    add_child(cast, case, born=D(2021, 5, 1), sex="male", added=D(2025, 6, 1))
    add_child(cast, case, born=D(2026, 1, 2), sex="male", added=D(2026, 1, 3))  # after the end
    dated_case(cast, D(2026, 1, 5))  # opened after the year: does not count
    closed, _ = dated_case(cast, D(2023, 1, 1))
    Case.objects.filter(pk=closed.pk).update(
        status="closed", closed_on=D(2024, 12, 31), outcome="other"
    )
    assert numbers(compute(cast.municipality_a, YEAR), "L1") == {
        "families": 1,
        "children": 2,
        "children|age=0_6": 1,
        "children|age=7_17": 1,
        "children|sex=f": 1,
        "children|sex=m": 1,
    }
    assert numbers(compute(cast.municipality_b, YEAR), "L1")["families"] == 0


def test_l1_a_child_on_two_cases_counts_once_and_a_case_without_children_is_a_family(cast):
    case, girl = dated_case(cast, D(2025, 3, 1))
    second, _sister = dated_case(cast, D(2025, 4, 1))
    CaseChild.objects.create(case=second, child=girl, added_on=D(2025, 4, 2), active=False)
    empty, _ = dated_case(cast, D(2025, 5, 1))
    CaseChild.objects.filter(case=empty).delete()
    add_child(cast, case, born=D(2006, 12, 31), sex="male", added=D(2025, 3, 1))  # 18 before
    assert numbers(compute(cast.municipality_a, YEAR), "L1") == {
        "families": 3,
        "children": 2,
        "children|age=0_6": 0,
        "children|age=7_17": 2,
        "children|sex=f": 2,
        "children|sex=m": 0,
    }


def started(cast, case, code: str, on: datetime.date):
    referral = refer(cast, case, code=code)
    rs.referral_accept(referral=referral, actor=cast.provider_staff)
    rs.referral_start(referral=referral, actor=cast.family_assistant, started_on=on)
    return referral


def test_l2_s5_from_the_services_families_received(cast):
    case, girl = dated_case(cast, D(2025, 2, 1))
    started(cast, case, "family-assistant", D(2025, 3, 1))
    started(cast, case, "parent-group-no-spanking", D(2025, 4, 1))
    other, _ = dated_case(cast, D(2025, 2, 1))
    started(cast, other, "psychologist", D(2026, 1, 10))  # started after the year
    refer(cast, other, code="family-assistant")  # requested, never started
    values = compute(cast.municipality_a, YEAR)
    l2 = numbers(values, "L2")
    assert l2["families"] == 1 and l2["children"] == 1
    assert l2["families|service=family_assistant"] == 1
    assert l2["families|service=parent_groups"] == 1
    assert l2["families|service=psychologist"] == 0
    assert numbers(values, "S5") == {"participants": 1}
    # N3 is reported: a disability in the registry is only part of "special needs".
    Child.objects.filter(pk=girl.pk).update(has_disability=True)
    assert numbers(compute(cast.municipality_a, YEAR), "N3") == {}


def test_f1_f2_parents_whose_custody_changed_during_the_year(cast):
    _case, child = dated_case(cast, D(2024, 1, 1))
    mother = make_parent(child, "mother")
    father = make_parent(child, "father", first_name="Pēteris")
    court = cast.orphans_court_member

    def record(relation, status, day, grounds=""):
        custody_record_add(
            actor=court,
            relation=relation,
            status=status,
            effective_from=day,
            decision_number="1",
            grounds=grounds,
        )

    record(mother, "suspended", D(2024, 11, 1), "3")  # before the year
    record(father, "suspended", D(2025, 2, 1), "2")
    record(father, "restored", D(2025, 9, 1))
    record(mother, "restored", D(2026, 1, 15))  # after the year
    values = compute(cast.municipality_a, YEAR)
    assert numbers(values, "F1") == {"suspended": 1, "deprived": 0}
    assert numbers(values, "F2") == {"restored": 1}
    assert restorable_from_records(cast.municipality_a, YEAR) == (1, 2)
    assert restorable_from_records(cast.municipality_b, YEAR) is None


def test_f3_children_in_care_at_the_end_of_the_year(cast):
    court = cast.orphans_court_member

    def place(form, carer, on, born=D(2015, 3, 4)):
        case, child = dated_case(cast, D(2024, 1, 1), danger=True)
        Child.objects.filter(pk=child.pk).update(birth_date=born)
        return ps.placement_start(
            case=case,
            actor=court,
            child=child,
            form=form,
            **carer_for(form, court=cast.institutions["a_court"], child=child, name=carer),
            child_opinion="Piekrīt.",
            placed_on=on,
        )

    place("foster_family", "Ozolu ģimene", D(2025, 3, 1))
    place("foster_family", "ozolu ģimene", D(2025, 4, 1), born=D(2020, 1, 1))
    place("specialised_foster", "Liepu ģimene", D(2024, 5, 1))
    place("guardianship", "Vecmāmiņa", D(2025, 12, 31))
    ended = place("institution", "Bērnu nams", D(2024, 5, 1))
    ps.placement_end(placement=ended, actor=court, reason="returned", ended_on=D(2025, 6, 1))
    place("institution", "Bērnu nams", D(2026, 1, 10))  # after the year
    values = compute(cast.municipality_a, YEAR)
    assert numbers(values, "F3") == {
        "children": 4,
        "children|form=foster_family": 3,
        "children|form=guardianship": 1,
        "children|form=institution": 0,
        "children|age=0_6": 1,
        "children|age=7_17": 3,
        "children|sex=f": 4,
        "children|sex=m": 0,
    }
    # F4 from the court's register: the three families named above (two ordinary, one
    # specialised), registered on 01.01.2020 in municipality A.
    assert numbers(values, "F4") == {"families": 3, "specialised": 1}
    assert Placement.objects.count() == 6


def test_concerns_e2_per_semester_e3_at_school_s1_offences(cast):
    def concern(categories, day, place="school", **kwargs):
        c = report(cast, categories=categories, place=place, **kwargs)
        Concern.objects.filter(pk=c.pk).update(observed_on=day)
        return c

    concern(["school_absence"], D(2025, 3, 1))
    concern(["school_absence"], D(2025, 4, 1))  # the same child (name and birth date) again
    concern(["school_absence"], D(2025, 10, 1), child_first_name="Jānis")
    concern(["physical_violence", "emotional_violence"], D(2025, 5, 1))
    concern(["sexual_violence"], D(2025, 5, 1), place="home")  # not at school
    concern(["offence"], D(2025, 5, 1), place="public")
    concern(["offence"], D(2026, 1, 5), place="public")  # after the year
    first = compute(cast.municipality_a, YEAR, 1)
    assert numbers(first, "E2") == {"pupils": 1}  # unlinked: no split by sex
    assert numbers(compute(cast.municipality_a, YEAR, 2), "E2") == {"pupils": 1}
    assert numbers(first, "L1") == {}  # yearly indicators only for the year
    year = compute(cast.municipality_a, YEAR)
    assert "E2" not in {c for c, _ in year}
    assert numbers(year, "E3") == {
        "cases": 1,
        "cases|kind=physical": 1,
        "cases|kind=emotional": 1,
        "cases|kind=sexual": 0,
    }
    assert numbers(year, "S1") == {"children": 1}


def test_linked_concerns_are_split_by_sex(cast):
    concern, _case, _child = open_case(cast)
    Concern.objects.filter(pk=concern.pk).update(observed_on=D(2025, 3, 1))
    # March is in the school's 2nd semester (January–June); the 1st is September–December.
    assert numbers(compute(cast.municipality_a, YEAR, 1), "E2")["pupils"] == 0
    values = compute(cast.municipality_a, YEAR, 2)
    assert numbers(values, "E2") == {"pupils": 1, "pupils|sex=f": 1, "pupils|sex=m": 0}
    assert all(isinstance(v, Decimal) for v in values.values())


def test_one_query_per_indicator(cast, django_assert_max_num_queries):
    dated_case(cast, D(2025, 3, 1))
    with django_assert_max_num_queries(10):  # ten yearly indicators
        compute(cast.municipality_a, YEAR)
    with django_assert_max_num_queries(1):
        compute(cast.municipality_a, YEAR, 1)
