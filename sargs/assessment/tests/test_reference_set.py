"""The reference data set (issue 17, point 10): a small municipality year built by hand from
records and reports, with every expected figure written out below, not computed by the code
under test. It covers the awkward cases: a child placed on 31 December, custody suspended,
restored and suspended again in one year, two children of one family, a placement decided by
another municipality, a pupil absent in both semesters, and a reported figure that disagrees
with the records. The computed indicators, the quality checks and every output reproduce it.

The records (municipality A, 2025):

* Family 1 (case opened 01.02.2025): Anna (girl, born 04.03.2015) and Jānis (boy, born
  01.06.2019). Anna's mother: custody suspended 01.03., restored 01.06., suspended 01.10.2025.
* Family 2 (case opened 01.11.2025): Līga (girl, born 04.03.2015), placed in a foster family
  on 31.12.2025 by A's orphan's court.
* Family 3 (case opened 01.05.2025): Marta (girl, born 04.03.2015), placed under guardianship
  on 01.06.2025 by the orphan's court of municipality B (BTAL 67(4): B's figure, not A's).
* A pupil, Pēteris Kalniņš (born 05.05.2012), reported for unexcused absence on 10.03.2025
  (2nd semester, January–June) and 10.10.2025 (1st semester, September–December).

The reports (approved): the social service reports L1 families = 2 (the records show 3); the
orphan's court reports F1, F2, F3 as the records show them; the school reports E2 = 1 (a boy)
in each semester. Every other cell is reported as 0.

By hand, from the records: L1 families 3, children 4 (0–6: 1, 7–17: 3; girls 3, boys 1);
F1 suspended 1 (one parent, twice), deprived 0; F2 restored 1; parents who could have been
restored: 0 at the start of the year, 1 in all; F3 (A) children 1, foster family 1, 7–17 1,
girls 1; F3 (B) children 1, guardianship 1; E2 1 in each semester. The year's E2 is 1 (its
September–December semester), never 2. L1 families stands at the reported 2, flagged.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from sargs.assessment.computed import compute
from sargs.assessment.dashboard import index_view, indicator_view
from sargs.assessment.freeze import freeze
from sargs.assessment.quality import run_checks
from sargs.assessment.quality_context import restorable_from_records
from sargs.assessment.report import assessment_json
from sargs.cases.casework.models import Case, CaseChild
from sargs.cases.concerns import services as cs
from sargs.cases.concerns.models import Concern
from sargs.cases.court import services as ps
from sargs.cases.court.models import Placement
from sargs.cases.court.testing import carer_for
from sargs.cases.tests.helpers import report
from sargs.programme import selectors as programme_selectors
from sargs.programme.tests.helpers import draft_programme
from sargs.registry.models import Household
from sargs.registry.services import custody_record_add
from sargs.registry.testing import make_child, make_parent

from .quality_factories import period, submission

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = 2025


def _family(
    cast,
    opened: datetime.date,
    children: list[tuple[str, datetime.date, str]],
    *,
    danger: bool = False,
):
    """A case opened on ``opened`` for a family with ``children`` (first name, born, sex);
    with ``danger`` the orphan's court joins the case (it may then place a child)."""
    first, born, _sex = children[0]
    concern = report(
        cast,
        categories=["neglect"],
        child_first_name=first,
        child_birth_date=born,
        danger=danger,
    )
    household = Household.objects.create(municipality=cast.municipality_a, name=f"{first} ģimene")
    made = [
        make_child(
            cast.municipality_a, first_name=name, birth_date=day, sex=sex, household=household
        )
        for name, day, sex in children
    ]
    case = cs.concern_accept(concern=concern, actor=cast.social_worker, child=made[0])
    for child in made[1:]:
        CaseChild.objects.create(case=case, child=child, added_on=opened)
    Case.objects.filter(pk=case.pk).update(opened_on=opened)
    CaseChild.objects.filter(case=case).update(added_on=opened)
    Concern.objects.filter(pk=concern.pk).update(observed_on=opened)
    case.refresh_from_db()
    return case, made


