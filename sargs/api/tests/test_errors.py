"""Unknown API paths answer DRF's JSON 404 (as the schema documents); pages keep the page."""

from __future__ import annotations

import pytest

from sargs.api.schema import error_codes


@pytest.mark.django_db
def test_a_path_no_api_pattern_matches_answers_json_404(cast, client_for) -> None:
    client = client_for(cast.social_worker)
    response = client.get("/api/v1/tasks/-1/complete/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.django_db
def test_an_unknown_page_keeps_the_404_page(cast, client_for) -> None:
    response = client_for(cast.social_worker).get("/cases/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_error_statuses_follow_what_an_operation_takes() -> None:
    path = [{"name": "id", "in": "path"}]
    page = [{"name": "page", "in": "query"}]
    year = [{"name": "year", "in": "query"}]
    assert error_codes("GET", [], has_body=False) == ["401", "403"]
    assert error_codes("GET", page, has_body=False) == ["401", "403", "404"]
    assert error_codes("GET", year, has_body=False) == ["400", "401", "403", "404"]
    assert error_codes("GET", path, has_body=False) == ["401", "403", "404"]
    assert error_codes("POST", [], has_body=True) == ["400", "401", "403", "404"]
    assert error_codes("POST", path, has_body=False) == ["400", "401", "403", "404"]
