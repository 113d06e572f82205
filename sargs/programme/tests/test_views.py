import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sargs.programme import services
from sargs.programme.models import ProgrammeVersion

from .helpers import approve, draft_programme

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def programme(cast, assessments):
    programme, _activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    return programme


def version_url(programme, name="programme:version-detail"):
    return reverse(name, args=[programme.versions.get(status__in=["draft", "approved"]).pk])


def test_coordinator_sees_unsuppressed_situation_and_councillor_suppressed(
    cast, client_for, programme
):
    url = version_url(programme)
    page = client_for(cast.coordinator).get(url, **EN).content.decode()
    assert "Edit the strategic part" in page
    assert "<td>3</td>" in page  # F1 2024, unsuppressed for the coordinator
    councillor = client_for(cast.councillor).get(url, **EN)
    assert councillor.status_code == 200
    text = councillor.content.decode()
    assert "&lt;5" in text and "<td>3</td>" not in text
    assert "Edit the strategic part" not in text


def test_readers_cannot_edit(cast, client_for, programme):
    url = version_url(programme, "programme:version-edit")
    assert client_for(cast.coordinator).get(url).status_code == 200
    assert client_for(cast.councillor).get(url).status_code == 403
    assert client_for(cast.social_worker).get(url).status_code == 403


def test_another_municipality_does_not_find_the_programme(cast, client_for, programme):
    url = version_url(programme)
    assert client_for(cast.b_coordinator).get(url).status_code == 404
    assert client_for(cast.b_social_worker).get(url).status_code == 404
    assert (
        client_for(cast.b_coordinator)
        .get(version_url(programme, "programme:version-edit"))
        .status_code
        == 404
    )


def test_create_a_programme_from_the_page(cast, client_for, assessments):
    response = client_for(cast.coordinator).post(
        reverse("programme:programme-create"),
        {
            "municipality": cast.municipality_a.pk,
            "title": "Programma",
            "start_year": 2026,
            "end_year": 2028,
        },
    )
    version = ProgrammeVersion.objects.get()
    assert response.status_code == 302
    assert version.assessment == assessments[-1]


def test_activity_form_saves_costs_by_year_and_source(cast, client_for, programme):
    version = programme.versions.get()
    priority = version.priorities.get()
    response = client_for(cast.coordinator).post(
        reverse("programme:activity-create", args=[version.pk]),
        {
            "priority": priority.pk,
            "title": "Krīzes intervences komanda",
            "responsible": cast.institutions["a_social"].pk,
            "cooperating": [cast.institutions["a_police"].pk],
            "deadline": "31.12.2027",
            "cost_2026_municipal": "12000.50",
            "cost_2027_eu": "8000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = version.activities.get(title="Krīzes intervences komanda")
    assert {(c.year, c.source): c.amount for c in activity.costs.all()} == {
        (2026, "municipal"): Decimal("12000.50"),
        (2027, "eu"): Decimal("8000.00"),
    }
    budget = client_for(cast.coordinator).get(reverse("programme:budget", args=[version.pk]), **EN)
    assert "€14,500.50" in budget.content.decode()  # 2 500.00 + 12 000.50 in 2026


def test_programme_list_queries_do_not_grow(cast, client_for, django_assert_num_queries):
    client = client_for(cast.councillor)
    draft_programme(cast.coordinator, cast.municipality_a, cast.institutions["a_social"])
    client.get(reverse("programme:programme-list"))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("programme:programme-list"))
    for years in ((2029, 2031), (2032, 2034)):
        draft_programme(
            cast.coordinator, cast.municipality_a, cast.institutions["a_social"], years=years
        )
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("programme:programme-list"))
    assert response.content.decode().count("programme/") >= 3


def test_action_plan_queries_do_not_grow(cast, client_for, programme, django_assert_num_queries):
    version = programme.versions.get()
    client = client_for(cast.councillor)
    url = reverse("programme:action-plan", args=[version.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    priority = version.priorities.get()
    for n in range(3):
        services.activity_save(
            actor=cast.coordinator,
            version=version,
            priority=priority,
            title=f"Pasākums {n}",
            responsible=cast.institutions["a_eduboard"],
            cooperating=[cast.institutions["a_police"]],
            deadline=datetime.date(2027, 6, 30),
            costs={(2027, "state"): Decimal(100)},
        )
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_public_page_needs_no_sign_in_and_suppresses_small_counts(client, cast, programme):
    url = reverse("programme:public-detail", args=[programme.pk])
    assert client.get(url).status_code == 404  # a draft is not public
    activity = programme.versions.get().activities.get()
    services.indicator_add(
        actor=cast.coordinator,
        activity=activity,
        name="Ģimenes ar asistentu",
        unit="families",
        baseline=Decimal(3),
        target=Decimal(12),
    )
    approve(cast.coordinator, programme)
    services.monitoring_report_create(
        actor=cast.social_worker,
        activity=activity,
        as_of=datetime.date(2026, 7, 1),
        status="in_progress",
        spent=Decimal(1200),
        narrative="Iekšēja piezīme par ģimeni",
        actuals={activity.indicators.get().pk: Decimal(4)},
    )
    response = client.get(url, **EN)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ģimenes asistenta pakalpojums" in page
    assert "Ģimenes ar asistentu: &lt;5 → 12: &lt;5" in page
    assert "Iekšēja piezīme" not in page  # narratives stay internal
    assert "€1,200.00" in page


def test_responsible_staff_report_through_the_page(cast, client_for, programme):
    approve(cast.coordinator, programme)
    activity = programme.versions.get().activities.get()
    url = reverse("programme:report-create", args=[activity.pk])
    assert client_for(cast.police_officer).get(url).status_code == 403
    response = client_for(cast.social_worker).post(
        url,
        {"as_of": "01.07.2026", "status": "in_progress", "spent": "1500", "narrative": "Notiek"},
    )
    assert response.status_code == 302
    assert activity.reports.get().computed_track == "on_track"
