"""factory_boy factories for the registry's rows, and the fresh personal codes tests use.

Rows are written directly (no service, no audit entry): for setting up a test's world. The codes
come from the one maker in ``personal_codes``; a serial whose check digit would be 10 moves on to
the next one, which the counter hands out too, so each code handed out is remembered and never
repeats within a test run. Only tests import this module: factory_boy is a test dependency.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable

import factory

from . import personal_codes
from .models import (
    Child,
    ChildRepresentative,
    Household,
    LegalRepresentative,
    RepresentativeRole,
    ResidenceKind,
    ResidenceRecord,
    Sex,
)

_serials = itertools.count(100)
_issued: set[str] = set()


def _fresh(make: Callable[[int], str | None], serial: int | None) -> str:
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
    """A valid old-format code for ``born``: fresh, or from ``serial`` (or the next that gives
    a check digit 0–9)."""
    return _fresh(lambda n: personal_codes.old_format_code(born, n), serial)


def new_code(serial: int | None = None) -> str:
    """A valid new-format code ``32…``: fresh, or from ``serial`` (or the next usable one)."""
    return _fresh(personal_codes.new_format_code, serial)


class HouseholdFactory(factory.django.DjangoModelFactory[Household]):
    class Meta:
        model = Household

    municipality = None  # a classifier row: pass it
    name = "Bērziņu ģimene"


class ChildFactory(factory.django.DjangoModelFactory[Child]):
    """A child; ``personal_code`` is left empty unless given (``old_code(born)`` makes one)."""

    class Meta:
        model = Child

    household = None
    municipality = factory.LazyAttribute(lambda o: o.household and o.household.municipality)
    first_name = "Anna"
    last_name = "Bērziņa"
    birth_date = datetime.date(2015, 3, 4)
    sex = Sex.FEMALE
    personal_code = None


class LegalRepresentativeFactory(factory.django.DjangoModelFactory[LegalRepresentative]):
    class Meta:
        model = LegalRepresentative

    municipality = None
    household = None
    first_name = "Ilze"
    last_name = "Bērziņa"


class ChildRepresentativeFactory(factory.django.DjangoModelFactory[ChildRepresentative]):
    class Meta:
        model = ChildRepresentative

    child = None
    representative = factory.SubFactory(
        LegalRepresentativeFactory,
        municipality=factory.SelfAttribute("..child.municipality"),
        household=factory.SelfAttribute("..child.household"),
    )
    role = RepresentativeRole.MOTHER
    lives_with_child = False


class ResidenceRecordFactory(factory.django.DjangoModelFactory[ResidenceRecord]):
    class Meta:
        model = ResidenceRecord

    child = None
    representative = None
    kind = ResidenceKind.DECLARED
    municipality = None
    valid_from = datetime.date(2010, 1, 1)
    valid_to = None
    address = ""
