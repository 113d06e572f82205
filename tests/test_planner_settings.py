"""The application's PostgreSQL connections run with the planner settings that the
measurements at ten times the country chose (docs/adr/0023, docs/adr/0025)."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="planner settings of PostgreSQL connections"
    ),
]


def _show(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return str(cursor.fetchone()[0])


def test_no_jit_and_ssd_page_costs():
    assert _show("jit") == "off"
    assert _show("random_page_cost") == "1.1"
