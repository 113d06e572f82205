"""Test helpers of the orphan's court: a registered carer for each form of care (a family of
the court's register, the child's guardian in the registry, a childcare institution)."""

from __future__ import annotations

import datetime
from typing import Any

from sargs.organisations.models import Institution
from sargs.organisations.roles import InstitutionType
from sargs.registry.models import Child, RepresentativeRole
from sargs.registry.testing import make_parent

from .models import FORM_OF_KIND, CareForm, FosterFamily

KIND_OF_FORM = {form: kind for kind, form in FORM_OF_KIND.items()}


def make_foster_family(
    court: Institution,
    *,
    name: str = "Ozolu ģimene",
    kind: str = "ordinary",
    places: int = 3,
    registered_on: datetime.date = datetime.date(2020, 1, 1),
) -> FosterFamily:
    assert court.municipality is not None
    return FosterFamily.objects.create(
        court=court,
        municipality=court.municipality,
        name=name,
        kind=kind,
        places=places,
        registered_on=registered_on,
        status_since=registered_on,
    )


def carer_for(form: str, *, court: Institution, child: Child, name: str = "") -> dict[str, Any]:
    """Keyword arguments of ``placement_start`` naming a registered carer for ``form``."""
    if form in KIND_OF_FORM:
        family = FosterFamily.objects.filter(
            court=court, kind=KIND_OF_FORM[form], name=name or "Ozolu ģimene"
        ).first() or make_foster_family(court, name=name or "Ozolu ģimene", kind=KIND_OF_FORM[form])
        return {"foster_family": family}
    if form == CareForm.GUARDIANSHIP:
        relation = make_parent(child, RepresentativeRole.GUARDIAN, first_name=name or "Vecmāmiņa")
        return {"guardian": relation.representative}
    institution, _ = Institution.objects.get_or_create(
        name=name or "Bērnu aprūpes centrs",
        type=InstitutionType.CHILDCARE_INSTITUTION,
        defaults={"municipality_id": court.municipality_id},
    )
    return {"care_institution": institution}
