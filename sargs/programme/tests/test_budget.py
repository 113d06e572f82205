"""The budget summary adds up: rows to year totals, years to the programme total, and the
programme total to the activities' planned costs, for any costs (a property test)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sargs.programme import selectors, services
from sargs.programme.models import FundingSource

from .helpers import draft_programme

pytestmark = pytest.mark.django_db

SOURCES = [s.value for s in FundingSource]
amounts = st.decimals(min_value=0, max_value=Decimal("999999.99"), places=2)
cost_maps = st.dictionaries(
    st.tuples(st.integers(2026, 2028), st.sampled_from(SOURCES)), amounts, max_size=8
)


@pytest.fixture
def plan(cast):
    programme, first = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    version = programme.versions.get()
    second = services.activity_save(
        actor=cast.coordinator,
        version=version,
        priority=first.priority,
        title="Vecāku grupas",
        responsible=cast.institutions["a_social"],
        deadline=datetime.date(2027, 12, 31),
        costs={},
    )
    third = services.activity_save(
        actor=cast.coordinator,
        version=version,
        priority=first.priority,
        title="Skolu sociālie pedagogi",
        responsible=cast.institutions["a_eduboard"],
        deadline=datetime.date(2028, 12, 31),
        costs={},
    )
    return version, [first, second, third]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(costs=st.lists(cost_maps, min_size=3, max_size=3))
def test_budget_totals_add_up(cast, plan, costs):
    version, activities = plan
    for activity, activity_costs in zip(activities, costs, strict=True):
        services.activity_save(
            actor=cast.coordinator,
            version=version,
            activity=activity,
            priority=activity.priority,
            title=activity.title,
            responsible=activity.responsible,
            deadline=activity.deadline,
            costs=activity_costs,
        )
    budget = selectors.budget_summary(version=version)

    expected_total = sum((sum(c.values(), Decimal(0)) for c in costs), Decimal(0))
    assert budget.total == expected_total
    for source in SOURCES:
        expected = sum(
            (amount for c in costs for (_, s), amount in c.items() if s == source), Decimal(0)
        )
        assert budget.totals[source] == expected
    assert sum((y.total for y in budget.years), Decimal(0)) == budget.total
    for year in budget.years:
        assert sum((r.total for r in year.rows), Decimal(0)) == year.total
        for source in SOURCES:
            assert sum((r.amounts[source] for r in year.rows), Decimal(0)) == year.totals[source]
        for row in year.rows:
            assert row.total == sum(row.amounts.values(), Decimal(0))
            expected_row = sum(
                (
                    amount
                    for a, c in zip(activities, costs, strict=True)
                    if a.responsible_id == row.institution.pk
                    for (y, _), amount in c.items()
                    if y == year.year
                ),
                Decimal(0),
            )
            assert row.total == expected_row


def test_existing_and_additional_funding_per_institution(cast):
    programme, _activity = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    budget = selectors.budget_summary(version=programme.versions.get())
    (year,) = budget.years
    (row,) = year.rows
    assert year.year == 2026 and row.institution == cast.institutions["a_social"]
    assert row.amounts["existing"] == Decimal("1000.00")
    assert row.amounts["municipal"] == Decimal("2500.00")
    assert budget.total == Decimal("3500.00")
