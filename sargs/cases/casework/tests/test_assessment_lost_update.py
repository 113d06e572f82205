"""No lost update on the needs and risk assessment (issue 19 point 1): an assessment made
after an older one than the last recorded is refused on the page (the other person's assessment
shown beside yours, the form kept to merge) and in the API (412 with If-Match, 409 with a stale
body version)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import Assessment
from sargs.cases.tests.helpers import ALL_RATINGS, open_case, today
from sargs.core.versioning import StaleEdit

pytestmark = pytest.mark.django_db

API = "/api/v1"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def record(cast, case, based_on, *, risk="medium", summary="Kopsavilkums", **ratings):
    return case_services.assessment_record(
        case=case,
        actor=cast.social_worker,
        assessed_on=today(),
        overall_risk=risk,
        summary=summary,
        ratings={**ALL_RATINGS, **ratings},
        based_on=based_on,
    )


def test_assessments_are_numbered_and_one_made_after_an_older_one_is_refused(cast):
    _concern, case, _child = open_case(cast)
    assert record(cast, case, 0, risk="high", summary="Pirmais").version == 1

    with translation.override("en"), pytest.raises(StaleEdit) as refused:
        record(cast, case, 0, risk="low", summary="Otrais")

    assert refused.value.revision == 1
    assert refused.value.theirs["overall_risk"] == "high"
    assert refused.value.theirs["summary"] == "Pirmais"
    assert "Someone else saved this" in refused.value.messages[0]
    assert Assessment.objects.filter(case=case).count() == 1
    assert record(cast, case, 1, summary="Otrais, zinot pirmo").version == 2
    assert record(cast, case, None, summary="Skripts nepārbauda").version == 3


def _page_form(revision: int, *, risk: str, summary: str, housing: str = "1") -> dict[str, str]:
    form = {
        "assessed_on": today().strftime("%d.%m.%Y"),
        "overall_risk": risk,
        "summary": summary,
        "revision": str(revision),
    }
    form.update({f"rating_{area}": "1" for area in ALL_RATINGS})
    form["rating_housing"] = housing
    return form


def test_the_second_worker_sees_both_assessments_and_records_the_merge(cast, client_for):
    _concern, case, _child = open_case(cast)
    url = f"/cases/{case.pk}/assessments/new/"
    first = client_for(cast.social_worker)
    second = client_for(cast.coordinator)
    assert 'name="revision" value="0"' in second.get(url).content.decode()
    done = first.post(url, _page_form(0, risk="high", summary="Mājoklis bez apkures", housing="3"))
    assert done.status_code == 302

    refused = second.post(url, _page_form(0, risk="low", summary="Viss kārtībā"), **EN)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this while you were editing it" in page
    assert "What changed meanwhile" in page
    # theirs beside yours, the choices by their labels
    assert "Mājoklis bez apkures" in page and "Viss kārtībā" in page
    assert "Very high" not in page.split("What changed meanwhile")[1].split("</table>")[0]
    changed = page.split("What changed meanwhile")[1].split("</table>")[0]
    assert ">High<" in changed and ">Low<" in changed
    assert ">Crisis<" in changed and ">Some need<" in changed  # housing: 3 theirs, 1 yours
    assert 'name="revision" value="1"' in page
    assert Assessment.objects.filter(case=case).count() == 1

    merged = second.post(url, _page_form(1, risk="high", summary="Mājoklis; citādi kārtībā"))
    assert merged.status_code == 302
    latest = Assessment.objects.filter(case=case).order_by("-version").first()
    assert (latest.version, latest.summary) == (2, "Mājoklis; citādi kārtībā")


def test_the_api_gives_the_version_as_etag_and_refuses_a_stale_one(cast, client_for):
    _concern, case, _child = open_case(cast)
    url = f"{API}/cases/{case.pk}/assessments/"
    client = client_for(cast.social_worker)
    empty = client.get(url)
    assert empty.status_code == 200 and empty["ETag"] == '"0"'
    assert empty.json() == {"version": 0, "assessments": []}
    body = {
        "assessed_on": today().isoformat(),
        "overall_risk": "high",
        "summary": "Pirmais",
        "ratings": dict.fromkeys(ALL_RATINGS, 1),
    }
    created = client.post(url, body, content_type="application/json", HTTP_IF_MATCH='"0"')
    assert created.status_code == 201 and created["ETag"] == '"1"'
    assert created.json()["version"] == 1

    other = {**body, "overall_risk": "low", "summary": "Otrais"}
    stale_header = client.post(url, other, content_type="application/json", HTTP_IF_MATCH='"0"')
    assert stale_header.status_code == 412
    assert stale_header.json()["version"] == 1
    assert stale_header.json()["current"]["summary"] == "Pirmais"
    assert stale_header.json()["current"]["assessed_on"] == today().isoformat()

    stale_body = client.post(url, {**other, "version": 0}, content_type="application/json")
    assert stale_body.status_code == 409 and stale_body.json()["version"] == 1
    assert Assessment.objects.filter(case=case).count() == 1

    fresh = client.post(url, {**other, "version": 1}, content_type="application/json")
    assert fresh.status_code == 201 and fresh.json()["version"] == 2
    listed = client.get(url)
    assert listed["ETag"] == '"2"'
    assert [a["summary"] for a in listed.json()["assessments"]] == ["Otrais", "Pirmais"]


def test_the_api_reads_are_the_case_teams_and_writes_the_managers(cast, client_for):
    _concern, case, _child = open_case(cast)
    url = f"{API}/cases/{case.pk}/assessments/"
    assert client_for(cast.police_officer).get(url).status_code in (403, 404)
    body = {
        "assessed_on": (today() - datetime.timedelta(days=1)).isoformat(),
        "overall_risk": "low",
        "summary": "S",
        "ratings": dict.fromkeys(ALL_RATINGS, 0),
    }
    refused = client_for(cast.school_staff).post(url, body, content_type="application/json")
    assert refused.status_code in (403, 404)
    assert not Assessment.objects.filter(case=case).exists()


def test_the_services_other_refusals_show_on_the_versioned_form(cast, client_for):
    _concern, case, _child = open_case(cast)
    form = _page_form(0, risk="low", summary="Nākotnē")
    form["assessed_on"] = (today() + datetime.timedelta(days=3)).strftime("%d.%m.%Y")

    refused = client_for(cast.social_worker).post(f"/cases/{case.pk}/assessments/new/", form, **EN)

    assert refused.status_code == 200
    assert "The date must not be in the future." in refused.content.decode()
    assert not Assessment.objects.filter(case=case).exists()
