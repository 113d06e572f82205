import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.services import services
from sargs.services.models import MunicipalService, OnCallShift

from .helpers import catalogue_entry, contract, crisis_team

pytestmark = pytest.mark.django_db
API = "/api/v1/services/"


def test_catalogue_api(cast, client_for) -> None:
    entry = catalogue_entry(cast)
    data = client_for(cast.coordinator).get(API + "catalogue/").json()
    assert [row["id"] for row in data["results"]] == [entry.pk]
    assert data["results"][0]["service_type"] == "family-assistant"
    assert client_for(cast.b_coordinator).get(API + "catalogue/").json()["results"] == []
    assert client_for(cast.provider_staff).get(API + "catalogue/").status_code == 403
    created = client_for(cast.social_worker).post(
        API + "catalogue/", {"service_type": "psychologist"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert MunicipalService.objects.filter(service_type__code="psychologist").exists()
    refused = client_for(cast.coordinator).post(
        API + "catalogue/",
        {"service_type": "psychologist", "municipality": cast.municipality_b.atvk},
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_contracts_api(cast, client_for) -> None:
    c = contract(cast)
    for user in (cast.coordinator, cast.provider_staff, cast.family_assistant):
        rows = client_for(user).get(API + "contracts/").json()["results"]
        assert [row["id"] for row in rows] == [c.pk]
        assert rows[0]["unit_price"] == "14.50"
    assert client_for(cast.b_coordinator).get(API + "contracts/").json()["results"] == []
    assert client_for(cast.school_staff).get(API + "contracts/").status_code == 403
    body = {
        "service": c.service_id,
        "provider": cast.institutions["a_social"].pk,
        "valid_from": "2026-01-01",
        "unit": "session",
        "unit_price": "30.00",
        "capacity": 4,
    }
    assert (
        client_for(cast.provider_staff)
        .post(API + "contracts/", body, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        client_for(cast.b_coordinator)
        .post(API + "contracts/", body, content_type="application/json")
        .status_code
        == 404
    )
    created = client_for(cast.coordinator).post(
        API + "contracts/", body, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    bad = client_for(cast.coordinator).post(
        API + "contracts/", {**body, "valid_to": "2025-01-01"}, content_type="application/json"
    )
    assert bad.status_code == 400


def test_contracts_api_constant_queries(cast, client_for, django_assert_num_queries) -> None:
    client = client_for(cast.coordinator)
    contract(cast)
    client.get(API + "contracts/")
    with CaptureQueriesContext(connection) as first:
        client.get(API + "contracts/")
    for n in range(30):
        contract(cast, service=catalogue_entry(cast, code="other", name=f"P {n}"))
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(API + "contracts/")


def test_capacity_api(cast, client_for) -> None:
    contract(cast, capacity=9)
    expected = {
        cast.coordinator: (9, 0, 9, 0),  # manages the services: exact numbers
        cast.councillor: (9, "0", 9, "0"),  # aggregate roles: the displayed, suppressed values
        cast.national_analyst: (9, "0", 9, "0"),
    }
    for user, figures in expected.items():
        rows = client_for(user).get(API + f"capacity/?municipality={cast.municipality_a.atvk}")
        assert rows.status_code == 200
        # The cases app reports the families served and waiting (none yet).
        row = rows.json()[0]
        assert (row["capacity"], row["in_use"], row["free"], row["waiting"]) == figures
    assert (
        client_for(cast.b_coordinator)
        .get(API + f"capacity/?municipality={cast.municipality_a.atvk}")
        .status_code
        == 404
    )
    assert client_for(cast.provider_staff).get(API + "capacity/").status_code == 403


def test_rota_api(cast, client_for) -> None:
    team = crisis_team(cast)
    member = services.crisis_team_member_add(
        actor=cast.coordinator, team=team, profession="family_assistant", name="Aija"
    )
    url = API + f"crisis-teams/{team.pk}/rota/?week=2026-03-02"
    data = client_for(cast.provider_staff).get(url).json()
    assert data["uncovered_hours"] == 168 and len(data["gaps"]) == 1
    shift = {
        "member": member.pk,
        "starts_at": "2026-03-02T00:00:00+02:00",
        "ends_at": "2026-03-09T00:00:00+02:00",
    }
    assert (
        client_for(cast.provider_staff)
        .post(url, shift, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        client_for(cast.b_coordinator).post(url, shift, content_type="application/json").status_code
        == 404
    )
    created = client_for(cast.coordinator).post(url, shift, content_type="application/json")
    assert created.status_code == 201, created.content
    assert OnCallShift.objects.count() == 1
    data = client_for(cast.coordinator).get(url).json()
    assert data["gaps"] == [] and data["shifts"][0]["member_name"] == "Aija"
    assert client_for(cast.b_coordinator).get(url).status_code == 404
    assert client_for(cast.councillor).get(url).status_code == 403
