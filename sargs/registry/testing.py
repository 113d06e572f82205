"""Test helpers: valid personal codes and children, parents and residences built directly."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable

from sargs.organisations.models import Municipality

from . import personal_codes
from .models import (
    Child,
    ChildRepresentative,
    Household,
    LegalRepresentative,
    ResidenceKind,
    ResidenceRecord,
    Sex,
)

_serials = itertools.count(100)
# Codes handed out without an explicit serial: a serial whose check digit would be 10 moves
# on to the next one, which the counter hands out too, so each code is remembered.
_issued: set[str] = set()
check_digit = personal_codes.check_digit  # tests import it from here


def _code(make: Callable[[int], str | None], serial: int | None) -> str:
    fresh = serial is None
    serial = next(_serials) if serial is None else serial
    while True:
        code = make(serial)
        if code is not None and not (fresh and code in _issued):
            if fresh:
                _issued.add(code)
            return code
        serial = next(_serials) if fresh else serial + 1


def old_code(born: datetime.date, serial: int | None = None) -> str:
    """A valid old-format code for ``born`` (serial chosen so the check digit is 0–9)."""
    return _code(lambda n: personal_codes.old_format_code(born, n), serial)


def new_code(serial: int | None = None) -> str:
    """A valid new-format code ``32…``."""
    return _code(personal_codes.new_format_code, serial)


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
    child = Child(
        municipality=municipality,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        personal_code=personal_code,
        household=household,
        sex=sex,
    )
    child.save()
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
    parent = LegalRepresentative.objects.create(
        municipality=child.municipality,
        household=child.household,
        first_name=first_name,
        last_name=last_name,
    )
    for kind, where in ((ResidenceKind.DECLARED, declared), (ResidenceKind.ACTUAL, actual)):
        if where is not None:
            make_residence(where, representative=parent, kind=kind, valid_from=since)
    return ChildRepresentative.objects.create(
        child=child, representative=parent, role=role, lives_with_child=lives_with_child
    )


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
    return ResidenceRecord.objects.create(
        child=child,
        representative=representative,
        kind=kind,
        municipality=municipality,
        valid_from=valid_from,
        valid_to=valid_to,
        address=address,
    )
