import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from sargs.accounts.services import api_token_create
from sargs.assessment import services
from sargs.assessment.models import SubmissionStatus

from .collection_factories import make_period

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assessment/submissions/"
E2_VALUES = [
    {"indicator": "E2", "cell": "pupils", "state": "number", "amount": "4"},
    {"indicator": "E2", "cell": "pupils|sex=f", "state": "number", "amount": "0"},
    {"indicator": "E2", "cell": "pupils|sex=m", "state": "not_reported", "amount": None},
]


@pytest.fixture
def semester():
    return make_period(2025, 1)


def token_client(user):
    """An institution's own system, with a personal API token."""
    _token, raw = api_token_create(user=user, name="school system", days=30)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_a_schools_system_submits_and_the_coordinator_decides(cast, client_for, semester):
    school = token_client(cast.school_staff)
    created = school.post(
        BASE,
        {"institution": cast.institutions["a_school"].pk, "period": semester.pk},
        format="json",
    )
    assert created.status_code == 200, created.content
    pk = created.json()["id"]
    assert created.json()["missing"] == ["E2:pupils", "E2:pupils|sex=f", "E2:pupils|sex=m"]

    incomplete = school.post(f"{BASE}{pk}/submit/", HTTP_ACCEPT_LANGUAGE="en")
    assert incomplete.status_code == 400 and "Missing (3)" in str(incomplete.json())

    bad = school.put(
        f"{BASE}{pk}/values/",
        {"values": [{"indicator": "E2", "cell": "pupils", "state": "number", "amount": "1.5"}]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad.status_code == 400 and "whole number" in str(bad.json()["E2:pupils"])
    put = school.put(f"{BASE}{pk}/values/", {"values": E2_VALUES}, format="json")
    assert put.status_code == 200 and put.json()["missing"] == []
    assert {v["cell"]: v["state"] for v in put.json()["values"]}["pupils|sex=m"] == "not_reported"
    assert school.post(f"{BASE}{pk}/submit/").json()["status"] == "submitted"

    # The school's system cannot decide; the coordinator returns with a comment.
    assert school.post(f"{BASE}{pk}/approve/").status_code == 403
    coordinator = client_for(cast.coordinator)
    assert (
        coordinator.post(f"{BASE}{pk}/return/", {}, content_type="application/json").status_code
        == 400
    )
    returned = coordinator.post(
        f"{BASE}{pk}/return/", {"comment": "Boys?"}, content_type="application/json"
    )
    assert returned.json()["status"] == "returned"
    corrected = [*E2_VALUES[:2], {**E2_VALUES[2], "state": "number", "amount": "4"}]
    school.put(f"{BASE}{pk}/values/", {"values": corrected}, format="json")
    school.post(f"{BASE}{pk}/submit/")
    assert coordinator.post(f"{BASE}{pk}/approve/").json()["status"] == "approved"

    locked = school.put(f"{BASE}{pk}/values/", {"values": E2_VALUES}, format="json")
    assert locked.status_code == 400
    reopened = coordinator.post(
        f"{BASE}{pk}/reopen/", {"reason": "Correction"}, content_type="application/json"
    )
    assert reopened.json()["status"] == SubmissionStatus.REOPENED


def test_lists_and_reads_follow_the_policy(cast, client_for, semester):
    submission = services.submission_for(institution=cast.institutions["a_school"], period=semester)
    mine = client_for(cast.school_staff).get(BASE, {"period": semester.pk}).json()
    assert [s["id"] for s in mine["results"]] == [submission.pk]
    assert client_for(cast.coordinator).get(BASE).json()["count"] == 1
    assert client_for(cast.b_coordinator).get(BASE).json()["count"] == 0
    assert client_for(cast.b_coordinator).get(f"{BASE}{submission.pk}/").status_code == 404
    assert client_for(cast.social_worker).get(f"{BASE}{submission.pk}/").status_code == 404
    assert client_for(cast.councillor).get(BASE).status_code == 403
    assert client_for(cast.b_coordinator).post(f"{BASE}{submission.pk}/approve/").status_code == 404
    # Another institution's submission cannot be opened either.
    other = {"institution": cast.institutions["a_school"].pk, "period": semester.pk}
    assert client_for(cast.social_worker).post(BASE, other).status_code == 404
    periods = client_for(cast.school_staff).get("/api/v1/assessment/periods/").json()
    assert periods["results"][0]["deadline"] == semester.deadline.isoformat()


def test_the_collection_api_adds_no_schema_warnings():
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        SchemaGenerator().get_schema(request=None, public=True)
    mine = ("collection_apis", "Submission", "PeriodListApi")
    found = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    ours = [message for message in found if any(name in message for name in mine)]
    assert ours == []
