"""BTAL 67(4) end to end: the municipality whose orphan's court decided the out-of-family care
keeps responsibility, wherever the child and the parents live."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from sargs.cases.court import services as placement_services
from sargs.cases.court.selectors import placement_care_facts
from sargs.cases.court.testing import carer_for
from sargs.cases.tests.helpers import open_case, today
from sargs.registry.selectors import child_detail_queryset, child_jurisdiction
from sargs.registry.services import residence_add
from sargs.registry.testing import make_parent, make_residence
from sargs.responsibility.models import Handover

pytestmark = pytest.mark.django_db


def living_in_b(cast):
    """A child kept by A whose family now lives in B (declared residences in B)."""
    _concern, case, child = open_case(cast, danger=True)
    make_parent(child, "mother", declared=cast.municipality_b, lives_with_child=True)
    return case, child


def responsible(child) -> tuple[str, tuple[str, ...]]:
    with translation.override("en"):
        answer = child_jurisdiction(
            child_detail_queryset().get(pk=child.pk), today(), "en"
        ).decision
    assert answer is not None and answer.responsible is not None
    return answer.responsible.atvk, answer.basis


def place(cast, case, child):
    return placement_services.placement_start(
        case=case,
        actor=cast.orphans_court_member,
        child=child,
        form="foster_family",
        child_opinion="Piekrīt.",
        **carer_for("foster_family", court=cast.institutions["a_court"], child=child),
    )


def test_a_child_placed_by_a_who_lives_in_b_stays_with_a(cast):
    case, child = living_in_b(cast)
    make_residence(cast.municipality_b, child=child, valid_from=datetime.date(2020, 1, 1))
    assert responsible(child)[0] == cast.municipality_b.atvk  # 67(2): where the family lives
    placement = place(cast, case, child)
    assert placement.deciding_municipality == cast.municipality_a
    atvk, basis = responsible(child)
    assert atvk == cast.municipality_a.atvk and "BTAL 67(4)" in basis
    placement_services.placement_end(
        placement=placement, actor=cast.orphans_court_member, reason="returned"
    )
    assert responsible(child)[0] == cast.municipality_b.atvk


def test_only_the_placement_in_effect_counts(cast):
    case, child = living_in_b(cast)
    placement = place(cast, case, child)
    facts = placement_care_facts(child, today())
    assert facts is not None and facts.decided_by == cast.municipality_a.atvk
    assert placement_care_facts(child, today() - datetime.timedelta(days=1)) is None
    placement_services.placement_end(
        placement=placement, actor=cast.orphans_court_member, reason="returned"
    )
    assert placement_care_facts(child, today()) is None  # back home on the day it ended


def test_the_placement_withdraws_a_handover_and_a_move_proposes_none(cast):
    case, child = living_in_b(cast)
    residence_add(
        actor=cast.social_worker,
        municipality=cast.municipality_b,
        kind="declared",
        valid_from=today() - datetime.timedelta(days=3),
        child=child,
    )
    handover = Handover.objects.get(child=child)
    assert handover.to_municipality == cast.municipality_b and handover.status == "proposed"
    place(cast, case, child)
    handover.refresh_from_db()
    assert handover.status == "withdrawn"
    residence_add(
        actor=cast.social_worker,
        municipality=cast.municipality_b,
        kind="actual",
        valid_from=today() - datetime.timedelta(days=1),
        child=child,
    )
    assert not Handover.objects.filter(child=child, status="proposed").exists()
