"""Municipalities as reference data, loaded by a migration from the shipped CSV."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from sargs.organisations.models import Municipality
from sargs.organisations.reference import CSV_PATH, SUCCESSORS

SHARED_CSV = Path(__file__).resolve().parents[4] / "shared" / "data" / "municipalities.csv"


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="shared/ is not beside the project")
def test_shipped_csv_is_the_shared_one():
    assert CSV_PATH.read_bytes() == SHARED_CSV.read_bytes()


@pytest.mark.django_db
def test_all_municipalities_are_loaded_with_validity():
    assert Municipality.objects.count() == 44
    assert Municipality.objects.valid_on(datetime.date(2025, 1, 1)).count() == 42
    assert Municipality.objects.filter(kind="state_city").count() == 7


@pytest.mark.django_db
def test_every_ended_municipality_has_a_valid_successor():
    ended = Municipality.objects.filter(valid_to__isnull=False)
    assert {m.atvk for m in ended} == set(SUCCESSORS)
    for m in ended:
        assert m.successor is not None
        assert m.successor.is_valid_on(m.valid_to + datetime.timedelta(days=1))


@pytest.mark.django_db
def test_varaklani_exists_before_the_merger_only():
    varaklani = Municipality.objects.get(atvk="0055000")
    assert varaklani.is_valid_on(datetime.date(2024, 6, 29))
    assert not varaklani.is_valid_on(datetime.date(2024, 6, 30))
    assert varaklani.successor.atvk == "0038001"
