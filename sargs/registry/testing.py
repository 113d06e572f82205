"""Test helpers: valid personal codes and children, parents and residences, built through the
registry's factories (``sargs/registry/factories.py``)."""

from __future__ import annotations

import datetime

from sargs.organisations.models import Municipality

from .factories import (
    ChildFactory,
    ChildRepresentativeFactory,
    LegalRepresentativeFactory,
    ResidenceRecordFactory,
    new_code,
    old_code,
)
from .models import (
    Child,
    ChildRepresentative,
    Household,
    LegalRepresentative,
    ResidenceKind,
    ResidenceRecord,
    Sex,
)
from .personal_codes import check_digit

__all__ = ["check_digit", "make_child", "make_parent", "make_residence", "new_code", "old_code"]


def make_child(
    municipality: Municipality,
    *,
    first_name: str = "Anna",
    last_name: str = "Bērziņa",
    birth_date: datetime.date = datetime.date(2015, 3, 4),
    personal_code: str | None = None,
    household: Household | None = None,
    sex: str = Sex.FEMALE,
) -> Child:
    child: Child = ChildFactory.create(
        municipality=municipality,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        personal_code=personal_code,
        household=household,
        sex=sex,
    )
    return child


def make_parent(
    child: Child,
    role: str,
    *,
    first_name: str = "Ilze",
    last_name: str = "Bērziņa",
    lives_with_child: bool = False,
    declared: Municipality | None = None,
    actual: Municipality | None = None,
    since: datetime.date = datetime.date(2010, 1, 1),
) -> ChildRepresentative:
    parent: LegalRepresentative = LegalRepresentativeFactory.create(
        municipality=child.municipality,
        household=child.household,
        first_name=first_name,
        last_name=last_name,
    )
    for kind, where in ((ResidenceKind.DECLARED, declared), (ResidenceKind.ACTUAL, actual)):
        if where is not None:
            make_residence(where, representative=parent, kind=kind, valid_from=since)
    link: ChildRepresentative = ChildRepresentativeFactory.create(
        child=child, representative=parent, role=role, lives_with_child=lives_with_child
    )
    return link


def make_residence(
    municipality: Municipality,
    *,
    child: Child | None = None,
    representative: LegalRepresentative | None = None,
    kind: str = ResidenceKind.DECLARED,
    valid_from: datetime.date = datetime.date(2010, 1, 1),
    valid_to: datetime.date | None = None,
    address: str = "",
) -> ResidenceRecord:
    record: ResidenceRecord = ResidenceRecordFactory.create(
        child=child,
        representative=representative,
        kind=kind,
        municipality=municipality,
        valid_from=valid_from,
        valid_to=valid_to,
        address=address,
    )
    return record
