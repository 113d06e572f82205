import pytest
from django.urls import reverse

from sargs.programme.models import Involvement, Problem

from .helpers import approve, draft_programme

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def version(cast, assessments):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    return programme.versions.get()


def test_coordinator_comments_on_the_situation(cast, client_for, version):
    client = client_for(cast.coordinator)
    response = client.post(
        reverse("programme:version-edit", args=[version.pk]),
        {
            "assessment": version.assessment_id,
            "legal_basis": "BTAL 66. pants",
            "comment_5": "Ārpusģimenes aprūpē esošo bērnu skaits samazinās.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("programme:version-detail", args=[version.pk]), **EN)
    text = page.content.decode()
    assert "Ārpusģimenes aprūpē esošo bērnu skaits samazinās." in text
    assert "BTAL 66. pants" in text


def test_a_problem_is_linked_to_indicators(cast, client_for, version):
    url = reverse("programme:problem-create", args=[version.pk])
    client = client_for(cast.coordinator)
    response = client.post(url, {"title": "Maz audžuģimeņu", "solution": "Kampaņa"})
    assert response.status_code == 200  # no indicator chosen
    response = client.post(
        url,
        {"title": "Maz audžuģimeņu", "solution": "Kampaņa", "indicator_codes": ["F4", "F3"]},
    )
    assert response.status_code == 302
    assert Problem.objects.get().indicator_codes == ["F3", "F4"]
    assert client_for(cast.councillor).post(url, {"title": "x"}).status_code == 403


def test_involvement_is_recorded(cast, client_for, version):
    response = client_for(cast.coordinator).post(
        reverse("programme:involvement-create", args=[version.pk]),
        {
            "kind": "discussion",
            "participants": "Jauniešu dome",
            "held_on": "12.03.2026",
            "participant_count": "14",
        },
    )
    assert response.status_code == 302
    assert Involvement.objects.get().participant_count == 14


def test_approval_and_amendment_through_the_pages(cast, client_for, version):
    client = client_for(cast.coordinator)
    client.post(
        reverse("programme:version-approve", args=[version.pk]),
        {"decision_number": "12/5", "decision_date": "29.01.2026"},
    )
    version.refresh_from_db()
    assert version.status == "approved"
    assert client.get(reverse("programme:version-edit", args=[version.pk])).status_code == 403
    response = client.post(
        reverse("programme:version-amend", args=[version.pk]), {"reason": "Jauns pasākums"}
    )
    amended = version.programme.versions.get(number=2)
    assert response["Location"] == reverse("programme:version-detail", args=[amended.pk])
    assert amended.status == "draft" and amended.based_on == version


def test_situation_chart_hides_small_counts_from_councillors(cast, client_for, version):
    url = reverse("programme:situation-chart", args=[version.pk, 5, "F1", "suspended"])
    coordinator = client_for(cast.coordinator).get(url)
    assert coordinator["Content-Type"] == "image/svg+xml"
    councillor = client_for(cast.councillor).get(url).content.decode()
    assert "&lt;5" in councillor
    missing = reverse("programme:situation-chart", args=[version.pk, 5, "F1", "nothing"])
    assert client_for(cast.coordinator).get(missing).status_code == 404


def test_monitoring_page_for_readers_and_managers(cast, client_for, version):
    programme = version.programme
    approve(cast.coordinator, programme)
    url = reverse("programme:monitoring", args=[programme.pk])
    page = client_for(cast.coordinator).get(url, **EN).content.decode()
    assert "Add a member" in page and "Not reported: 1" in page
    reader = client_for(cast.councillor).get(url, **EN).content.decode()
    assert "Add a member" not in reader
    assert client_for(cast.b_coordinator).get(url).status_code == 404
    member = reverse("programme:council-member-add", args=[programme.pk])
    assert client_for(cast.councillor).post(member, {"kind": "ngo", "name": "x"}).status_code == 403
    client_for(cast.coordinator).post(
        member, {"kind": "child", "name": "Anna", "age_group": "13_15"}
    )
    assert programme.council_members.get().name == "Anna"
