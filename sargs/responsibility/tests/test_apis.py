"""The API applies the pages' policy, services and audit."""

from __future__ import annotations

import pytest

from sargs.audit.models import AuditEntry
from sargs.registry.testing import make_child, new_code, old_code
from sargs.responsibility.models import CostClaim, CostClaimStatus, HandoverStatus

from .helpers import BORN, make_claim, proposed, third_keeper

pytestmark = pytest.mark.django_db

HANDOVERS = "/api/v1/handovers/"
CLAIMS = "/api/v1/cost-claims/"


@pytest.mark.parametrize("role", ["school_staff", "national_analyst", "administrator"])
def test_forbidden_roles(cast, client_for, role):
    _child, handover = proposed(cast)
    claim = make_claim(cast)
    client = client_for(getattr(cast, role))
    assert client.get(HANDOVERS).status_code == 403
    assert client.post(f"{HANDOVERS}{handover.pk}/accept/").status_code == 403
    assert client.get(CLAIMS).status_code == 403
    assert client.post(f"{CLAIMS}{claim.pk}/accept/").status_code == 403
    assert client.get(f"{CLAIMS}totals/?year=2026").status_code == 403


def test_lists_are_scoped(cast, client_for):
    _child, handover = proposed(cast)
    claim = make_claim(cast)
    for user in (cast.social_worker, cast.b_coordinator):
        data = client_for(user).get(HANDOVERS).json()
        assert [row["id"] for row in data["results"]] == [handover.pk]
        assert data["results"][0]["to_municipality"] == "0049000"
        assert [r["id"] for r in client_for(user).get(CLAIMS).json()["results"]] == [claim.pk]
    other = client_for(third_keeper())
    assert other.get(HANDOVERS).json()["results"] == []
    assert other.get(CLAIMS).json()["results"] == []
    assert other.post(f"{HANDOVERS}{handover.pk}/accept/").status_code == 404
    assert other.post(f"{CLAIMS}{claim.pk}/dispute/", {"reason": "x"}).status_code == 404


def test_detail_read_by_the_receiver_is_audited(cast, client_for):
    child, handover = proposed(cast)
    data = client_for(cast.b_coordinator).get(f"{HANDOVERS}{handover.pk}/").json()
    assert data["child"]["personal_code"] == child.personal_code_masked
    assert AuditEntry.objects.filter(
        content_type__model="child",
        object_pk=str(child.pk),
        action=AuditEntry.Action.ACCESS,
        actor=cast.b_coordinator,
    ).exists()


def test_dispute_without_reason_is_400_then_accept(cast, client_for):
    child, handover = proposed(cast)
    b = client_for(cast.b_coordinator)
    response = b.post(f"{HANDOVERS}{handover.pk}/dispute/", {}, content_type="application/json")
    assert response.status_code == 400
    assert "reason" in response.json()
    assert (
        client_for(cast.social_worker).post(f"{HANDOVERS}{handover.pk}/accept/").status_code == 403
    )
    response = b.post(f"{HANDOVERS}{handover.pk}/accept/")
    assert response.status_code == 200 and response.json()["status"] == HandoverStatus.ACCEPTED
    child.refresh_from_db()
    assert child.municipality == cast.municipality_b
    response = b.post(f"{HANDOVERS}{handover.pk}/accept/")
    assert response.status_code == 400


def test_cost_claim_create_accept_and_totals(cast, client_for):
    code = old_code(BORN)
    make_child(cast.municipality_b, personal_code=code)
    a = client_for(cast.social_worker)
    payload = {
        "child_first_name": "Anna",
        "child_last_name": "Liepa",
        "residence_municipality": cast.municipality_b.atvk,
        "personal_code": code,
        "description": "Krīzes centrs",
        "period_from": "2026-02-01",
        "period_to": "2026-02-28",
        "amount": "1234.50",
        "basis": "BTAL 67(7)",
    }
    response = a.post(CLAIMS, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    claim_id = response.json()["id"]
    assert response.json()["payer_municipality"] == "0049000"
    bad = a.post(CLAIMS, {**payload, "amount": "0"}, content_type="application/json")
    assert bad.status_code == 400 and "amount" in bad.json()
    # An unregistered code gets the same answer as a registered one (issue 14.3).
    unknown = a.post(
        CLAIMS, {**payload, "personal_code": new_code()}, content_type="application/json"
    )
    assert unknown.status_code == 201 and unknown.json()["payer_municipality"] == "0049000"
    a.post(f"{CLAIMS}{unknown.json()['id']}/withdraw/")
    b = client_for(cast.b_coordinator)
    assert b.post(f"{CLAIMS}{claim_id}/dispute/", {"reason": " "}).status_code == 400
    assert b.post(f"{CLAIMS}{claim_id}/accept/").json()["status"] == CostClaimStatus.ACCEPTED
    totals = a.get(f"{CLAIMS}totals/?year=2026").json()
    assert totals["counterparts"] == [
        {
            "municipality": cast.municipality_b.name,
            "municipality_id": cast.municipality_b.pk,
            "incoming_accepted": "0.00",
            "incoming_pending": "0.00",
            "outgoing_accepted": "1234.50",
            "outgoing_pending": "0.00",
        }
    ]
    assert a.get(f"{CLAIMS}totals/?year=abc").status_code == 400
    assert CostClaim.objects.exclude(status=CostClaimStatus.WITHDRAWN).count() == 1
