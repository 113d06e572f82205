"""Referral pages and API: providers see only referrals to their institution; every action
allowed / not visible / forbidden; constant query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.audit.models import AuditEntry
from sargs.cases.referrals.models import Referral, ReferralStatus
from sargs.cases.referrals.selectors import referral_hours
from sargs.cases.tests.helpers import catalogue, open_case, refer, today
from sargs.organisations.models import Institution
from sargs.organisations.roles import InstitutionType, Role
from sargs.organisations.testing import make_user

pytestmark = pytest.mark.django_db
API = "/api/v1"


def other_provider_user():
    from sargs.organisations.models import Municipality

    other = Institution.objects.create(
        name="Cits NVO",
        type=InstitutionType.SERVICE_PROVIDER,
        municipality=Municipality.objects.get(atvk="0054000"),
    )
    return make_user("other_provider", (other, Role.PROVIDER_STAFF))


VISIBILITY = {
    "social_worker": 200,
    "coordinator": 200,
    "provider_staff": 200,
    "family_assistant": 200,
    "school_staff": 404,
    "orphans_court_member": 404,
    "police_officer": 404,
    "b_social_worker": 404,
    "councillor": 403,
    "national_analyst": 403,
    "administrator": 403,
}


@pytest.mark.parametrize(("role", "status"), VISIBILITY.items())
def test_referral_page_and_api_by_institution(cast, client_for, role, status):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    client = client_for(getattr(cast, role))
    assert client.get(f"/cases/referrals/{referral.pk}/").status_code == status
    assert client.get(f"{API}/referrals/{referral.pk}/").status_code == status
    listed = client.get("/cases/referrals/")
    if status == 403:
        assert listed.status_code == 403
    else:
        rows = [r.pk for r in listed.context["page_obj"].object_list]
        assert rows == ([referral.pk] if status == 200 else [])


def test_another_provider_sees_nothing(cast, client_for):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    client = client_for(other_provider_user())
    assert client.get(f"/cases/referrals/{referral.pk}/").status_code == 404
    assert client.post(f"/cases/referrals/{referral.pk}/accept/").status_code == 404
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"{API}/referrals/").json()["count"] == 0


def test_the_provider_sees_the_family_but_not_the_assessment(cast, client_for):
    _concern, case, child = open_case(cast)
    refer(cast, case)
    response = client_for(cast.family_assistant).get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    assert not response.context["whole"]
    assert child.first_name in response.content.decode()
    assert {e.kind for e in response.context["timeline"]} == {"referral"}


def test_the_whole_referral_through_the_pages(cast, client_for):
    _concern, case, _child = open_case(cast)
    service, contract = catalogue(cast, "crisis-intervention-team")
    social = client_for(cast.social_worker)
    assert (
        client_for(cast.provider_staff).get(f"/cases/{case.pk}/referrals/new/").status_code == 403
    )
    response = social.post(
        f"/cases/{case.pk}/referrals/new/",
        {
            "service": service.pk,
            "contract": contract.pk,
            "planned_from": today().strftime("%d.%m.%Y"),
            "areas": ["childcare"],
            "shared_note": "Steidzami.",
        },
    )
    assert response.status_code == 302, response.content
    referral = Referral.objects.get()
    url = f"/cases/referrals/{referral.pk}/"
    provider = client_for(cast.provider_staff)
    assert social.post(f"{url}accept/").status_code == 403
    assert provider.post(f"{url}accept/").status_code == 302
    refused = provider.post(f"{url}start/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "cooperation agreement" in refused.content.decode()
    assert (
        provider.post(f"{url}cooperation/", {"agreed_on": today().strftime("%d.%m.%Y")}).status_code
        == 302
    )
    assert provider.post(f"{url}start/").status_code == 302
    session = {"held_on": today().strftime("%d.%m.%Y"), "hours": "3", "areas": ["childcare"]}
    assert social.post(f"{url}sessions/new/", session).status_code == 403
    assert provider.post(f"{url}sessions/new/", session).status_code == 302
    bad = provider.post(f"{url}complete/", {"outcome_rating": "achieved", "outcome": ""})
    assert bad.status_code == 200
    done = {"outcome_rating": "achieved", "outcome": "Bērni paliek ģimenē."}
    assert provider.post(f"{url}complete/", done).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert referral_hours(referral) == 3
    assert AuditEntry.objects.filter(
        actor=cast.provider_staff, content_type__model="referral"
    ).exists()


def test_the_referral_over_the_api(cast, client_for):
    _concern, case, _child = open_case(cast)
    service, contract = catalogue(cast)
    social = client_for(cast.social_worker)
    body = {"service": service.pk, "contract": contract.pk, "planned_from": today().isoformat()}
    assert (
        client_for(cast.school_staff).post(f"{API}/cases/{case.pk}/referrals/", body).status_code
        == 403
    )
    # A family assistant with no assessment or plan on the case needs a reason for urgency.
    response = social.post(f"{API}/cases/{case.pk}/referrals/", body)
    assert response.status_code == 400, response.content
    body["urgency_reason"] = "Bērni naktīs vieni."
    response = social.post(f"{API}/cases/{case.pk}/referrals/", body)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assistant = client_for(cast.family_assistant)
    assert social.post(f"{API}/referrals/{pk}/accept/").status_code == 403
    assert assistant.post(f"{API}/referrals/{pk}/nonsense/").status_code == 404
    assert assistant.post(f"{API}/referrals/{pk}/accept/").status_code == 200
    assert assistant.post(f"{API}/referrals/{pk}/accept/").status_code == 400
    assert assistant.post(f"{API}/referrals/{pk}/start/").status_code == 200
    assert assistant.post(f"{API}/referrals/{pk}/sessions/", {}).status_code == 400
    session = {"held_on": today().isoformat(), "hours": "1.5", "note": "Labi."}
    assert assistant.post(f"{API}/referrals/{pk}/sessions/", session).status_code == 200
    response = social.post(f"{API}/referrals/{pk}/end/", {"outcome": "Pārcēlās."})
    assert response.status_code == 200
    assert response.json()["status"] == "ended"
    assert response.json()["hours_given"] == "1.50"


def test_referral_list_query_count_is_constant(cast, client_for, django_assert_num_queries):
    _concern, case, _child = open_case(cast)
    refer(cast, case)
    client = client_for(cast.provider_staff)
    client.get("/cases/referrals/")
    with CaptureQueriesContext(connection) as few:
        client.get("/cases/referrals/")
    for _ in range(30):
        refer(cast, case)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/cases/referrals/")
    assert len(response.context["page_obj"].object_list) == 25


@pytest.mark.parametrize(
    ("language", "shown", "raw"),
    [
        ("lv", "Bērnu aprūpe un audzināšana, Budžeta plānošana", "childcare, budget"),
        ("en", "Childcare and upbringing, Budget planning", "childcare, budget"),
    ],
)
def test_support_areas_are_shown_in_words(cast, client_for, language, shown, raw):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case, areas=["childcare", "budget"])
    for user in (cast.social_worker, cast.provider_staff):
        page = (
            client_for(user)
            .get(f"/cases/referrals/{referral.pk}/", HTTP_ACCEPT_LANGUAGE=language)
            .content.decode()
        )
        assert shown in page
        assert raw not in page
