"""The support record for the court shows each problem, its plan goal, the services given and
the gaps correctly; the page, the .docx and the API are for the case team only."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from docx import Document

from sargs.cases.casework import services as case_services
from sargs.cases.court.selectors import support_record
from sargs.cases.referrals import services as rs
from sargs.cases.tests.helpers import ALL_RATINGS, open_case, refer, today

pytestmark = pytest.mark.django_db


def prepared(cast, *, danger: bool = False):
    """Problems: childcare (crisis), budget and housing (some need); the rest none. The plan
    covers childcare and budget; the family assistant worked on childcare and housing."""
    _concern, case, _child = open_case(cast, danger=danger)
    ratings = {**dict.fromkeys(ALL_RATINGS, 0), "childcare": 3, "budget": 1, "housing": 1}
    case_services.assessment_record(
        case=case,
        actor=cast.social_worker,
        assessed_on=today(),
        overall_risk="high",
        summary="S",
        ratings=ratings,
    )
    case_services.plan_save(
        case=case,
        actor=cast.social_worker,
        review_on=today() + datetime.timedelta(days=30),
        goals={"childcare": "Regulāras maltītes", "budget": "Budžets"},
    )
    referral = refer(cast, case, areas=["childcare", "housing"])
    rs.referral_accept(referral=referral, actor=cast.family_assistant)
    rs.referral_start(referral=referral, actor=cast.family_assistant)
    for hours in ("2", "1.5"):
        rs.referral_session_add(
            referral=referral, actor=cast.family_assistant, held_on=today(), hours=Decimal(hours)
        )
    # A referral that never started is no service given.
    refer(cast, case, code="psychologist", areas=["budget"])
    return case


def test_gaps_are_problems_without_a_goal_or_a_service(cast):
    record = support_record(case=prepared(cast))
    rows = {p.area: p for p in record.problems}
    assert list(rows) == ["housing", "budget", "childcare"]  # domain.md §8 order, needs only
    assert rows["childcare"].goals == ["Regulāras maltītes"]
    assert [s.hours for s in rows["childcare"].services] == [Decimal("3.5")]
    assert not rows["childcare"].is_gap
    assert rows["budget"].has_goal and not rows["budget"].has_service and rows["budget"].is_gap
    assert rows["housing"].has_service and not rows["housing"].has_goal and rows["housing"].is_gap
    assert [p.area for p in record.gaps] == ["housing", "budget"]
    assert len(record.services) == 1


def test_a_goal_from_an_earlier_plan_version_still_counts(cast):
    case = prepared(cast)
    case_services.plan_save(
        case=case,
        actor=cast.social_worker,
        review_on=today() + datetime.timedelta(days=60),
        goals={"childcare": "Regulāras maltītes"},
    )
    rows = {p.area: p for p in support_record(case=case).problems}
    assert rows["budget"].goals == ["Budžets"]


def test_no_assessment_no_problems(cast):
    _concern, case, _child = open_case(cast)
    record = support_record(case=case)
    assert record.problems == [] and record.gaps == []


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("social_worker", 200),
        ("orphans_court_member", 200),
        ("family_assistant", 403),
        ("school_staff", 403),
        ("police_officer", 404),
        ("b_social_worker", 404),
        ("councillor", 403),
    ],
)
def test_support_record_page_export_and_api_by_institution(cast, client_for, role, status):
    case = prepared(cast, danger=True)
    client = client_for(getattr(cast, role))
    assert client.get(f"/cases/{case.pk}/support-record/").status_code == status
    assert client.get(f"/cases/{case.pk}/support-record.docx").status_code == status
    assert client.get(f"/api/v1/cases/{case.pk}/support-record/").status_code == status


def test_the_export_is_a_word_document_with_the_gaps(cast, client_for):
    case = prepared(cast)
    client = client_for(cast.social_worker)
    # A document for the court: in Latvian whatever the reader's interface language.
    response = client.get(f"/cases/{case.pk}/support-record.docx", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Problēma")
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == [
        "Problēma",
        "Plāna mērķis",
        "Sniegtie pakalpojumi",
        "Atbalsts nav nodrošināts",
    ]
    by_problem = {row[0].split(" (")[0]: row for row in cells[1:]}
    assert by_problem["Mājoklis"][1] == "Plānā nav mērķa" and by_problem["Mājoklis"][3] == "Jā"
    assert by_problem["Budžeta plānošana"][2] == "Nav pakalpojuma"
    assert by_problem["Bērnu aprūpe un audzināšana"][3] == "Nē"
    api = client.get(f"/api/v1/cases/{case.pk}/support-record/").json()
    assert [p["area"] for p in api["problems"] if p["gap"]] == ["housing", "budget"]
