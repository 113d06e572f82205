"""The API: the same rules as the pages (403 / 404), the same services and audit."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.audit.models import AuditEntry
from sargs.cases.casework.apis import CaseCursorPagination
from sargs.cases.casework.models import Case, CaseStatus, Task
from sargs.cases.concerns import services as concern_services
from sargs.cases.concerns.models import Concern, ConcernStatus
from sargs.cases.tests.helpers import (
    ALL_RATINGS,
    open_case,
    registry_child,
    report,
    school_task,
    today,
)
from sargs.registry.testing import make_child

pytestmark = pytest.mark.django_db

API = "/api/v1"


def concern_body(cast) -> dict:
    return {
        "reporting_institution": cast.institutions["a_school"].pk,
        "child_first_name": "Anna",
        "child_last_name": "Bērziņa",
        "child_birth_date": "2015-03-04",
        "categories": ["neglect"],
        "description": "Izsalkusi.",
        "observed_on": today().isoformat(),
        "place": "school",
        "observed_by": "Skolotāja",
        "danger_to_life": True,
    }


@pytest.mark.parametrize("role", ["councillor", "national_analyst", "administrator"])
def test_roles_without_case_access_are_refused(cast, client_for, role):
    concern, case, _child = open_case(cast)
    client = client_for(getattr(cast, role))
    for url in (
        "/concerns/",
        f"/concerns/{concern.pk}/",
        "/cases/",
        f"/cases/{case.pk}/",
        "/worklist/",
    ):
        assert client.get(API + url).status_code == 403, url
    assert (
        client.post(
            f"{API}/concerns/", concern_body(cast), content_type="application/json"
        ).status_code
        == 403
    )


def test_report_and_triage_over_the_api(cast, client_for):
    school = client_for(cast.school_staff)
    response = school.post(f"{API}/concerns/", concern_body(cast), content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert Concern.objects.get(pk=pk).alerts.count() == 2
    invalid = school.post(
        f"{API}/concerns/",
        {**concern_body(cast), "categories": []},
        content_type="application/json",
    )
    assert invalid.status_code == 400
    child = registry_child(cast)
    assert school.post(f"{API}/concerns/{pk}/accept/", {"child": child.pk}).status_code == 403
    social = client_for(cast.social_worker)
    assert (
        client_for(cast.b_social_worker)
        .post(f"{API}/concerns/{pk}/accept/", {"child": child.pk})
        .status_code
        == 404
    )
    response = social.post(f"{API}/concerns/{pk}/accept/", {"child": child.pk})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ConcernStatus.ACCEPTED
    again = social.post(f"{API}/concerns/{pk}/close/", {"reason": "x"})
    assert again.status_code == 400


def test_reporter_hidden_from_participants_outside_the_case_team(cast, client_for):
    concern, case, _child = open_case(cast)
    school_task(cast, case, institution=cast.institutions["a_provider"])
    # Outside the case team the concern is not visible at all (issue 14 point 4, ADR 0008).
    provider = client_for(cast.provider_staff).get(f"{API}/concerns/{concern.pk}/")
    assert provider.status_code == 404
    assert cast.school_staff.get_full_name() not in provider.content.decode()
    social = client_for(cast.social_worker).get(f"{API}/concerns/{concern.pk}/").json()
    assert social["reporter"]["name"] == cast.school_staff.get_full_name()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("social_worker", 200),
        ("school_staff", 200),
        ("police_officer", 404),
        ("b_social_worker", 404),
    ],
)
def test_case_detail_by_institution(cast, client_for, role, status):
    _concern, case, _child = open_case(cast)
    assert client_for(getattr(cast, role)).get(f"{API}/cases/{case.pk}/").status_code == status


def test_the_school_gets_no_assessment_over_the_api(cast, client_for):
    _concern, case, child = open_case(cast)
    social = client_for(cast.social_worker)
    body = {
        "assessed_on": today().isoformat(),
        "overall_risk": "high",
        "summary": "S",
        "ratings": ALL_RATINGS,
    }
    assert (
        social.post(
            f"{API}/cases/{case.pk}/assessments/", body, content_type="application/json"
        ).status_code
        == 201
    )
    school = client_for(cast.school_staff).get(f"{API}/cases/{case.pk}/").json()
    assert "assessments" not in school
    assert {e["kind"] for e in school["timeline"]} == {"taken_up"}
    whole = social.get(f"{API}/cases/{case.pk}/").json()
    assert len(whole["assessments"]) == 1
    assert AuditEntry.objects.filter(
        actor=cast.school_staff, content_type__model="child", object_pk=str(child.pk)
    ).exists()


def test_tasks_worklist_and_closure_over_the_api(cast, client_for):
    _concern, case, _child = open_case(cast)
    social = client_for(cast.social_worker)
    school = client_for(cast.school_staff)
    body = {"title": "Sekot", "institution": cast.institutions["a_school"].pk, "working_days": 2}
    assert school.post(f"{API}/cases/{case.pk}/tasks/", body).status_code == 403
    response = social.post(f"{API}/cases/{case.pk}/tasks/", body)
    assert response.status_code == 201, response.content
    task_id = response.json()["id"]
    assert [t["id"] for t in school.get(f"{API}/worklist/?tab=institution").json()["results"]] == [
        task_id
    ]
    assert school.get(f"{API}/worklist/?tab=bad").status_code == 400
    assert social.post(f"{API}/cases/{case.pk}/close/", {"outcome": "other"}).status_code == 400
    assert (
        client_for(cast.police_officer).post(f"{API}/tasks/{task_id}/complete/").status_code == 404
    )
    assert school.post(f"{API}/tasks/{task_id}/complete/", {"result": "OK"}).status_code == 200
    assert Task.objects.get(pk=task_id).status == "done"
    response = social.post(f"{API}/cases/{case.pk}/close/", {"outcome": "stayed_in_family"})
    assert response.status_code == 200
    assert response.json()["status"] == CaseStatus.CLOSED
    assert [c["id"] for c in social.get(f"{API}/cases/?closed=1").json()["results"]] == [case.pk]


def test_alert_acknowledge_over_the_api(cast, client_for):
    concern = report(cast, danger=True)
    alert = concern.alerts.get(recipient=cast.institutions["a_court"])
    assert (
        client_for(cast.school_staff).post(f"{API}/alerts/{alert.pk}/acknowledge/").status_code
        == 404
    )
    court = client_for(cast.orphans_court_member)
    assert court.post(f"{API}/alerts/{alert.pk}/acknowledge/").status_code == 200
    assert court.post(f"{API}/alerts/{alert.pk}/acknowledge/").status_code == 400


def test_concern_list_rows_are_audited(cast, client_for):
    for n in range(3):
        report(cast, child_first_name=f"C{n}")
    response = client_for(cast.social_worker).get(f"{API}/concerns/?tab=triage")
    assert response.json()["count"] == 3
    assert (
        AuditEntry.objects.filter(actor=cast.social_worker, content_type__model="concern").count()
        == 3
    )


def test_the_case_list_api_pages_by_a_cursor_without_counting(cast, client_for, monkeypatch):
    """Issue 20: the cases a user sees run to tens of thousands in a big municipality; the API
    pages them by a cursor, newest opened first, and never counts them all."""
    monkeypatch.setattr(CaseCursorPagination, "page_size", 2)
    cases = []
    for n in range(3):
        concern = report(cast, child_first_name=f"C{n}")
        child = make_child(cast.municipality_a, first_name=f"C{n}")
        cases.append(
            concern_services.concern_accept(concern=concern, actor=cast.social_worker, child=child)
        )
    Case.objects.filter(pk=cases[0].pk).update(opened_on=today() - datetime.timedelta(days=2))
    Case.objects.filter(pk=cases[1].pk).update(opened_on=today() - datetime.timedelta(days=1))
    client = client_for(cast.social_worker)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(f"{API}/cases/").json()
    assert "count" not in first and first["previous"] is None
    assert [row["id"] for row in first["results"]] == [cases[2].pk, cases[1].pk]
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert not [sql for sql in counts if '"cases_case"' in sql]
    second = client.get(first["next"]).json()
    assert [row["id"] for row in second["results"]] == [cases[0].pk]
    assert second["next"] is None
