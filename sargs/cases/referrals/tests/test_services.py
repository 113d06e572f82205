"""Referrals: every transition, the crisis team's cooperation agreement, and the sides."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sargs.cases.casework import services as case_services
from sargs.cases.casework.models import ParticipantRole
from sargs.cases.referrals import services as rs
from sargs.cases.referrals.models import ReferralStatus
from sargs.cases.referrals.selectors import referral_hours
from sargs.cases.tests.helpers import catalogue, open_case, refer, today
from sargs.organisations.models import Institution, Membership
from sargs.organisations.roles import InstitutionType, Role

pytestmark = pytest.mark.django_db


def test_a_referral_brings_the_provider_into_the_case(cast):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    assert referral.status == ReferralStatus.REQUESTED
    assert referral.provider == cast.institutions["a_provider"]
    assert case.participants.filter(
        institution=cast.institutions["a_provider"], role=ParticipantRole.PROVIDER
    ).exists()


def test_a_service_of_another_municipality_or_contract_is_refused(cast):
    _concern, case, _child = open_case(cast)
    service, contract = catalogue(cast)
    other, _ = catalogue(cast, "psychologist")
    with pytest.raises(ValidationError) as error:
        rs.referral_create(
            case=case,
            actor=cast.social_worker,
            service=other,
            contract=contract,
            planned_from=today(),
        )
    assert "contract" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        rs.referral_create(
            case=case, actor=cast.social_worker, service=service, planned_from=today()
        )
    assert "provider" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        refer(cast, case, areas=["nonsense"])
    assert "areas" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        refer(cast, case, actor=cast.provider_staff)


def test_requested_waiting_accepted_in_progress_completed(cast):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    with pytest.raises(PermissionDenied):
        rs.referral_accept(referral=referral, actor=cast.social_worker)
    rs.referral_waitlist(referral=referral, actor=cast.provider_staff)
    with pytest.raises(ValidationError, match="waiting list"):
        rs.referral_waitlist(referral=referral, actor=cast.provider_staff)
    with pytest.raises(ValidationError, match="accepted referral"):
        rs.referral_start(referral=referral, actor=cast.family_assistant)
    rs.referral_accept(referral=referral, actor=cast.provider_staff)
    with pytest.raises(ValidationError, match="in progress"):
        rs.referral_session_add(
            referral=referral, actor=cast.family_assistant, held_on=today(), hours=Decimal(2)
        )
    rs.referral_start(referral=referral, actor=cast.family_assistant)
    session = rs.referral_session_add(
        referral=referral,
        actor=cast.family_assistant,
        held_on=today(),
        hours=Decimal("2.5"),
        areas=["childcare"],
        note="Kopā gatavojām vakariņas.",
    )
    assert session.hours == Decimal("2.5")
    with pytest.raises(ValidationError) as error:
        rs.referral_session_add(
            referral=referral, actor=cast.family_assistant, held_on=today(), hours=Decimal(30)
        )
    assert "hours" in error.value.message_dict
    assert referral_hours(referral) == Decimal("2.5")
    # The progress note reaches the case's timeline.
    assert case.timeline.filter(kind="referral", text__contains="vakariņas").exists()
    with pytest.raises(ValidationError) as error:
        rs.referral_complete(
            referral=referral, actor=cast.family_assistant, outcome_rating="achieved", outcome=""
        )
    assert "outcome" in error.value.message_dict
    rs.referral_complete(
        referral=referral,
        actor=cast.family_assistant,
        outcome_rating="achieved",
        outcome="Ģimene tiek galā.",
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED and referral.ended_on == today()
    with pytest.raises(ValidationError, match="already ended"):
        rs.referral_end(referral=referral, actor=cast.social_worker, outcome="x")


def test_crisis_intervention_needs_the_signed_agreement_before_it_starts(cast):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case, code="crisis-intervention-team")
    rs.referral_accept(referral=referral, actor=cast.provider_staff)
    with pytest.raises(ValidationError, match="cooperation agreement"):
        rs.referral_start(referral=referral, actor=cast.provider_staff)
    with pytest.raises(ValidationError):
        rs.referral_record_cooperation(
            referral=referral,
            actor=cast.provider_staff,
            agreed_on=today() + datetime.timedelta(days=1),
        )
    rs.referral_record_cooperation(referral=referral, actor=cast.provider_staff, agreed_on=today())
    rs.referral_start(referral=referral, actor=cast.provider_staff)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_PROGRESS


def test_the_case_ends_a_referral_early_and_another_provider_cannot_touch_it(cast):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    other = Institution.objects.create(
        name="Cits NVO", type=InstitutionType.SERVICE_PROVIDER, municipality=cast.municipality_a
    )
    from sargs.organisations.testing import make_user

    stranger = make_user("other_provider", (other, Role.PROVIDER_STAFF))
    with pytest.raises(PermissionDenied):
        rs.referral_accept(referral=referral, actor=stranger)
    with pytest.raises(PermissionDenied):
        rs.referral_end(referral=referral, actor=stranger, outcome="x")
    with pytest.raises(ValidationError):
        rs.referral_end(referral=referral, actor=cast.social_worker, outcome=" ")
    rs.referral_end(referral=referral, actor=cast.social_worker, outcome="Ģimene atteicās.")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ENDED
    assert Membership.objects.filter(user=stranger).exists()


def test_a_case_with_an_open_referral_cannot_close(cast):
    _concern, case, _child = open_case(cast)
    referral = refer(cast, case)
    with pytest.raises(ValidationError, match="Open referral"):
        case_services.case_close(case=case, actor=cast.social_worker, outcome="stayed_in_family")
    rs.referral_end(referral=referral, actor=cast.social_worker, outcome="Nevajag.")
    case_services.case_close(case=case, actor=cast.social_worker, outcome="stayed_in_family")


def test_services_in_progress_come_longest_without_a_session_first(cast):
    """The family assistant's panel: no session yet first, then the oldest latest session;
    a referral's latest session is its newest, whatever order they were written in."""
    from decimal import Decimal

    from sargs.cases.referrals import selectors as referral_selectors
    from sargs.cases.referrals import services as referral_services
    from sargs.cases.referrals.models import Referral
    from sargs.cases.tests.helpers import open_case, refer, today
    from sargs.organisations.principal import principal_for_user

    def started():
        _concern, case, _child = open_case(cast)
        referral = refer(cast, case)
        referral_services.referral_accept(referral=referral, actor=cast.family_assistant)
        referral_services.referral_start(referral=referral, actor=cast.family_assistant)
        Referral.objects.filter(pk=referral.pk).update(
            started_on=today() - datetime.timedelta(days=30)  # started a month ago
        )
        referral.refresh_from_db()
        return referral

    def session(referral, days_ago):
        referral_services.referral_session_add(
            referral=referral,
            actor=cast.family_assistant,
            held_on=today() - datetime.timedelta(days=days_ago),
            hours=Decimal("1"),
        )

    recent, stale, untouched = started(), started(), started()
    session(recent, 2)  # its latest: two days ago
    session(recent, 20)  # recorded later, held earlier: the latest stays two days ago
    session(stale, 9)
    rows = list(
        referral_selectors.referrals_in_progress(
            principal=principal_for_user(cast.family_assistant)
        )
    )
    assert [r.pk for r in rows] == [untouched.pk, stale.pk, recent.pk]
    assert rows[0].last_session_on is None
    assert rows[1].last_session_on == today() - datetime.timedelta(days=9)
    assert rows[2].last_session_on == today() - datetime.timedelta(days=2)
