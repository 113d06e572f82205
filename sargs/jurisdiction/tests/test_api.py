"""The API answers with the same engine and the contract's shape."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SCENARIO = {
    "as_of": "2025-03-01",
    "child": {
        "declared_residence": "0001000",
        "actual_location": "0004000",
        "temporary_residence": None,
        "lives_with": ["mother"],
        "in_danger": False,
        "out_of_family_care": None,
    },
    "parents": [
        {"role": "mother", "declared_residence": "0054000", "actual_residence": "0054000"},
        {"role": "father", "declared_residence": "0049000", "actual_residence": "0049000"},
    ],
}


def test_decision_follows_the_parent_the_child_lives_with(cast, client_for):
    response = client_for(cast.social_worker).post(
        "/api/v1/jurisdiction/?lang=en", SCENARIO, content_type="application/json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "determined"
    assert data["responsible"]["atvk"] == "0054000"
    assert data["basis"] == ["BTAL 67(2)"]
    assert "Valmieras novads" in data["reason"]


def test_bad_scenario_is_a_400_naming_the_problem(cast, client_for):
    bad = {**SCENARIO, "as_of": "01.03.2025"}
    response = client_for(cast.social_worker).post(
        "/api/v1/jurisdiction/", bad, content_type="application/json"
    )
    assert response.status_code == 400
    assert "as_of" in response.json()["detail"]


def test_anonymous_callers_are_refused(client):
    response = client.post("/api/v1/jurisdiction/", SCENARIO, content_type="application/json")
    assert response.status_code in (401, 403)
