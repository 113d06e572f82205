"""Pages: who sees what (403/404), the receiving side's audited read, the flows, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sargs.audit.models import AuditEntry
from sargs.registry.testing import make_child, old_code
from sargs.responsibility.models import CostClaim, CostClaimStatus, Handover, HandoverStatus

from .helpers import BORN, make_claim, proposed, third_keeper

pytestmark = pytest.mark.django_db

LIST = "/responsibility/handovers/"
CLAIMS = "/responsibility/claims/"
TOTALS = "/responsibility/claims/totals/"


def detail(handover: Handover) -> str:
    return f"/responsibility/handovers/{handover.pk}/"


def reads(child, user):
    return AuditEntry.objects.filter(
        content_type__model="child",
        object_pk=str(child.pk),
        action=AuditEntry.Action.ACCESS,
        actor=user,
    )


@pytest.mark.parametrize("role", ["school_staff", "national_analyst", "administrator"])
def test_roles_without_registry_are_refused(cast, client_for, role):
    _child, handover = proposed(cast)
    claim = make_claim(cast)
    client = client_for(getattr(cast, role))
    for url in (LIST, detail(handover), CLAIMS, f"{CLAIMS}{claim.pk}/", TOTALS, f"{CLAIMS}new/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{detail(handover)}accept/").status_code == 403


def test_receiver_sees_it_incoming_and_sender_outgoing(cast, client_for):
    _child, handover = proposed(cast)
    b = client_for(cast.b_coordinator)
    incoming = b.get(LIST + "?tab=incoming")
    assert [row["item"].pk for row in incoming.context["rows"]] == [handover.pk]
    assert not incoming.context["rows"][0]["shows_identity"]
    assert "Bērziņa" not in incoming.content.decode()
    assert b.get(LIST + "?tab=outgoing").context["rows"] == []
    a = client_for(cast.social_worker)
    outgoing = a.get(LIST + "?tab=outgoing")
    assert [row["item"].pk for row in outgoing.context["rows"]] == [handover.pk]
    assert outgoing.context["rows"][0]["shows_identity"]
    assert a.get(LIST).context["rows"] == []  # incoming is the default tab


def test_third_municipality_gets_404(cast, client_for):
    _child, handover = proposed(cast)
    claim = make_claim(cast)
    client = client_for(third_keeper())
    assert client.get(detail(handover)).status_code == 404
    assert client.post(f"{detail(handover)}accept/").status_code == 404
    assert client.get(f"{CLAIMS}{claim.pk}/").status_code == 404
    assert client.get(LIST + "?tab=closed").context["rows"] == []


def test_receivers_read_of_the_child_is_recorded(cast, client_for):
    child, handover = proposed(cast)
    response = client_for(cast.b_social_worker).get(detail(handover))
    assert response.status_code == 200
    html = response.content.decode()
    assert child.first_name in html and child.personal_code_masked in html
    assert child.personal_code not in html
    entry = reads(child, cast.b_social_worker).get()
    assert entry.additional_data["handover"] == handover.pk
    assert entry.municipality_id == cast.municipality_a.pk  # the keeper's trail shows it


def test_sender_cannot_accept_receiver_cannot_withdraw(cast, client_for):
    _child, handover = proposed(cast)
    assert client_for(cast.social_worker).post(f"{detail(handover)}accept/").status_code == 403
    assert client_for(cast.b_coordinator).post(f"{detail(handover)}withdraw/").status_code == 403


def test_accept_moves_the_child_between_registries(cast, client_for):
    child, handover = proposed(cast)
    a, b = client_for(cast.social_worker), client_for(cast.b_coordinator)
    registry_page = f"/registry/children/{child.pk}/"
    assert a.get(registry_page).status_code == 200  # the sender keeps access until accepted
    assert b.get(registry_page).status_code == 404
    response = b.post(f"{detail(handover)}accept/")
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED
    assert a.get(registry_page).status_code == 404
    assert b.get(registry_page).status_code == 200


def test_dispute_needs_a_reason_on_the_page(cast, client_for):
    _child, handover = proposed(cast)
    client = client_for(cast.b_coordinator)
    response = client.post(f"{detail(handover)}dispute/", {"reason": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Give the reason" in response.content.decode()
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PROPOSED
    response = client.post(f"{detail(handover)}dispute/", {"reason": "Nedzīvo pie mums."})
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.DISPUTED
    # The sender answers and proposes again.
    response = client_for(cast.coordinator).post(
        f"{detail(handover)}resubmit/", {"comment": "Deklarācija Smiltenē."}
    )
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PROPOSED


def test_handover_list_query_count_is_constant(cast, client_for, django_assert_num_queries):
    _child, _handover = proposed(cast)
    client = client_for(cast.social_worker)
    url = LIST + "?tab=outgoing"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(30):
        child = make_child(cast.municipality_a, first_name=f"Child{n}")
        Handover.objects.create(
            child=child, from_municipality=cast.municipality_a, to_municipality=cast.municipality_b
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 25


def test_claim_list_query_count_is_constant(cast, client_for, django_assert_num_queries):
    make_claim(cast)
    client = client_for(cast.coordinator)
    url = CLAIMS + "?tab=outgoing"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(30):
        make_claim(cast)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 25
    # The claimant entered the names, so it sees them in its list; the payer opens a claim.
    assert all(row["shows_identity"] for row in response.context["rows"])


def test_new_claim_by_post_and_the_payer_accepts(cast, client_for):
    code = old_code(BORN)
    child = make_child(cast.municipality_b, personal_code=code)
    response = client_for(cast.social_worker).post(
        f"{CLAIMS}new/",
        {
            "child_first_name": "Anna",
            "child_last_name": "Liepa",
            "residence_municipality": cast.municipality_b.pk,
            "personal_code": code,
            "basis": "BTAL 67(7)",
            "description": "Krīzes centrs",
            "period_from": "01.02.2026",
            "period_to": "28.02.2026",
            "amount": "1234.50",
        },
    )
    assert response.status_code == 302
    claim = CostClaim.objects.get()
    assert code not in response["Location"]
    # The payer is the engine's answer; B's own record is neither linked nor read.
    assert claim.child is None and claim.payer_municipality == cast.municipality_b
    page = client_for(cast.b_coordinator).get(f"{CLAIMS}{claim.pk}/")
    assert "1 234,50 €" in page.content.decode()
    assert "Anna Liepa" in page.content.decode()
    assert not reads(child, cast.b_coordinator).exists()
    assert client_for(cast.social_worker).post(f"{CLAIMS}{claim.pk}/accept/").status_code == 403
    assert client_for(cast.b_coordinator).post(f"{CLAIMS}{claim.pk}/accept/").status_code == 302
    claim.refresh_from_db()
    assert claim.status == CostClaimStatus.ACCEPTED


def test_new_claim_without_where_the_child_lives_says_so(cast, client_for):
    response = client_for(cast.social_worker).post(
        f"{CLAIMS}new/",
        {
            "child_first_name": "Anna",
            "child_last_name": "Liepa",
            "basis": "BTAL 67(7)",
            "description": "x",
            "period_from": "01.02.2026",
            "period_to": "28.02.2026",
            "amount": "10",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Say where the child lives" in response.content.decode()
    assert not CostClaim.objects.exists()


def test_totals_page(cast, client_for):
    make_claim(cast, status=CostClaimStatus.ACCEPTED)
    make_claim(cast)
    response = client_for(cast.social_worker).get(TOTALS + "?year=2026")
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert row.name == cast.municipality_b.name
    assert str(row.outgoing_accepted) == "1234.50" and str(row.outgoing_pending) == "1234.50"
    assert "1 234,50 €" in response.content.decode()


def test_home_panel_and_navigation_link_to_handovers(cast, client_for):
    html = client_for(cast.coordinator).get("/").content.decode()
    assert 'href="/responsibility/handovers/"' in html
