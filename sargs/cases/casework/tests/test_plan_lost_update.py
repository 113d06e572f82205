"""No lost update on the plan (issue 19 point 1): a save started from an older version of the
plan is refused on the page (both texts shown, the form kept to merge) and in the API (412 with
If-Match, 409 with a stale body version)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import RehabilitationPlan
from sargs.cases.tests.helpers import open_case, today
from sargs.core.versioning import StaleEdit

pytestmark = pytest.mark.django_db

API = "/api/v1"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def review() -> datetime.date:
    return today() + datetime.timedelta(days=60)


def save(cast, case, based_on, **goals):
    return case_services.plan_save(
        case=case, actor=cast.social_worker, review_on=review(), goals=goals, based_on=based_on
    )


def test_a_save_from_an_older_version_is_refused_with_the_newer_goals(cast):
    _concern, case, _child = open_case(cast)
    save(cast, case, 0, childcare="Maltītes")
    with translation.override("en"), pytest.raises(StaleEdit) as refused:
        save(cast, case, 0, childcare="Cits mērķis")
    assert refused.value.revision == 1
    assert refused.value.theirs["goal_childcare"] == "Maltītes"
    assert "Someone else saved this" in refused.value.messages[0]
    assert RehabilitationPlan.objects.filter(case=case).count() == 1
    assert save(cast, case, 1, childcare="Maltītes un miegs").version == 2


def _page_form(revision: int, childcare: str) -> dict[str, object]:
    return {
        "review_on": review().strftime("%d.%m.%Y"),
        "goal_childcare": childcare,
        "revision": revision,
    }


def test_the_second_worker_sees_both_goals_and_saves_the_merge(cast, client_for):
    _concern, case, _child = open_case(cast)
    url = f"/cases/{case.pk}/plan/"
    first = client_for(cast.social_worker)
    second = client_for(cast.coordinator)
    assert 'name="revision" value="0"' in second.get(url).content.decode()
    assert first.post(url, _page_form(0, "Regulāras maltītes")).status_code == 302

    refused = second.post(url, _page_form(0, "Ārsta apmeklējums"), **EN)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this while you were editing it" in page
    assert "Regulāras maltītes" in page and "Ārsta apmeklējums" in page
    assert 'name="revision" value="1"' in page
    assert RehabilitationPlan.objects.filter(case=case).count() == 1

    merged = second.post(url, _page_form(1, "Regulāras maltītes; ārsta apmeklējums"))
    assert merged.status_code == 302
    plan = RehabilitationPlan.objects.filter(case=case).first()
    assert plan.version == 2
    assert plan.goals.get().goal == "Regulāras maltītes; ārsta apmeklējums"


def test_the_api_answers_412_to_a_stale_if_match_and_409_to_a_stale_body(cast, client_for):
    _concern, case, _child = open_case(cast)
    url = f"{API}/cases/{case.pk}/plan/"
    client = client_for(cast.social_worker)
    assert client.get(url)["ETag"] == '"0"'
    body = {"review_on": review().isoformat(), "goals": {"childcare": "Maltītes"}}
    created = client.post(url, body, content_type="application/json", HTTP_IF_MATCH='"0"')
    assert created.status_code == 201 and created["ETag"] == '"1"'

    body["goals"] = {"childcare": "Cits"}
    stale_header = client.post(url, body, content_type="application/json", HTTP_IF_MATCH='"0"')
    assert stale_header.status_code == 412
    assert stale_header.json()["version"] == 1
    assert stale_header.json()["current"]["goal_childcare"] == "Maltītes"

    stale_body = client.post(url, {**body, "version": 0}, content_type="application/json")
    assert stale_body.status_code == 409
    assert stale_body.json()["version"] == 1

    fresh = client.post(url, {**body, "version": 1}, content_type="application/json")
    assert fresh.status_code == 201 and fresh.json()["version"] == 2
