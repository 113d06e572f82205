"""Cost claims: creating (the payer named by the BTAL 67 engine), transitions, constraints
and yearly totals."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sargs.organisations.models import Municipality
from sargs.registry.testing import make_child, old_code
from sargs.responsibility import selectors, services
from sargs.responsibility.models import CostBasis, CostClaim, CostClaimStatus

from .helpers import BORN, make_claim

pytestmark = pytest.mark.django_db


def create(cast, code: str, **kwargs) -> CostClaim:
    residence = kwargs.pop("residence", cast.municipality_b)
    values = {
        "actor": cast.social_worker,
        "claimant_municipality": cast.municipality_a,
        "child": services.ClaimChild(
            first_name="Anna", last_name="Liepa", personal_code=code, residence=residence
        ),
        "description": "Krīzes centra pakalpojums",
        "period_from": datetime.date(2026, 2, 1),
        "period_to": datetime.date(2026, 2, 28),
        "amount": Decimal("850.00"),
        "basis": CostBasis.CARE_OR_DANGER,
    }
    values.update(kwargs)
    return services.cost_claim_create(**values)


def test_claim_goes_to_the_municipality_the_engine_names(cast):
    code = old_code(BORN)
    claim = create(cast, f"{code[:6]}-{code[6:]}")
    assert claim.child is None  # nobody's record is looked up by the code
    assert claim.child_personal_code == code
    assert claim.payer_municipality == cast.municipality_b
    assert claim.claimant_municipality == cast.municipality_a
    assert claim.status == CostClaimStatus.SUBMITTED
    assert claim.amount == Decimal("850.00")
    assert "67" in claim.payer_reason_en


def test_same_answer_whether_or_not_the_code_is_registered(cast):
    code = old_code(BORN)
    unknown = create(cast, code)
    make_child(cast.municipality_b, personal_code=old_code(datetime.date(2016, 5, 6)))
    known = create(cast, old_code(datetime.date(2016, 5, 6)))
    assert (unknown.payer_municipality, unknown.child) == (known.payer_municipality, known.child)


def test_claim_against_own_municipality_is_refused(cast):
    with pytest.raises(ValidationError) as info:
        create(cast, old_code(BORN), residence=cast.municipality_a)
    assert "residence_municipality" in info.value.message_dict


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5.00")])
def test_amount_must_be_positive(cast, amount):
    code = old_code(BORN)
    make_child(cast.municipality_b, personal_code=code)
    with pytest.raises(ValidationError) as info:
        create(cast, code, amount=amount)
    assert "amount" in info.value.message_dict


def test_period_must_not_end_before_it_begins(cast):
    code = old_code(BORN)
    make_child(cast.municipality_b, personal_code=code)
    with pytest.raises(ValidationError) as info:
        create(
            cast, code, period_from=datetime.date(2026, 3, 1), period_to=datetime.date(2026, 2, 1)
        )
    assert "period_to" in info.value.message_dict


def test_only_the_claimant_keepers_create(cast):
    code = old_code(BORN)
    make_child(cast.municipality_b, personal_code=code)
    with pytest.raises(PermissionDenied):
        create(cast, code, actor=cast.school_staff)
    with pytest.raises(PermissionDenied):
        create(cast, code, actor=cast.b_coordinator)


@pytest.mark.parametrize(
    "changes",
    [
        {"amount": Decimal("0.00")},
        {"amount": Decimal("-1.00")},
        {"period_from": datetime.date(2026, 2, 1), "period_to": datetime.date(2026, 1, 31)},
        {"status": CostClaimStatus.DISPUTED, "dispute_reason": ""},
    ],
)
def test_database_constraints(cast, changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(cast, **changes)


def test_claimant_and_payer_differ(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_claim(cast, payer_municipality=cast.municipality_a)


def test_accept_by_the_payer(cast):
    claim = make_claim(cast)
    with pytest.raises(PermissionDenied):
        services.cost_claim_accept(claim=claim, actor=cast.social_worker)
    services.cost_claim_accept(claim=claim, actor=cast.b_social_worker)
    claim.refresh_from_db()
    assert claim.status == CostClaimStatus.ACCEPTED and claim.decided_by == cast.b_social_worker
    with pytest.raises(ValidationError, match="Only a submitted or disputed"):
        services.cost_claim_accept(claim=claim, actor=cast.b_social_worker)
    with pytest.raises(ValidationError, match="Only a submitted or disputed"):
        services.cost_claim_withdraw(claim=claim, actor=cast.social_worker)


def test_dispute_requires_a_reason_and_a_submitted_claim(cast):
    claim = make_claim(cast)
    with pytest.raises(ValidationError) as info:
        services.cost_claim_dispute(claim=claim, actor=cast.b_coordinator, reason="")
    assert "reason" in info.value.message_dict
    with pytest.raises(PermissionDenied):
        services.cost_claim_dispute(claim=claim, actor=cast.coordinator, reason="x")
    services.cost_claim_dispute(claim=claim, actor=cast.b_coordinator, reason="Nav rēķina.")
    claim.refresh_from_db()
    assert claim.status == CostClaimStatus.DISPUTED and claim.dispute_reason == "Nav rēķina."
    with pytest.raises(ValidationError, match="Only a submitted claim"):
        services.cost_claim_dispute(claim=claim, actor=cast.b_coordinator, reason="again")
    # The payer may still accept after all; or the claimant withdraws.
    services.cost_claim_withdraw(claim=claim, actor=cast.coordinator)
    claim.refresh_from_db()
    assert claim.status == CostClaimStatus.WITHDRAWN


def test_withdraw_by_the_claimant_only(cast):
    claim = make_claim(cast)
    with pytest.raises(PermissionDenied):
        services.cost_claim_withdraw(claim=claim, actor=cast.b_coordinator)


@pytest.mark.parametrize("seed", range(5))
def test_totals_equal_the_sums_of_the_claims(cast, seed):
    rng = random.Random(seed)
    a, b = cast.municipality_a, cast.municipality_b
    others = list(Municipality.objects.exclude(pk__in=[a.pk, b.pk])[:3])
    counterparts = [b, *others]
    claims = []
    for _ in range(40):
        other = rng.choice(counterparts)
        outgoing = rng.random() < 0.5
        claimant, payer = (a, other) if outgoing else (other, a)
        year = rng.choice([2025, 2026])
        claims.append(
            make_claim(
                cast,
                child=make_child(payer),
                claimant_municipality=claimant,
                payer_municipality=payer,
                period_from=datetime.date(year, rng.randint(1, 12), 1),
                period_to=datetime.date(year, 12, 31),
                amount=Decimal(rng.randint(1, 500_000)) / 100,
                status=rng.choice(list(CostClaimStatus)),
                dispute_reason="x",
            )
        )
    # Claims between two others never count for A.
    make_claim(cast, child=make_child(b), claimant_municipality=others[0], payer_municipality=b)

    rows = {
        row.municipality_id: row for row in selectors.cost_claim_totals(municipality=a, year=2026)
    }
    for other in counterparts:

        def total(outgoing: bool, statuses: tuple[str, ...], other=other) -> Decimal:
            return sum(
                (
                    c.amount
                    for c in claims
                    if c.period_from.year == 2026
                    and c.status in statuses
                    and (
                        (c.claimant_municipality, c.payer_municipality)
                        == ((a, other) if outgoing else (other, a))
                    )
                ),
                Decimal("0.00"),
            )

        row = rows.get(other.pk)
        expected = (
            total(False, ("accepted",)),
            total(False, ("submitted", "disputed")),
            total(True, ("accepted",)),
            total(True, ("submitted", "disputed")),
        )
        got = (
            (
                row.incoming_accepted,
                row.incoming_pending,
                row.outgoing_accepted,
                row.outgoing_pending,
            )
            if row
            else (Decimal("0.00"),) * 4
        )
        assert got == expected
        assert all(value.as_tuple().exponent == -2 for value in got)


def test_totals_are_one_query(cast, django_assert_num_queries):
    for _ in range(5):
        make_claim(cast)
    with django_assert_num_queries(1):
        selectors.cost_claim_totals(municipality=cast.municipality_a, year=2026)


def test_eur_filter():
    from django.utils import translation

    from sargs.core.templatetags.sargs import eur

    with translation.override("lv"):
        assert eur(Decimal("1234.5")) == "1 234,50 €"
        assert eur(Decimal("1234567.891")) == "1 234 567,89 €"
        assert eur(Decimal("0")) == "0,00 €"
    with translation.override("en"):
        assert eur(Decimal("1234.5")) == "€1,234.50"
    assert eur(None) == ""