def _place(cast, case, child, form: str, on: datetime.date):
    return ps.placement_start(
        case=case,
        actor=cast.orphans_court_member,
        child=child,
        form=form,
        **carer_for(
            form,
            court=cast.institutions["a_court"],
            child=child,
            name="Audžuģimene Ozoli" if form == "foster_family" else "Vecmāmiņa",
        ),
        child_opinion="Piekrīt.",
        placed_on=on,
    )


@pytest.fixture
def records(cast):
    girl = "female"
    _case1, (anna, _janis) = _family(
        cast, D(2025, 2, 1), [("Anna", D(2015, 3, 4), girl), ("Jānis", D(2019, 6, 1), "male")]
    )
    mother = make_parent(anna, "mother")
    for status, day, grounds in (
        ("suspended", D(2025, 3, 1), "3"),
        ("restored", D(2025, 6, 1), ""),
        ("suspended", D(2025, 10, 1), "3"),
    ):
        custody_record_add(
            actor=cast.orphans_court_member,
            relation=mother,
            status=status,
            effective_from=day,
            decision_number="1",
            grounds=grounds,
        )
    case2, (liga,) = _family(cast, D(2025, 11, 1), [("Līga", D(2015, 3, 4), girl)], danger=True)
    _place(cast, case2, liga, "foster_family", D(2025, 12, 31))
    case3, (marta,) = _family(cast, D(2025, 5, 1), [("Marta", D(2015, 3, 4), girl)], danger=True)
    elsewhere = _place(cast, case3, marta, "guardianship", D(2025, 6, 1))
    Placement.objects.filter(pk=elsewhere.pk).update(deciding_municipality=cast.municipality_b)
    for day in (D(2025, 3, 10), D(2025, 10, 10)):
        absent = report(
            cast,
            categories=["school_absence"],
            child_first_name="Pēteris",
            child_last_name="Kalniņš",
            child_birth_date=D(2012, 5, 5),
        )
        Concern.objects.filter(pk=absent.pk).update(observed_on=day)


def _reports(cast):
    year, first, second = period(YEAR, 0), period(YEAR, 1), period(YEAR, 2)
    social = {
        ("L1", "families"): 2,  # the records show 3: the report stands, the check warns
        ("L1", "children"): 4,
        ("L1", "children|age=0_6"): 1,
        ("L1", "children|age=7_17"): 3,
        ("L1", "children|sex=f"): 3,
        ("L1", "children|sex=m"): 1,
    }
    court = {
        ("F1", "suspended"): 1,
        ("F2", "restored"): 1,
        ("F3", "children"): 1,
        ("F3", "children|form=foster_family"): 1,
        ("F3", "children|age=7_17"): 1,
        ("F3", "children|sex=f"): 1,
        ("F4", "families"): 1,  # the one family in the court's register (Audžuģimene Ozoli)
        ("F4", "specialised"): 0,
    }
    pupil = {("E2", "pupils"): 1, ("E2", "pupils|sex=m"): 1}
    for key, values in (("a_social", social), ("a_court", court)):
        submission(cast.institutions[key], year, values)
    for key in ("a_admin", "a_police", "a_eduboard", "a_school"):
        submission(cast.institutions[key], year)
    submission(cast.institutions["a_school"], first, pupil)
    submission(cast.institutions["a_school"], second, pupil)


def _numbers(values, code):
    return {cell: int(n) for (c, cell), n in values.items() if c == code}


