"""Shared set-ups: a family of municipality A, moves through the registry's services, claims."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from sargs.organisations.models import Institution, Municipality
from sargs.organisations.roles import InstitutionType, Role
from sargs.organisations.testing import make_user
from sargs.registry import services as registry_services
from sargs.registry.models import Child, ChildRepresentative, Household
from sargs.registry.testing import make_child, make_parent, old_code
from sargs.responsibility.models import CostBasis, CostClaim, Handover, HandoverStatus

BORN = datetime.date(2015, 3, 4)


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def family(cast, *, household: bool = True, code: str | None = None):
    """A child of A living with both parents, both declared in A (built directly: no signal)."""
    a = cast.municipality_a
    home = Household.objects.create(municipality=a, name="Bērziņu ģimene") if household else None
    child = make_child(a, household=home, personal_code=code or old_code(BORN))
    mother = make_parent(child, "mother", declared=a, lives_with_child=True)
    father = make_parent(child, "father", first_name="Jānis", declared=a, lives_with_child=True)
    return child, mother, father


def move(cast, relations: list[ChildRepresentative], to: Municipality, since: datetime.date):
    """Declare the parents' residence in ``to`` through the registry (sends the signal)."""
    for relation in relations:
        registry_services.residence_add(
            actor=cast.social_worker,
            representative=relation.representative,
            kind="declared",
            municipality=to,
            valid_from=since,
        )


def proposed(cast) -> tuple[Child, Handover]:
    """A child of A whose parents moved to B: an open handover A → B."""
    child, mother, father = family(cast)
    move(cast, [mother, father], cast.municipality_b, days_ago(30))
    return child, Handover.objects.get(child=child, status=HandoverStatus.PROPOSED)


def third_keeper(name: str = "c_social_worker"):
    """A registry keeper of a third municipality (Cēsu novads)."""
    c = Municipality.objects.get(atvk="0026000")
    social = Institution.objects.create(
        name="C social service", type=InstitutionType.SOCIAL_SERVICE, municipality=c
    )
    return make_user(name, (social, Role.SOCIAL_WORKER))


def make_claim(cast, child: Child | None = None, **kwargs) -> CostClaim:
    """A claim by A for a child B keeps (built directly)."""
    child = child or make_child(cast.municipality_b)
    values = {
        "child": child,
        "child_first_name": child.first_name,
        "child_last_name": child.last_name,
        "claimant_municipality": cast.municipality_a,
        "payer_municipality": cast.municipality_b,
        "basis": CostBasis.CARE_OR_DANGER,
        "description": "Krīzes centrs",
        "period_from": datetime.date(2026, 1, 1),
        "period_to": datetime.date(2026, 1, 31),
        "amount": Decimal("1234.50"),
        "created_by": cast.social_worker,
    }
    values.update(kwargs)
    return CostClaim.objects.create(**values)
