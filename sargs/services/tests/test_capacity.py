import datetime

import pytest

from sargs.services import services
from sargs.services.selectors import (
    _IN_USE_SOURCES,
    capacity_in_use,
    capacity_summary,
    register_in_use_source,
)

from .helpers import catalogue_entry, contract

pytestmark = pytest.mark.django_db


def test_capacity_per_service_and_provider(cast) -> None:
    first = contract(cast, capacity=10)
    second = contract(
        cast, service=first.service, provider=cast.institutions["a_social"], capacity=5
    )
    psych = contract(cast, service=catalogue_entry(cast, code="psychologist"), capacity=3)
    rows = capacity_summary(cast.municipality_a)
    assert [(r.service, r.capacity, r.free) for r in rows] == [
        ("Ģimenes asistents", 15, None),
        ("Psihologa konsultācijas", 3, None),
    ]
    rows = capacity_summary(cast.municipality_a, {first.pk: 7, second.pk: 5, psych.pk: 1})
    assert [(r.capacity, r.in_use, r.free) for r in rows] == [(15, 12, 3), (3, 1, 2)]
    assert [c.free for c in rows[0].contracts] == [3, 0]  # the NGO, then the social service
    assert capacity_summary(cast.municipality_b) == []


def test_only_contracts_in_force(cast) -> None:
    c = contract(cast)
    services.provider_contract_update(
        actor=cast.coordinator,
        contract=c,
        provider=c.provider,
        valid_from=c.valid_from,
        valid_to=datetime.date(2026, 6, 30),
        unit=c.unit,
        unit_price=c.unit_price,
        capacity=c.capacity,
    )
    assert capacity_summary(cast.municipality_a, day=datetime.date(2026, 6, 30))
    assert capacity_summary(cast.municipality_a, day=datetime.date(2026, 7, 1)) == []


def test_in_use_sources_are_summed(cast) -> None:
    c = contract(cast)
    assert capacity_in_use(cast.municipality_a) is None

    def source(municipality):
        return {c.pk: 2}

    register_in_use_source(source)
    try:
        assert capacity_in_use(cast.municipality_a) == {c.pk: 2}
    finally:
        _IN_USE_SOURCES.remove(source)
