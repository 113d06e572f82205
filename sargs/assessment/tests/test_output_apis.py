"""The read API follows the dashboard's rules: own coordinators read the figures as they are,
everyone else with counts 1–4 suppressed."""

from __future__ import annotations

import pytest

from .output_factories import frozen_assessment, population

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(cast):
    a = cast.municipality_a
    population(a, 2024)
    frozen_assessment(a, 2024, {"F2": {"restored": 3}, "F3": {"children": 40}})


def values(client, **params):
    return client.get("/api/v1/assessment/values/", params)


def restored(data):
    f2 = next(i for i in data["indicators"] if i["code"] == "F2")
    return f2["periods"][0]["cells"]["restored"]


def test_the_coordinator_reads_own_values_unsuppressed(client_for, cast, figures):
    response = values(client_for(cast.coordinator), year=2024)
    assert response.status_code == 200
    assert restored(response.json())["value"] == 3


@pytest.mark.parametrize("user", ["councillor", "national_analyst"])
def test_others_read_them_suppressed(client_for, cast, figures, user):
    data = values(client_for(getattr(cast, user)), year=2024, municipality="0054000").json()
    assert data["suppressed"] is True
    assert restored(data) == {"state": "number", "origin": "reported", "value": None, "shown": "<5"}


def test_other_municipalities_and_open_years_are_not_found(client_for, cast, figures):
    assert (
        values(client_for(cast.b_coordinator), year=2024, municipality="0054000").status_code == 404
    )
    assert values(client_for(cast.coordinator), year=2023).status_code == 404
    assert values(client_for(cast.social_worker), year=2024).status_code == 403


def test_the_dashboard_series(client_for, cast, figures):
    url = "/api/v1/assessment/dashboard/F3/"
    data = client_for(cast.councillor).get(url).json()
    cells = data["measures"][0]["cells"]["children"]
    assert cells["values"] == [{"state": "number", "value": 40}]
    assert cells["per_1000_children"] == ["4.7"]  # 40 of 8,500 children
    f2 = client_for(cast.councillor).get("/api/v1/assessment/dashboard/F2/").json()
    assert f2["measures"][0]["cells"]["restored"]["values"][0]["shown"] == "<5"
    assert client_for(cast.councillor).get("/api/v1/assessment/dashboard/X1/").status_code == 404


def test_the_schema_lists_the_read_api(client_for, cast):
    schema = client_for(cast.coordinator).get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/assessment/values/" in schema["paths"]
    assert "/api/v1/assessment/dashboard/{code}/" in schema["paths"]
