"""Handover services: the signal-driven proposal and every transition, valid and invalid."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sargs.audit.models import AuditEntry
from sargs.organisations.models import Municipality
from sargs.registry import services as registry_services
from sargs.registry.models import Child, Household, LegalRepresentative
from sargs.responsibility import services
from sargs.responsibility.models import Handover, HandoverStatus

from .helpers import days_ago, family, move, proposed

pytestmark = pytest.mark.django_db


def test_parents_moving_to_b_propose_a_handover_a_to_b(cast):
    child, handover = proposed(cast)
    assert handover.from_municipality == cast.municipality_a
    assert handover.to_municipality == cast.municipality_b
    assert "BTAL 67(2)" in handover.basis
    assert handover.reason_lv and handover.reason_en and handover.reason_lv != handover.reason_en
    assert handover.proposed_by == cast.social_worker
    # Until accepted, the child stays with A.
    child.refresh_from_db()
    assert child.municipality == cast.municipality_a


def test_one_parent_moving_is_undetermined_and_proposes_nothing(cast):
    child, mother, _father = family(cast)
    move(cast, [mother], cast.municipality_b, days_ago(30))  # lives with both: undetermined
    assert not Handover.objects.filter(child=child).exists()


def test_moving_back_withdraws_the_open_handover(cast):
    child, handover = proposed(cast)
    relations = list(child.representations.all())
    move(cast, relations, cast.municipality_a, days_ago(10))
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.WITHDRAWN
    assert handover.decided_by == cast.social_worker
    assert not Handover.objects.filter(child=child, status__in=["proposed", "disputed"]).exists()


def test_moving_elsewhere_replaces_the_open_handover(cast):
    child, handover = proposed(cast)
    cesis = Municipality.objects.get(atvk="0026000")
    move(cast, list(child.representations.all()), cesis, days_ago(10))
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.WITHDRAWN
    new = Handover.objects.get(child=child, status=HandoverStatus.PROPOSED)
    assert new.to_municipality == cesis


def test_review_twice_keeps_one_open_handover(cast):
    child, handover = proposed(cast)
    assert services.handover_review(child=child, actor=None) == handover
    assert Handover.objects.filter(child=child).count() == 1


def test_lives_with_change_sends_the_signal(cast):
    a, b = cast.municipality_a, cast.municipality_b
    child, mother, father = family(cast)
    # Mother moves to B: undetermined while the child lives with both.
    move(cast, [mother], b, days_ago(30))
    assert not Handover.objects.filter(child=child).exists()
    registry_services.representative_set_lives_with(
        actor=cast.coordinator, relation=father, lives_with_child=False
    )
    assert Handover.objects.get(child=child).to_municipality == b  # lives with the mother only
    assert a != b


def test_child_own_residence_without_parents_proposes(cast):
    from sargs.registry.testing import make_child

    child = make_child(cast.municipality_a)
    registry_services.residence_add(
        actor=cast.social_worker,
        child=child,
        kind="declared",
        municipality=cast.municipality_b,
        valid_from=days_ago(5),
    )
    assert Handover.objects.get(child=child).basis == ["BTAL 67(1)"]


# --- accept ---


def test_accept_moves_child_household_and_parents(cast):
    child, handover = proposed(cast)
    services.handover_accept(handover=handover, actor=cast.b_coordinator)
    handover.refresh_from_db()
    child.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED
    assert handover.decided_by == cast.b_coordinator and handover.decided_at
    assert child.municipality == cast.municipality_b
    assert child.household.municipality == cast.municipality_b
    for adult in LegalRepresentative.objects.filter(representations__child=child):
        assert adult.municipality == cast.municipality_b
        assert adult.household == child.household


def test_accept_leaves_household_and_shared_parent_when_a_sibling_stays(cast):
    child, handover = proposed(cast)
    mother = child.representations.get(role="mother").representative
    sibling = Child.objects.create(
        municipality=cast.municipality_a,
        household=child.household,
        first_name="Pēteris",
        last_name="Bērziņš",
        birth_date=days_ago(3000),
        sex="male",
    )
    sibling.representations.create(representative=mother, role="mother")
    services.handover_accept(handover=handover, actor=cast.b_social_worker)
    child.refresh_from_db()
    mother.refresh_from_db()
    household = Household.objects.get(pk=sibling.household_id)
    assert child.municipality == cast.municipality_b and child.household is None
    assert household.municipality == cast.municipality_a
    assert mother.municipality == cast.municipality_a  # still represents the sibling
    father = child.representations.get(role="father").representative
    assert father.municipality == cast.municipality_b and father.household is None


def test_accept_is_for_the_receiving_side_only(cast):
    _child, handover = proposed(cast)
    with pytest.raises(PermissionDenied):
        services.handover_accept(handover=handover, actor=cast.social_worker)
    with pytest.raises(PermissionDenied):
        services.handover_accept(handover=handover, actor=cast.school_staff)


def test_accept_of_a_closed_handover_is_refused(cast):
    _child, handover = proposed(cast)
    services.handover_withdraw(handover=handover, actor=cast.social_worker)
    with pytest.raises(ValidationError, match="Only a proposed or disputed"):
        services.handover_accept(handover=handover, actor=cast.b_coordinator)


def test_accept_is_audited(cast):
    child, handover = proposed(cast)
    services.handover_accept(handover=handover, actor=cast.b_coordinator)
    handover_changes = AuditEntry.objects.filter(
        content_type__model="handover", object_pk=str(handover.pk)
    )
    assert handover_changes.filter(action=AuditEntry.Action.CREATE).exists()
    update = handover_changes.filter(action=AuditEntry.Action.UPDATE).latest("pk")
    assert "accepted" in str(update.changes)
    assert update.municipality_id == cast.municipality_a.pk
    child_change = AuditEntry.objects.filter(
        content_type__model="child", object_pk=str(child.pk), action=AuditEntry.Action.UPDATE
    ).latest("pk")
    assert "municipality" in str(child_change.changes)


# --- dispute, resubmit, withdraw ---


@pytest.mark.parametrize("reason", ["", "   "])
def test_dispute_requires_a_reason(cast, reason):
    _child, handover = proposed(cast)
    with pytest.raises(ValidationError) as info:
        services.handover_dispute(handover=handover, actor=cast.b_coordinator, reason=reason)
    assert "reason" in info.value.message_dict
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PROPOSED


def test_dispute_then_resubmit_then_accept(cast):
    child, handover = proposed(cast)
    services.handover_dispute(
        handover=handover, actor=cast.b_coordinator, reason="Ģimene dzīvo Valmierā."
    )
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.DISPUTED
    assert handover.dispute_reason == "Ģimene dzīvo Valmierā."
    with pytest.raises(ValidationError, match="Only a proposed handover"):
        services.handover_dispute(handover=handover, actor=cast.b_coordinator, reason="again")
    with pytest.raises(ValidationError) as info:
        services.handover_resubmit(handover=handover, actor=cast.social_worker, comment=" ")
    assert "comment" in info.value.message_dict
    with pytest.raises(PermissionDenied):
        services.handover_resubmit(handover=handover, actor=cast.b_coordinator, comment="x")
    services.handover_resubmit(
        handover=handover, actor=cast.social_worker, comment="Deklarācija ir Smiltenē."
    )
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PROPOSED
    assert handover.sender_comment == "Deklarācija ir Smiltenē."
    services.handover_accept(handover=handover, actor=cast.b_coordinator)
    child.refresh_from_db()
    assert child.municipality == cast.municipality_b


def test_resubmit_needs_a_dispute(cast):
    _child, handover = proposed(cast)
    with pytest.raises(ValidationError, match="Only a disputed"):
        services.handover_resubmit(handover=handover, actor=cast.social_worker, comment="x")


def test_dispute_is_for_the_receiving_side_only(cast):
    _child, handover = proposed(cast)
    with pytest.raises(PermissionDenied):
        services.handover_dispute(handover=handover, actor=cast.coordinator, reason="x")


def test_withdraw_by_the_sender_only_and_only_while_open(cast):
    _child, handover = proposed(cast)
    with pytest.raises(PermissionDenied):
        services.handover_withdraw(handover=handover, actor=cast.b_coordinator)
    services.handover_withdraw(handover=handover, actor=cast.coordinator)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.WITHDRAWN
    with pytest.raises(ValidationError, match="Only a proposed or disputed"):
        services.handover_withdraw(handover=handover, actor=cast.coordinator)


def test_a_new_proposal_after_withdrawal(cast):
    child, handover = proposed(cast)
    services.handover_withdraw(handover=handover, actor=cast.coordinator)
    new = services.handover_review(child=child, actor=None)
    assert new is not None and new.pk != handover.pk and new.proposed_by is None


# --- database constraints ---


def test_only_one_open_handover_per_child(cast):
    child, _handover = proposed(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Handover.objects.create(
            child=child,
            from_municipality=cast.municipality_a,
            to_municipality=Municipality.objects.get(atvk="0026000"),
            status=HandoverStatus.DISPUTED,
            dispute_reason="x",
        )
    Handover.objects.create(
        child=child,
        from_municipality=cast.municipality_a,
        to_municipality=cast.municipality_b,
        status=HandoverStatus.WITHDRAWN,
    )


def test_a_handover_goes_between_two_municipalities(cast):
    child, _mother, _father = family(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Handover.objects.create(
            child=child, from_municipality=cast.municipality_a, to_municipality=cast.municipality_a
        )


def test_a_disputed_handover_has_a_reason(cast):
    child, _mother, _father = family(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        Handover.objects.create(
            child=child,
            from_municipality=cast.municipality_a,
            to_municipality=cast.municipality_b,
            status=HandoverStatus.DISPUTED,
        )


def test_a_failing_review_rolls_back_the_registry_change(cast, monkeypatch):
    _child, mother, _father = family(cast)

    def boom(**kwargs):
        raise RuntimeError("review failed")

    monkeypatch.setattr(services, "handover_review", boom)
    monkeypatch.setattr("sargs.responsibility.receivers.handover_review", boom)
    with pytest.raises(RuntimeError):
        move(cast, [mother], cast.municipality_b, days_ago(3))
    assert not mother.representative.residences.filter(municipality=cast.municipality_b).exists()
