import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sargs.audit.models import AuditEntry
from sargs.services import services
from sargs.services.models import MunicipalService, ProviderContract, StaffQualification

from .helpers import catalogue_entry, contract, crisis_team

pytestmark = pytest.mark.django_db


def test_catalogue_pages_by_role(cast, client_for) -> None:
    entry = catalogue_entry(cast)
    url = reverse("services:catalogue-list")
    for user in (cast.coordinator, cast.social_worker):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert entry.name in response.content.decode()
    for user in (cast.provider_staff, cast.family_assistant, cast.school_staff, cast.councillor):
        assert client_for(user).get(url).status_code == 403
    edit = reverse("services:catalogue-edit", args=[entry.pk])
    assert edit not in client_for(cast.b_coordinator).get(url).content.decode()
    assert client_for(cast.coordinator).get(edit).status_code == 200
    assert client_for(cast.b_coordinator).get(edit).status_code == 404
    assert client_for(cast.provider_staff).get(edit).status_code == 403


def test_add_from_national_list_and_own(cast, client_for) -> None:
    client = client_for(cast.coordinator)
    page = client.get(reverse("services:catalogue-create") + "?type=playroom")
    assert page.status_code == 200
    response = client.post(
        reverse("services:catalogue-create"),
        {
            "service_type": page.context["form"].initial["service_type"].pk,
            "referring_roles": ["social_worker"],
        },
    )
    assert response.status_code == 302
    entry = MunicipalService.objects.get(municipality=cast.municipality_a)
    assert entry.name == "Rotaļu istaba" and entry.referring_roles == ["social_worker"]
    response = client.post(
        reverse("services:catalogue-edit", args=[entry.pk]),
        {"name": "Rotaļu istaba Valmierā", "referring_roles": ["coordinator"], "is_active": "on"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.name == "Rotaļu istaba Valmierā"


def test_contract_pages_by_role(cast, client_for) -> None:
    c = contract(cast)
    b_service = catalogue_entry(cast, municipality=cast.municipality_b, actor=cast.b_coordinator)
    other = contract(
        cast, service=b_service, provider=cast.institutions["b_social"], actor=cast.b_coordinator
    )
    url = reverse("services:contract-list")
    for user in (cast.coordinator, cast.provider_staff, cast.family_assistant):
        body = client_for(user).get(url).content.decode()
        assert reverse("services:provider-staff", args=[c.provider_id]) in body
        assert "14,50 €" in body
        assert "B Social service" not in body
    assert client_for(cast.school_staff).get(url).status_code == 403
    assert client_for(cast.councillor).get(url).status_code == 403
    edit = reverse("services:contract-edit", args=[c.pk])
    assert client_for(cast.coordinator).get(edit).status_code == 200
    assert client_for(cast.provider_staff).get(edit).status_code == 403
    assert client_for(cast.b_coordinator).get(edit).status_code == 404
    assert (
        client_for(cast.coordinator)
        .get(reverse("services:contract-edit", args=[other.pk]))
        .status_code
        == 404
    )


def test_create_contract_through_the_page(cast, client_for) -> None:
    entry = catalogue_entry(cast)
    response = client_for(cast.coordinator).post(
        reverse("services:contract-create"),
        {
            "service": entry.pk,
            "provider": cast.institutions["a_provider"].pk,
            "valid_from": "01.01.2026",
            "valid_to": "31.12.2026",
            "unit": "hour",
            "unit_price": "12.00",
            "capacity": "8",
        },
    )
    assert response.status_code == 302, response.content.decode()
    saved = ProviderContract.objects.get()
    assert saved.capacity == 8 and saved.valid_to == datetime.date(2026, 12, 31)
    bad = client_for(cast.coordinator).post(
        reverse("services:contract-create"),
        {
            "service": entry.pk,
            "provider": cast.institutions["a_provider"].pk,
            "valid_from": "01.01.2026",
            "valid_to": "31.12.2025",
            "unit": "hour",
            "unit_price": "12.00",
            "capacity": "8",
        },
    )
    assert bad.status_code == 200
    assert "Līguma beigu datums nedrīkst būt agrāks par sākuma datumu." in bad.content.decode()


def test_contract_list_constant_queries(cast, client_for, django_assert_num_queries) -> None:
    client = client_for(cast.coordinator)
    url = reverse("services:contract-list")
    entry = catalogue_entry(cast)
    contract(cast, service=entry)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(30):
        contract(cast, service=catalogue_entry(cast, code="other", name=f"Pakalpojums {n}"))
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_catalogue_list_constant_queries(cast, client_for, django_assert_num_queries) -> None:
    client = client_for(cast.coordinator)
    url = reverse("services:catalogue-list")
    catalogue_entry(cast)
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(30):
        catalogue_entry(cast, code="other", name=f"Pakalpojums {n}")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_provider_staff_page(cast, client_for) -> None:
    provider = cast.institutions["a_provider"]
    url = reverse("services:provider-staff", args=[provider.pk])
    page = client_for(cast.provider_staff).get(url)
    assert page.status_code == 200
    assert "Neatbilst" in page.content.decode()
    response = client_for(cast.provider_staff).post(
        url, {"user": cast.family_assistant.pk, "education": "higher_psychology"}
    )
    assert response.status_code == 302
    assert StaffQualification.objects.filter(user=cast.family_assistant).exists()
    body = client_for(cast.coordinator).get(url).content.decode()
    assert "Augstākā izglītība psiholoģijā" in body and "Atbilst" in body
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, additional_data__purpose="provider staff"
    ).exists()
    # A family assistant sees but does not record; others are refused or not found.
    assert client_for(cast.family_assistant).get(url).status_code == 200
    assert (
        client_for(cast.family_assistant)
        .post(url, {"user": cast.family_assistant.pk, "education": "other"})
        .status_code
        == 403
    )
    assert client_for(cast.school_staff).get(url).status_code == 403
    assert client_for(cast.b_coordinator).get(url).status_code == 404


def test_crisis_team_pages(cast, client_for) -> None:
    team = crisis_team(cast)
    member = services.crisis_team_member_add(
        actor=cast.coordinator, team=team, profession="psychologist", name="Ilze"
    )
    detail = reverse("services:crisis-team-detail", args=[team.pk])
    page = client_for(cast.coordinator).get(detail + "?week=2026-03-04")
    assert page.status_code == 200
    body = page.content.decode()
    assert "02.03.2026" in body and "168" in body  # the whole week uncovered
    client = client_for(cast.coordinator)
    response = client.post(
        reverse("services:crisis-shift-add", args=[team.pk]),
        {"member": member.pk, "starts_at": "02.03.2026 00:00", "ends_at": "09.03.2026 00:00"},
    )
    assert response.status_code == 302
    body = client.get(detail + "?week=2026-03-02").content.decode()
    assert "Dežūras nodrošinātas visu diennakti." in body
    partial = client.get(detail + "?week=2026-03-02", HTTP_HX_REQUEST="true")
    assert "<h1>" not in partial.content.decode()
    # Provider staff see their institution's team rota but may not change it.
    assert client_for(cast.provider_staff).get(detail).status_code == 200
    assert (
        client_for(cast.provider_staff)
        .post(reverse("services:crisis-member-add", args=[team.pk]), {})
        .status_code
        == 403
    )
    assert client_for(cast.b_coordinator).get(detail).status_code == 404
    assert (
        client_for(cast.b_coordinator)
        .post(reverse("services:crisis-member-add", args=[team.pk]), {})
        .status_code
        == 404
    )
    assert client_for(cast.school_staff).get(detail).status_code == 403
    list_body = client_for(cast.coordinator).get(reverse("services:crisis-team-list"))
    assert team.name in list_body.content.decode()


def test_create_crisis_team_through_the_page(cast, client_for) -> None:
    response = client_for(cast.coordinator).post(
        reverse("services:crisis-team-list"),
        {"name": "KIK Valmiera", "provider": cast.institutions["a_social"].pk},
    )
    assert response.status_code == 302
    assert (
        client_for(cast.provider_staff)
        .post(reverse("services:crisis-team-list"), {"name": "x"})
        .status_code
        == 403
    )


def test_capacity_page(cast, client_for) -> None:
    contract(cast, capacity=12)
    url = reverse("services:capacity")
    for user in (cast.coordinator, cast.councillor, cast.national_analyst):
        response = client_for(user).get(url + f"?municipality={cast.municipality_a.pk}")
        assert response.status_code == 200
        body = response.content.decode()
        assert "Ģimenes asistents" in body and "12" in body
    assert "Ģimenes asistents" not in client_for(cast.b_coordinator).get(url).content.decode()
    for user in (cast.provider_staff, cast.school_staff, cast.administrator):
        assert client_for(user).get(url).status_code == 403
