"""The social rehabilitation plan: versions, the family's agreement, tasks per area, and who
may read and change it (services, pages, API)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import RehabilitationPlan
from sargs.cases.tests.helpers import open_case, school_task, today

pytestmark = pytest.mark.django_db

API = "/api/v1"


def review() -> datetime.date:
    return today() + datetime.timedelta(days=60)


def save(cast, case, **goals):
    return case_services.plan_save(
        case=case,
        actor=cast.social_worker,
        review_on=review(),
        goals=goals or {"childcare": "Regulāras maltītes", "budget": "Budžeta plāns"},
    )


def test_every_change_is_a_new_version_that_needs_agreement_again(cast):
    _concern, case, _child = open_case(cast)
    first = save(cast, case)
    assert first.version == 1
    assert set(first.goals.values_list("area", flat=True)) == {"childcare", "budget"}
    case_services.plan_record_agreement(plan=first, actor=cast.social_worker, agreed_on=today())
    with pytest.raises(ValidationError, match="already recorded"):
        case_services.plan_record_agreement(plan=first, actor=cast.social_worker, agreed_on=today())
    with pytest.raises(ValidationError, match="Nothing changed"):
        save(cast, case)
    second = save(cast, case, childcare="Regulāras maltītes", housing="Remonts")
    assert second.version == 2 and second.family_agreed_on is None
    first.refresh_from_db()
    assert first.goals.count() == 2  # the old version is kept as it was
    with pytest.raises(ValidationError, match="current version"):
        case_services.plan_record_agreement(plan=first, actor=cast.social_worker, agreed_on=today())


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"goals": {}}, "at least one area"),
        ({"goals": {"nonsense": "x"}}, "areas of the plan"),
        ({"review_on": datetime.date(2000, 1, 1)}, "future"),
    ],
)
def test_invalid_plans_are_refused(cast, kwargs, message):
    _concern, case, _child = open_case(cast)
    values = {
        "case": case,
        "actor": cast.social_worker,
        "review_on": review(),
        "goals": {"health": "x"},
    }
    values.update(kwargs)
    with pytest.raises(ValidationError, match=message):
        case_services.plan_save(**values)


def test_agreement_date_must_not_be_in_the_future(cast):
    _concern, case, _child = open_case(cast)
    plan = save(cast, case)
    with pytest.raises(ValidationError):
        case_services.plan_record_agreement(
            plan=plan, actor=cast.social_worker, agreed_on=today() + datetime.timedelta(days=1)
        )


def test_only_the_case_managers_plan(cast):
    _concern, case, _child = open_case(cast)
    for user in (cast.school_staff, cast.orphans_court_member, cast.b_social_worker):
        with pytest.raises(PermissionDenied):
            case_services.plan_save(
                case=case, actor=user, review_on=review(), goals={"health": "x"}
            )


def test_plan_tasks_carry_their_area(cast):
    _concern, case, _child = open_case(cast)
    with pytest.raises(ValidationError):
        school_task(cast, case, area="nonsense")
    assert school_task(cast, case, area="education").area == "education"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("social_worker", 200),
        ("coordinator", 200),
        ("orphans_court_member", 200),
        ("school_staff", 403),
        ("police_officer", 404),
        ("b_social_worker", 404),
        ("councillor", 403),
    ],
)
def test_plan_page_and_api_by_institution(cast, client_for, role, status):
    _concern, case, _child = open_case(cast, danger=True)
    save(cast, case)
    client = client_for(getattr(cast, role))
    assert client.get(f"/cases/{case.pk}/plan/").status_code == status
    assert client.get(f"{API}/cases/{case.pk}/plan/").status_code == status


def test_plan_through_the_page_and_the_api(cast, client_for):
    _concern, case, _child = open_case(cast, danger=True)
    client = client_for(cast.social_worker)
    form = {"review_on": review().strftime("%d.%m.%Y"), "goal_childcare": "Maltītes"}
    court = client_for(cast.orphans_court_member)
    assert court.post(f"/cases/{case.pk}/plan/", form).status_code == 403
    assert client.post(f"/cases/{case.pk}/plan/", form).status_code == 302
    plan = RehabilitationPlan.objects.get()
    page = client.get(f"/cases/{case.pk}/plan/")
    assert "Maltītes" in page.content.decode()
    agree = {"agreed_on": today().strftime("%d.%m.%Y"), "note": "Paraksts"}
    assert court.post(f"/cases/{case.pk}/plan/agree/", agree).status_code == 403
    assert client.post(f"/cases/{case.pk}/plan/agree/", agree).status_code == 302
    plan.refresh_from_db()
    assert plan.family_agreed_on == today()
    body = {
        "review_on": review().isoformat(),
        "goals": {"childcare": "Maltītes", "health": "Ārsts"},
    }
    response = client.post(f"{API}/cases/{case.pk}/plan/", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["version"] == 2
    assert (
        client.post(
            f"{API}/cases/{case.pk}/plan/agree/", {"agreed_on": today().isoformat()}
        ).status_code
        == 200
    )
    again = client.post(f"{API}/cases/{case.pk}/plan/agree/", {"agreed_on": today().isoformat()})
    assert again.status_code == 400
