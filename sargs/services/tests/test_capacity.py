import datetime

import pytest

from sargs.services import services
from sargs.services.selectors import (
    _IN_USE_SOURCES,
    _WAITING_SOURCES,
    capacity_in_use,
    capacity_summary,
    capacity_waiting,
    register_in_use_source,
    register_waiting_source,
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
    registered = list(_IN_USE_SOURCES)  # the cases app registers its own in ready()
    _IN_USE_SOURCES.clear()
    try:
        assert capacity_in_use(cast.municipality_a) is None

        def source(municipality):
            return {c.pk: 2}

        register_in_use_source(source)
        register_in_use_source(lambda municipality: {c.pk: 1})
        assert capacity_in_use(cast.municipality_a) == {c.pk: 3}
    finally:
        _IN_USE_SOURCES[:] = registered


def test_waiting_sources(cast) -> None:
    c = contract(cast)
    registered = list(_WAITING_SOURCES)
    _WAITING_SOURCES.clear()
    try:
        assert capacity_waiting(cast.municipality_a) is None
        register_waiting_source(lambda municipality: {c.pk: 2})
        waiting = capacity_waiting(cast.municipality_a)
        assert waiting == {c.pk: 2}
        rows = capacity_summary(cast.municipality_a, {}, waiting=waiting)
        assert (rows[0].waiting, rows[0].contracts[0].waiting) == (2, 2)
    finally:
        _WAITING_SOURCES[:] = registered


def test_councillor_sees_suppressed_totals_only(cast, client_for) -> None:
    """Families served per contract are counts about children: not for aggregate-only roles."""
    c = contract(cast, capacity=10)
    registered = list(_IN_USE_SOURCES)
    _IN_USE_SOURCES.clear()
    register_in_use_source(lambda municipality: {c.pk: 3})
    try:
        page = client_for(cast.councillor).get("/services/capacity/")
        rows = page.context["rows"]
        assert [r["in_use"].display for r in rows] == ["<5"]
        assert rows[0]["free"] is None and rows[0]["contracts"] == []
        assert c.provider.name not in page.content.decode()
        full = client_for(cast.coordinator).get("/services/capacity/").context["rows"]
        assert full[0].in_use == 3
    finally:
        _IN_USE_SOURCES[:] = registered


def test_capacity_api_gives_aggregate_roles_suppressed_strings(cast, client_for) -> None:
    c = contract(cast, capacity=10)
    registered = list(_IN_USE_SOURCES)
    _IN_USE_SOURCES.clear()
    register_in_use_source(lambda municipality: {c.pk: 2})
    try:
        data = (
            client_for(cast.national_analyst)
            .get("/api/v1/services/capacity/", {"municipality": cast.municipality_a.atvk})
            .json()
        )
        assert data[0]["in_use"] == "<5" and data[0]["free"] is None
        # One row shape for everyone (the schema documents one): no contract reaches them.
        assert data[0]["contracts"] == []
    finally:
        _IN_USE_SOURCES[:] = registered
