"""Issue 14 point 3 for cost claims: the claimant learns nothing about another municipality's
record from the answer, whether the code is kept there or by nobody (API and page)."""

from __future__ import annotations

import datetime

import pytest

from sargs.registry.testing import make_child, old_code

pytestmark = pytest.mark.django_db
CLAIMS = "/api/v1/cost-claims/"
BORN = datetime.date(2013, 8, 9)


def _payload(cast, code: str, **changes: str) -> dict[str, str]:
    return {
        "child_first_name": "Anna",
        "child_last_name": "Liepa",
        "residence_municipality": cast.municipality_b.atvk,
        "personal_code": code,
        "description": "Krīzes centrs",
        "period_from": "2026-02-01",
        "period_to": "2026-02-28",
        "amount": "0.01",
        "basis": "BTAL 67(7)",
        **changes,
    }


def _without_identity(body: dict) -> dict:
    return {k: v for k, v in body.items() if k not in ("id", "created_at", "personal_code")}


def test_api_answers_alike_for_a_known_and_an_unknown_code(cast, client_for):
    known = old_code(BORN)
    make_child(cast.municipality_b, personal_code=known, first_name="Slepena", last_name="Vārda")
    unknown = old_code(BORN)
    client = client_for(cast.social_worker)
    refused = [
        client.post(CLAIMS, _payload(cast, code, amount="0"), content_type="application/json")
        for code in (known, unknown)
    ]
    assert [r.status_code for r in refused] == [400, 400]
    assert refused[0].json() == refused[1].json()
    made = [
        client.post(CLAIMS, _payload(cast, code), content_type="application/json")
        for code in (known, unknown)
    ]
    assert [r.status_code for r in made] == [201, 201]
    assert _without_identity(made[0].json()) == _without_identity(made[1].json())
    # A claim of EUR 0.01 shows the claimant only what it entered: not B's record.
    for response in made:
        page = client.get(f"/responsibility/claims/{response.json()['id']}/")
        assert page.status_code == 200
        assert "Slepena" not in page.content.decode() and "Vārda" not in page.content.decode()
