"""The API applies the same policies as the pages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_schema_is_published_as_openapi(cast, client_for):
    response = client_for(cast.social_worker).get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/institutions/" in schema["paths"]


def test_institution_list_is_scoped_like_the_page(cast, client_for):
    data = client_for(cast.social_worker).get("/api/v1/institutions/").json()
    names = {row["name"] for row in data["results"]}
    assert cast.institutions["a_school"].name in names
    assert cast.institutions["b_social"].name not in names


def test_institution_of_another_municipality_is_404(cast, client_for):
    pk = cast.institutions["b_social"].pk
    assert client_for(cast.social_worker).get(f"/api/v1/institutions/{pk}/").status_code == 404
    assert client_for(cast.b_social_worker).get(f"/api/v1/institutions/{pk}/").status_code == 200


def test_municipalities_are_reference_data_with_successors(cast, client_for):
    data = client_for(cast.social_worker).get("/api/v1/municipalities/", {"page_size": 100}).json()
    rows = {row["atvk"]: row for row in data["results"]}
    assert data["count"] == 44
    assert rows["0055000"]["successor"] == "0038001"


def test_me_lists_active_roles(cast, client_for):
    data = client_for(cast.coordinator).get("/api/v1/me/").json()
    assert [r["role"] for r in data["roles"]] == ["coordinator"]
