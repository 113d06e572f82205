"""The demo across municipalities (issue 15): a claim from a concern without a personal code,
disputed and answered, and a completed handover that carried the child's case; added once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sargs.cases.casework.models import Case, CaseOutcome, CaseStatus
from sargs.cases.casework.transfer_models import CaseTransfer
from sargs.cases.concerns.models import Alert, Concern, ConcernStatus
from sargs.cases.demo_elsewhere import load_elsewhere_demo
from sargs.organisations.demo import load_demo
from sargs.organisations.models import Institution
from sargs.responsibility.models import (
    ClaimEvent,
    ClaimOrigin,
    CostClaim,
    CostClaimStatus,
    Handover,
    HandoverStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    load_demo()
    return load_elsewhere_demo()


def test_the_night_claim_from_a_police_concern_without_a_code(loaded):
    assert loaded == {"cost claims": 1, "accepted handovers": 1}
    concern = Concern.objects.get(child_last_name="Zariņa")
    assert concern.reporting_institution.type == "municipal_police" and concern.danger_to_life
    assert concern.child_personal_code == "" and concern.residence_municipality.atvk == "0049000"
    assert concern.status == ConcernStatus.CLOSED
    smiltene_social = Institution.objects.get(name="Smiltenes novada Sociālais dienests")
    assert Alert.objects.get(concern=concern, recipient=smiltene_social).acknowledged_at is None
    claim = CostClaim.objects.get(origin=ClaimOrigin.CONCERN, origin_id=concern.pk)
    assert claim.child_personal_code == "" and claim.child_id is None
    assert (claim.claimant_municipality.atvk, claim.payer_municipality.atvk) == (
        "0054000",
        "0049000",
    )
    assert claim.status == CostClaimStatus.SUBMITTED and claim.amount == Decimal("132.60")
    assert claim.decided_at is None
    with claim.invoice.open("rb") as invoice:
        assert invoice.read(5) == b"%PDF-"
    kinds = list(claim.events.order_by("at", "pk").values_list("kind", "amount"))
    assert kinds == [
        (ClaimEvent.SUBMITTED, Decimal("148.00")),
        (ClaimEvent.DISPUTED, Decimal("148.00")),
        (ClaimEvent.ANSWERED, Decimal("132.60")),
    ]


def test_the_family_that_moved_took_its_case_along(loaded):
    handover = Handover.objects.get(child__first_name="Paula")
    assert handover.status == HandoverStatus.ACCEPTED
    assert handover.child.municipality.atvk == "0049000"
    transfer = CaseTransfer.objects.get(handover=handover)
    assert transfer.from_case.status == CaseStatus.CLOSED
    assert transfer.from_case.outcome == CaseOutcome.MOVED
    assert transfer.to_case.status == CaseStatus.OPEN
    assert transfer.to_case.municipality.atvk == "0049000"
    assert transfer.summary["concerns"] and transfer.summary["assessment"]


def test_loading_again_adds_nothing(loaded):
    counts = (CostClaim.objects.count(), Handover.objects.count(), Case.objects.count())
    assert load_elsewhere_demo() == {"cost claims": 0, "accepted handovers": 0}
    assert (CostClaim.objects.count(), Handover.objects.count(), Case.objects.count()) == counts