def test_the_computed_indicators_reproduce_the_records(cast, records):
    year = compute(cast.municipality_a, YEAR)
    assert _numbers(year, "L1") == {
        "families": 3,
        "children": 4,
        "children|age=0_6": 1,
        "children|age=7_17": 3,
        "children|sex=f": 3,
        "children|sex=m": 1,
    }
    assert _numbers(year, "F1") == {"suspended": 1, "deprived": 0}
    assert _numbers(year, "F2") == {"restored": 1}
    assert _numbers(year, "F3") == {
        "children": 1,
        "children|form=foster_family": 1,
        "children|form=guardianship": 0,
        "children|form=institution": 0,
        "children|age=0_6": 0,
        "children|age=7_17": 1,
        "children|sex=f": 1,
        "children|sex=m": 0,
    }
    elsewhere = _numbers(compute(cast.municipality_b, YEAR), "F3")
    assert elsewhere["children"] == 1 and elsewhere["children|form=guardianship"] == 1
    assert _numbers(compute(cast.municipality_a, YEAR, 1), "E2") == {"pupils": 1}
    assert _numbers(compute(cast.municipality_a, YEAR, 2), "E2") == {"pupils": 1}
    assert restorable_from_records(cast.municipality_a, YEAR) == (0, 1)


def test_the_quality_checks_reproduce_it(cast, records):
    _reports(cast)
    with translation.override("en"):
        findings = run_checks(cast.municipality_a, YEAR)
    records_findings = [(f.indicator, f.semester) for f in findings if f.code == "records"]
    assert records_findings == [("L1", 0)]  # 2 reported, 3 in the records; nothing else
    message = next(f.message for f in findings if f.code == "records")
    assert "reported 2, but the system's own records show 3" in message
    assert not [f for f in findings if f.code == "restorable"]  # 1 restored of 1 possible


def test_every_output_reproduces_it(cast, client_for, records):
    _reports(cast)
    assessment = freeze(actor=cast.coordinator, municipality=cast.municipality_a, year=YEAR)
    # The dashboard's overview, for the coordinator (as it is) and a councillor (suppressed).
    _periods, groups = index_view(cast.municipality_a, suppressed=False)
    own = {e.spec.code: e.cells[-1].display for g in groups for e in g.entries}
    assert (own["L1"], own["F1"], own["F2"], own["F3"], own["E2"]) == ("2", "1", "1", "1", "1")
    _periods, groups = index_view(cast.municipality_a, suppressed=True)
    public = {e.spec.code: e.cells[-1].display for g in groups for e in g.entries}
    assert (public["L1"], public["F3"], public["E2"]) == ("<5", "<5", "<5")
    # E2 per semester, in the order they happen; the year is never their sum.
    e2 = indicator_view(cast.municipality_a, "E2", suppressed=False, compare=False)
    with translation.override("en"):
        labels = [p.label for p in e2.periods]
    assert labels == [
        "Jan–Jun 2025 (2nd semester)",
        "Sep–Dec 2025 (1st semester)",
    ]
    assert [c.display for c in e2.measures[0].rows[0].cells] == ["1", "1"]
    # The report's JSON, the command's and the API's (the same content).
    data = assessment_json(assessment, suppressed=False)
    by_code = {i["code"]: i for i in data["indicators"]}
    l1 = by_code["L1"]["periods"][0]["cells"]["families"]
    assert (l1["value"], l1["origin"]) == (2, "reported")
    assert {p["semester"]: p["cells"]["pupils"]["value"] for p in by_code["E2"]["periods"]} == {
        1: 1,
        2: 1,
    }
    api = client_for(cast.coordinator).get("/api/v1/assessment/values/", {"year": YEAR}).json()
    assert api == data
    # The programme's situation description and baseline.
    programme, _activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    version = programme.versions.get()
    assert version.assessment == assessment
    situation = programme_selectors.situation(assessment=assessment, suppress=False)
    rows = {(r.code, r.measure_key): r.values for g in situation.groups for r in g.rows}
    assert rows[("L1", "families")] == ["2"]
    assert rows[("E2", "pupils")] == ["1"]
    assert programme_selectors.frozen_cell(
        assessment=assessment, code="E2", cell="pupils"
    ) == Decimal(1)
