"""Issue 15.1: a claim without a personal code, disputed, answered with a new amount and a PDF
invoice, accepted; its whole history; the invoice only for the two municipalities."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sargs.registry.testing import old_code
from sargs.responsibility import services
from sargs.responsibility.models import ClaimEvent, CostBasis, CostClaimStatus

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%test invoice\n"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.COST_CLAIM_INVOICE_MAX_BYTES = 1024


def claim_without_code(cast):
    return services.cost_claim_create(
        actor=cast.social_worker,
        claimant_municipality=cast.municipality_a,
        child=services.ClaimChild(
            first_name="Marta", last_name="Kalniņa", residence=cast.municipality_b
        ),
        description="Nakts krīzes centrā",
        period_from=datetime.date(2026, 3, 1),
        period_to=datetime.date(2026, 3, 2),
        amount=Decimal("120.00"),
        basis=CostBasis.CARE_OR_DANGER,
    )


def pdf(name="rekins.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_dispute_answer_accept_and_history(cast):
    claim = claim_without_code(cast)
    assert claim.payer_municipality == cast.municipality_b and claim.child_personal_code == ""
    services.cost_claim_dispute(claim=claim, actor=cast.b_social_worker, reason="Nav rēķina.")
    claim.refresh_from_db()
    assert claim.status == CostClaimStatus.DISPUTED
    assert claim.decided_at is None  # a dispute is not a decision
    with pytest.raises(PermissionDenied):
        services.cost_claim_answer(claim=claim, actor=cast.b_social_worker, answer="x")
    services.cost_claim_answer(
        claim=claim,
        actor=cast.social_worker,
        answer="Pievienojam rēķinu, summa precizēta.",
        amount=Decimal("95.50"),
        invoice=pdf(),
    )
    claim.refresh_from_db()
    assert claim.status == CostClaimStatus.SUBMITTED and claim.amount == Decimal("95.50")
    # Named by the claim, not by the uploaded file (the storage adds a suffix when another
    # invoice of the municipality was stored in the same second, as parallel tests do).
    assert re.fullmatch(r"cost-claims/\d+/\d{14}-invoice(_\w+)?\.pdf", claim.invoice.name)
    services.cost_claim_code_add(
        claim=claim, actor=cast.social_worker, personal_code=old_code(datetime.date(2014, 1, 2))
    )
    services.cost_claim_accept(claim=claim, actor=cast.b_social_worker)
    kinds = [(e.kind, e.actor, e.amount) for e in claim.events.order_by("at", "pk")]
    assert kinds == [
        (ClaimEvent.SUBMITTED, cast.social_worker, Decimal("120.00")),
        (ClaimEvent.DISPUTED, cast.b_social_worker, Decimal("120.00")),
        (ClaimEvent.ANSWERED, cast.social_worker, Decimal("95.50")),
        (ClaimEvent.CODE_ADDED, cast.social_worker, Decimal("95.50")),
        (ClaimEvent.ACCEPTED, cast.b_social_worker, Decimal("95.50")),
    ]


def test_invoice_must_be_a_pdf_within_the_limit(cast):
    claim = claim_without_code(cast)
    services.cost_claim_dispute(claim=claim, actor=cast.b_social_worker, reason="Nav rēķina.")
    with pytest.raises(ValidationError) as info:
        services.cost_claim_answer(
            claim=claim, actor=cast.social_worker, answer="x", invoice=pdf("a.pdf", b"MZ\x90")
        )
    assert "invoice" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.cost_claim_answer(
            claim=claim, actor=cast.social_worker, answer="x", invoice=pdf(body=PDF * 100)
        )
    assert "invoice" in info.value.message_dict


def test_invoice_served_only_to_the_two_municipalities(cast, client_for):
    claim = claim_without_code(cast)
    services.cost_claim_dispute(claim=claim, actor=cast.b_social_worker, reason="Nav rēķina.")
    services.cost_claim_answer(claim=claim, actor=cast.social_worker, answer="x", invoice=pdf())
    url = f"/responsibility/claims/{claim.pk}/invoice/"
    for user in (cast.social_worker, cast.b_social_worker):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
    assert client_for(cast.school_staff).get(url).status_code == 403
    from .helpers import third_keeper

    assert client_for(third_keeper()).get(url).status_code == 404


def test_claim_page_shows_the_claim_not_a_decision_when_disputed(cast, client_for):
    claim = claim_without_code(cast)
    services.cost_claim_dispute(claim=claim, actor=cast.b_social_worker, reason="Nav rēķina.")
    page = client_for(cast.social_worker).get(
        f"/responsibility/claims/{claim.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert "Disputed: waiting for the claimant" in text
    assert "Decided" not in text
    assert "Marta Kalniņa" in text and "Answer the dispute" in text
