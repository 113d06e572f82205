"""Issue 15.1 over the API: a concern takes and gives where the child lives (municipality by
ATVK code, address), as the form does; with danger, that municipality is alerted too."""

from __future__ import annotations

import pytest
from django.utils import timezone

from sargs.cases.concerns.models import Alert, Concern
from sargs.organisations.models import Municipality

pytestmark = pytest.mark.django_db

API = "/api/v1"


def body(cast, **values: object) -> dict:
    return {
        "reporting_institution": cast.institutions["a_police"].pk,
        "child_first_name": "Līva",
        "child_last_name": "Ozola",
        "categories": ["abandonment"],
        "description": "Atrasta naktī autoostā bez pajumtes.",
        "observed_on": timezone.localdate().isoformat(),
        "place": "public",
        "observed_by": "Patruļa",
        "danger_to_life": True,
        **values,
    }


def test_police_report_where_the_child_lives_and_read_it_back(cast, client_for):
    police = client_for(cast.police_officer)
    response = police.post(
        f"{API}/concerns/",
        body(cast, residence_municipality="0049000", residence_address=" Dārza iela 5, Smiltene "),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["residence_municipality"] == "0049000"
    assert data["residence_address"] == "Dārza iela 5, Smiltene"
    concern = Concern.objects.get(pk=data["id"])
    assert concern.residence_municipality == cast.municipality_b
    assert Alert.objects.filter(concern=concern, recipient=cast.institutions["b_social"]).exists()
    # Smiltene, alerted, reads the same over the API.
    read = client_for(cast.b_social_worker).get(f"{API}/concerns/{concern.pk}/").json()
    assert (read["residence_municipality"], read["residence_address"]) == (
        "0049000",
        "Dārza iela 5, Smiltene",
    )


def test_residence_is_optional_and_empty_when_not_known(cast, client_for):
    response = client_for(cast.police_officer).post(
        f"{API}/concerns/", body(cast), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["residence_municipality"] is None
    assert response.json()["residence_address"] == ""
    assert not Alert.objects.filter(recipient=cast.institutions["b_social"]).exists()


def test_unknown_or_former_municipality_is_refused(cast, client_for):
    police = client_for(cast.police_officer)
    unknown = police.post(
        f"{API}/concerns/",
        body(cast, residence_municipality="9999999"),
        content_type="application/json",
    )
    assert unknown.status_code == 400 and "residence_municipality" in unknown.json()
    former = Municipality.objects.filter(valid_to__lt=timezone.localdate()).first()
    assert former is not None  # the reference data keep the municipalities before 2021
    refused = police.post(
        f"{API}/concerns/",
        body(cast, residence_municipality=former.atvk),
        content_type="application/json",
    )
    assert refused.status_code == 400 and "residence_municipality" in refused.json()
    assert not Concern.objects.exists()


@pytest.mark.parametrize("reader", ["social_worker", "orphans_court_member"])
def test_the_concern_list_api_costs_the_same_for_two_rows_and_for_six(cast, client_for, reader):
    """Each row's residence municipality, reporter and case come with the rows, not a query
    per row (60 queries for 50 rows were measured at national scale)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sargs.cases.tests.helpers import report

    elsewhere = Municipality.objects.exclude(pk=cast.municipality_a.pk).first()
    client = client_for(getattr(cast, reader))

    def add(n: int) -> None:
        for _ in range(n):
            report(cast, residence_municipality=elsewhere, residence_address="Dārza iela 5")

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{API}/concerns/?tab=closed")
            assert response.status_code == 200
            triage = client.get(f"{API}/concerns/?tab=triage")
        return len(queries), len(response.json()["results"]) + len(triage.json()["results"])

    add(2)
    client.get(f"{API}/concerns/?tab=triage")
    few, rows_few = count()
    add(4)
    many, rows_many = count()
    assert rows_many > rows_few or reader != "social_worker"
    assert many == few
