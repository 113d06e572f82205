"""The demo case work loads through the services and only once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from sargs.cases.casework.models import Case
from sargs.cases.concerns.models import Concern
from sargs.cases.court.models import CourtJudgment, Placement
from sargs.cases.demo import load_case_demo
from sargs.cases.demo_elsewhere import load_elsewhere_demo
from sargs.cases.referrals.models import Referral
from sargs.organisations.demo import load_demo
from sargs.registry.models import Child
from sargs.responsibility.models import CostClaim, Handover

pytestmark = pytest.mark.django_db


def test_the_demo_creates_case_work_once():
    load_demo()
    assert load_case_demo() == {"cases": 3, "concerns": 5}
    assert Case.objects.filter(status="open").count() == 2
    closed = Case.objects.get(status="closed")
    assert closed.outcome == "stayed_in_family"
    assert Concern.objects.count() == 5 and Concern.objects.filter(status="new").count() == 1
    family = Case.objects.get(children__first_name="Marta")
    assert family.children.count() == 2 and family.plans.get().family_agreed_on is not None
    assert family.assessments.exists() and family.proceedings.get().status == "warned"
    assert Referral.objects.get().sessions.count() == 4
    assert family.talks.count() == 1
    # The crisis foster family comes from the court's register (three families in it); the
    # three-month limit is short-term care in an institution only (BTAL 37).
    placement = Placement.objects.get()
    assert placement.foster_family.kind == "crisis" and not placement.emergency
    assert placement.foster_family.court.municipality == family.municipality
    assert not CourtJudgment.objects.exists()
    assert Handover.objects.get().status == "proposed"
    assert CostClaim.objects.count() == 1
    assert load_elsewhere_demo() == {"cost claims": 1, "accepted handovers": 1}
    counts = (
        Child.objects.count(),
        Case.objects.count(),
        Concern.objects.count(),
        CostClaim.objects.count(),
        Handover.objects.count(),
    )
    call_command("demo_data")
    call_command("demo_cases")
    assert load_elsewhere_demo() == {"cost claims": 0, "accepted handovers": 0}
    assert (
        Child.objects.count(),
        Case.objects.count(),
        Concern.objects.count(),
        CostClaim.objects.count(),
        Handover.objects.count(),
    ) == counts


def test_the_command_asks_for_the_organisations_first():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="demo organisations"):
        call_command("demo_cases")
