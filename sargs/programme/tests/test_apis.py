import pytest

from sargs.programme.models import Programme

from .helpers import approve, draft_programme

pytestmark = pytest.mark.django_db
BASE = "/api/v1/programme/"


def test_list_is_scoped_to_the_municipality(cast, client_for):
    draft_programme(cast.coordinator, cast.municipality_a, cast.institutions["a_social"])
    assert client_for(cast.councillor).get(BASE).json()["count"] == 1
    assert client_for(cast.b_coordinator).get(BASE).json()["count"] == 0


def test_coordinator_creates_and_councillor_cannot(cast, client_for):
    data = {
        "municipality": cast.municipality_a.atvk,
        "title": "P",
        "start_year": 2026,
        "end_year": 2028,
    }
    assert (
        client_for(cast.councillor).post(BASE, data, content_type="application/json").status_code
        == 403
    )
    assert (
        client_for(cast.b_coordinator).post(BASE, data, content_type="application/json").status_code
        == 403
    )
    response = client_for(cast.coordinator).post(BASE, data, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["versions"][0]["status"] == "draft"
    bad = {**data, "end_year": 2020}
    assert (
        client_for(cast.coordinator).post(BASE, bad, content_type="application/json").status_code
        == 400
    )


def test_activities_with_additional_funding(cast, client_for):
    programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    version = programme.versions.get()
    url = f"{BASE}versions/{version.pk}/activities/"
    payload = {
        "priority": activity.priority_id,
        "title": "Atbalsta grupa",
        "responsible": cast.institutions["a_social"].pk,
        "deadline": "2027-06-30",
        "costs": [{"year": 2027, "source": "municipal", "amount": "4000.00"}],
    }
    assert (
        client_for(cast.councillor).post(url, payload, content_type="application/json").status_code
        == 403
    )
    response = client_for(cast.coordinator).post(url, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["costs"] == [{"year": 2027, "source": "municipal", "amount": "4000.00"}]
    assert client_for(cast.councillor).get(url).json()["count"] == 2
    assert client_for(cast.b_coordinator).get(url).status_code == 404


def test_monitoring_reports_by_the_responsible_institution(cast, client_for):
    programme, activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    approve(cast.coordinator, programme)
    url = f"{BASE}activities/{activity.pk}/reports/"
    payload = {"as_of": "2026-07-01", "status": "in_progress", "spent": "1500.00"}
    assert (
        client_for(cast.police_officer)
        .post(url, payload, content_type="application/json")
        .status_code
        == 403
    )
    response = client_for(cast.social_worker).post(url, payload, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["track"] == "on_track"
    future = {**payload, "as_of": "2099-01-01"}
    assert (
        client_for(cast.social_worker)
        .post(url, future, content_type="application/json")
        .status_code
        == 400
    )
    assert Programme.objects.count() == 1
