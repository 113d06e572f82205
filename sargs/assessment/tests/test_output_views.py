"""The dashboard, the findings page and the report downloads: who sees what, suppressed how."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sargs.assessment.models import Assessment, AssessmentStatus
from sargs.audit.models import AuditEntry
from sargs.organisations.models import Municipality

from .output_factories import frozen_assessment, population

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
F3 = {
    "children": 12,
    "children|form=foster_family": 3,
    "children|form=guardianship": 7,
    "children|form=institution": 2,
    "children|age=0_6": 5,
    "children|age=7_17": 7,
    "children|sex=f": 6,
    "children|sex=m": 6,
}


@pytest.fixture
def figures(cast):
    a = cast.municipality_a
    for year in (2023, 2024):
        population(a, year)
    frozen_assessment(
        a,
        2023,
        {
            "F3": {
                **F3,
                "children": 10,
                "children|form=guardianship": 5,
                "children|age=7_17": 5,
                "children|sex=m": 4,
            }
        },
    )
    frozen_assessment(a, 2024, {"F3": F3, "F2": {"restored": 3}, "L1": {"families": 40}})
    return a


def dashboard_url(name="assessment:dashboard", *args, municipality=None):
    url = reverse(name, args=args)
    return f"{url}?municipality={municipality.atvk}" if municipality else url


def test_the_coordinator_sees_own_small_counts(client_for, cast, figures):
    response = client_for(cast.coordinator).get(
        dashboard_url("assessment:dashboard-indicator", "F3"), **EN
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "<5" not in text and "&lt;5" not in text
    assert "<td>2</td>" in text and "<td>3</td>" in text  # institution, foster family
    assert "data:image/svg+xml;base64," in text
    assert "Per 1,000 children" in text


def test_a_councillor_sees_them_suppressed(client_for, cast, figures):
    response = client_for(cast.councillor).get(
        dashboard_url("assessment:dashboard-indicator", "F3"), **EN
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "&lt;5" in text
    assert "<td>2</td>" not in text and "<td>3</td>" not in text


def test_a_national_analyst_chooses_any_municipality_and_sees_it_suppressed(
    client_for, cast, figures
):
    response = client_for(cast.national_analyst).get(
        dashboard_url(municipality=cast.municipality_a), **EN
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'name="municipality"' in text
    assert "&lt;5" in text  # F2 restored 3
    assert "1. Right to education" in text and "6. Child participation in decisions" in text


def test_another_municipality_is_not_found_and_other_roles_are_refused(client_for, cast, figures):
    response = client_for(cast.b_coordinator).get(dashboard_url(municipality=cast.municipality_a))
    assert response.status_code == 404
    assert client_for(cast.social_worker).get(dashboard_url()).status_code == 403
    assert (
        client_for(cast.coordinator)
        .get(dashboard_url("assessment:dashboard-indicator", "X9"))
        .status_code
        == 404
    )


def test_the_indicator_page_query_count_does_not_grow_with_years_or_municipalities(
    client_for, cast, figures, django_assert_max_num_queries
):
    client = client_for(cast.national_analyst)
    url = dashboard_url("assessment:dashboard-indicator", "F3", municipality=cast.municipality_a)
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for atvk in ("0020000", "0021000", "0022000"):
        m = Municipality.objects.get(atvk=atvk)
        for year in (2021, 2022, 2023, 2024):
            population(m, year)
            frozen_assessment(m, year, {"F3": {"children": 20 + year % 7}})
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_the_index_query_count_does_not_grow_with_years(
    client_for, cast, figures, django_assert_max_num_queries
):
    client = client_for(cast.coordinator)
    client.get(dashboard_url())
    with django_assert_max_num_queries(12) as few:
        client.get(dashboard_url())
    for year in (2019, 2020, 2021, 2022):
        frozen_assessment(cast.municipality_a, year, {"F3": F3, "E1": {"children": 2}})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(dashboard_url())


def test_the_coordinator_writes_findings_even_after_freezing(client_for, cast, figures):
    assessment = Assessment.objects.get(municipality=cast.municipality_a, year=2024)
    url = reverse("assessment:findings-edit", args=[assessment.pk])
    client = client_for(cast.coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"summary": "Fewer children in institutions.", "5": "Good."})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.findings == {"summary": "Fewer children in institutions.", "5": "Good."}
    assert client_for(cast.councillor).get(url).status_code == 403
    assert client_for(cast.b_coordinator).get(url).status_code == 404  # not visible


def test_findings_of_another_municipality_are_not_found(client_for, cast):
    other = Assessment.objects.create(municipality=cast.municipality_b, year=2024)
    url = reverse("assessment:findings-edit", args=[other.pk])
    assert client_for(cast.coordinator).get(url).status_code == 404


def test_report_downloads_are_suppressed_and_audited(client_for, cast, figures):
    assessment = Assessment.objects.get(municipality=cast.municipality_a, year=2024)
    client = client_for(cast.councillor)
    listing = client.get(reverse("assessment:report-list"), **EN)
    assert reverse("assessment:report-download", args=[assessment.pk, "docx"]) in (
        listing.content.decode()
    )
    response = client.get(reverse("assessment:report-download", args=[assessment.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert response.content[:2] == b"PK"
    assert AuditEntry.objects.filter(
        object_pk=str(assessment.pk), additional_data__export="docx"
    ).exists()


def test_an_open_assessment_has_no_report(client_for, cast):
    open_one = Assessment.objects.create(municipality=cast.municipality_a, year=2025)
    assert open_one.status == AssessmentStatus.OPEN
    url = reverse("assessment:report-download", args=[open_one.pk, "pdf"])
    assert client_for(cast.coordinator).get(url).status_code == 404
    assert (
        client_for(cast.coordinator)
        .get(reverse("assessment:report-download", args=[open_one.pk, "odt"]))
        .status_code
        == 404
    )


def test_the_coordinator_starts_a_year_to_write_findings_before_freezing(client_for, cast):
    client = client_for(cast.coordinator)
    page = client.get(reverse("assessment:report-list"), **EN)
    assert reverse("assessment:findings-start") in page.content.decode()
    response = client.post(
        reverse("assessment:findings-start"),
        {"municipality": cast.municipality_a.pk, "year": 2025},
    )
    assessment = Assessment.objects.get(municipality=cast.municipality_a, year=2025)
    assert response.url == reverse("assessment:findings-edit", args=[assessment.pk])
    assert assessment.status == AssessmentStatus.OPEN
    client.post(
        reverse("assessment:findings-start"), {"municipality": cast.municipality_a.pk, "year": 2025}
    )
    assert Assessment.objects.filter(municipality=cast.municipality_a).count() == 1
    # Another municipality is not a choice; councillors may not start one.
    client.post(
        reverse("assessment:findings-start"), {"municipality": cast.municipality_b.pk, "year": 2025}
    )
    assert not Assessment.objects.filter(municipality=cast.municipality_b).exists()
    assert (
        client_for(cast.councillor)
        .post(reverse("assessment:findings-start"), {"year": 2025})
        .status_code
        == 403
    )


def test_the_pdf_download(client_for, cast, figures):
    assessment = Assessment.objects.get(municipality=cast.municipality_a, year=2024)
    response = client_for(cast.coordinator).get(
        reverse("assessment:report-download", args=[assessment.pk, "pdf"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_national_analyst_compares_municipalities_suppressed(
    client_for, cast, figures, django_assert_max_num_queries
):
    frozen_assessment(cast.municipality_b, 2024, {"F3": {"children": 2}})
    url = reverse("assessment:dashboard-municipalities", args=["F3"])
    client = client_for(cast.national_analyst)
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url, {"year": 2024}, **EN)
    text = response.content.decode()
    assert "Valmieras novads" in text and "Smiltenes novads" in text
    assert "<td>12</td>" in text and "&lt;5" in text and "<td>2</td>" not in text
    # A coordinator's list holds their own municipality only, unsuppressed.
    own = client_for(cast.b_coordinator).get(url, {"year": 2024}).content.decode()
    assert "<td>2</td>" in own and "Valmieras novads" not in own
