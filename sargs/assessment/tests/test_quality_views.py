"""The quality pages: who reaches them, what they show, freezing, the population upload."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.assessment.models import Assessment, ChildPopulation, QualityResult
from sargs.organisations.models import Institution
from sargs.organisations.roles import InstitutionType

from .quality_factories import YEAR, period, submission

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "pmlp_children_2025-01-01.csv"
REPORTERS = ("a_admin", "a_social", "a_court", "a_police", "a_eduboard", "a_school")


def checks_url(cast, municipality=None) -> str:
    return f"/assessment/quality/{(municipality or cast.municipality_a).pk}/{YEAR}/"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("b_coordinator", 404),
        ("school_staff", 403),
        ("social_worker", 403),
        ("councillor", 403),
        ("national_analyst", 403),
    ],
)
def test_quality_pages_by_role(cast, client_for, role, status):
    period()
    client = client_for(getattr(cast, role))
    assert client.get(checks_url(cast), **EN).status_code == status
    assert client.get(checks_url(cast) + "freeze/", **EN).status_code == status
    index = client.get("/assessment/quality/", **EN).status_code
    assert index == (200 if role in ("coordinator", "b_coordinator") else 403)


def test_the_checks_page_groups_findings_and_links_the_reports(cast, client_for):
    sub = submission(
        cast.institutions["a_school"],
        period(semester=1),
        {("E2", "pupils"): 14, ("E2", "pupils|sex=f"): 5, ("E2", "pupils|sex=m"): 7},
    )
    page = client_for(cast.coordinator).get(checks_url(cast), **EN).content.decode()
    assert "the girls and boys add up to 12 but the total is 14." in page
    assert f"/assessment/submissions/{sub.pk}/" in page
    assert "Errors" in page and "Notes" in page


def test_the_checks_page_does_not_grow_in_queries_with_institutions(cast, client_for):
    client = client_for(cast.coordinator)
    submission(cast.institutions["a_school"], period())
    client.get(checks_url(cast))
    QualityResult.objects.update(stamp="")  # the checks run again, not read as stored
    with CaptureQueriesContext(connection) as few:
        client.get(checks_url(cast))
    for n in range(3):
        school = Institution.objects.create(
            name=f"Skola {n}", type=InstitutionType.SCHOOL, municipality=cast.municipality_a
        )
        submission(school, period())
    with CaptureQueriesContext(connection) as many:
        client.get(checks_url(cast))  # the data changed: computed again
    assert len(many) == len(few)


def test_freeze_page_shows_blockers_then_freezes(cast, client_for):
    client = client_for(cast.coordinator)
    submission(cast.institutions["a_court"], period())
    url = checks_url(cast) + "freeze/"
    page = client.get(url, **EN).content.decode()
    social = cast.institutions["a_social"].name
    assert f"{social} has not started its report for 2025." in page
    assert 'class="primary"' not in page
    response = client.post(url, **EN)
    assert response.status_code == 400 and "cannot be frozen yet" in response.content.decode()
    for key in REPORTERS:
        if key != "a_court":
            submission(cast.institutions[key], period())
    response = client.post(url, **EN)
    assert response.status_code == 302 and response["Location"] == checks_url(cast)
    assert Assessment.objects.get(municipality=cast.municipality_a, year=YEAR).status == "frozen"
    assert "Freeze again" in client.get(url, **EN).content.decode()


def upload(client, data: bytes = b"", **extra):
    file = SimpleUploadedFile("pmlp.csv", data or SAMPLE.read_bytes(), content_type="text/csv")
    return client.post("/assessment/population/import/", {"file": file, **extra}, **EN)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("national_admin", 200),
        ("administrator", 403),
        ("social_worker", 403),
        ("national_analyst", 403),
    ],
)
def test_population_page_by_role(cast, client_for, role, status):
    assert (
        client_for(getattr(cast, role)).get("/assessment/population/import/", **EN).status_code
        == status
    )


def test_a_coordinator_imports_their_own_municipality(cast, client_for):
    response = upload(client_for(cast.coordinator))
    assert response.status_code == 200
    assert "Imported the figures of 1 municipality." in response.content.decode()
    assert set(ChildPopulation.objects.values_list("municipality", flat=True)) == {
        cast.municipality_a.pk
    }


def test_the_national_administrator_imports_every_municipality(cast, client_for):
    response = upload(client_for(cast.national_admin))
    assert "Imported the figures of 42 municipalities." in response.content.decode()


def test_a_bad_file_is_refused_with_the_reasons(cast, client_for):
    data = (
        "Pašvaldība;0-6 gadi zēni;0-6 gadi meitenes;7-17 gadi zēni;7-17 gadi meitenes\n"
        "Valmieras novads;1;2;3;x\n"
    )
    response = upload(client_for(cast.coordinator), data.encode(), reference_date="01.01.2025")
    assert response.status_code == 400
    assert "is not a whole number of children" in response.content.decode()
    assert not ChildPopulation.objects.exists()
