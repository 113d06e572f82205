"""The read replica against a real PostgreSQL streaming replica (bin/replica, started by the
PostgreSQL pass of .ci/run): dashboards read from it, writes go to the primary, a page after
saving reads the primary, and a lagging or stopped replica is not used.

Skipped only when DATABASE_REPLICA_URL is unset; .ci/run runs these with it set, separately,
and fails if any is skipped. The replica alias mirrors the primary during tests (settings);
here it is pointed at the real replica's copy of the test database, which streaming
replication keeps (the primary's CREATE DATABASE and every commit are replayed on it).
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import override_settings
from django.urls import reverse

from sargs.assessment.tests.output_factories import frozen_assessment
from sargs.core.db import reporting_db
from sargs.core.replica import PIN_COOKIE, REPLICA, reset_replica_state

from .reference_data import restore_reference_data

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.replica,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_REPLICA_URL"),
        reason="needs DATABASE_REPLICA_URL: a streaming replica (bin/replica; .ci/run sets it)",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA]),
]


@pytest.fixture(autouse=True)
def reference_data(transactional_db: None) -> None:
    """What the data migrations load, emptied by an earlier transactional test."""
    restore_reference_data()


def _one(alias: str, sql: str, params: list[object] | None = None) -> object:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


def wait_for_replay(timeout: float = 20.0) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    target = _one("default", "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + timeout
    while not _one(REPLICA, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]):
        if time.monotonic() > deadline:
            raise AssertionError(f"the replica did not replay up to {target} in {timeout}s")
        time.sleep(0.05)


@pytest.fixture
def replica() -> Iterator[None]:
    """The replica alias on the real replica, reading its copy of the test database."""
    conn = connections[REPLICA]
    mirrored = conn.settings_dict
    real = dict(settings.DATABASES[REPLICA])
    real["NAME"] = connections["default"].settings_dict["NAME"]
    conn.close()
    conn.settings_dict = real
    reset_replica_state()
    try:
        assert _one(REPLICA, "SELECT pg_is_in_recovery()") is True  # really a standby
        yield
    finally:
        conn.close()
        conn.settings_dict = mirrored
        reset_replica_state()


@pytest.fixture
def figures(cast):  # type: ignore[no-untyped-def]
    frozen_assessment(cast.municipality_a, 2025, {"F3": {"children": 12}})
    frozen_assessment(cast.municipality_a, 2024, {"F3": {"children": 9}})
    wait_for_replay()


class _Recorded:
    """The SQL run on one alias (without connecting to it, unlike CaptureQueriesContext)."""

    def __init__(self, alias: str) -> None:
        self.alias = alias
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.sql.append(sql)
        return execute(sql, params, many, context)

    def __enter__(self) -> _Recorded:
        self._wrapper = connections[self.alias].execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._wrapper.__exit__(*exc)

    def assessment_reads(self) -> list[str]:
        return [q for q in self.sql if q.startswith("SELECT") and '"assessment_' in q]

    def writes(self) -> list[str]:
        return [q for q in self.sql if q.split(" ", 1)[0] in {"INSERT", "UPDATE", "DELETE"}]


def _get(client, url: str) -> tuple[int, list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Status, and the assessment reads on the primary and on the replica."""
    with _Recorded("default") as primary, _Recorded(REPLICA) as on_replica:
        status = client.get(url).status_code
    return status, primary.assessment_reads(), on_replica.assessment_reads()


def test_the_dashboard_reads_its_figures_from_the_replica(replica, cast, client_for, figures):
    client = client_for(cast.coordinator)
    status, on_primary, on_replica = _get(client, reverse("assessment:dashboard"))
    assert status == 200
    assert on_replica and not on_primary
    assert reporting_db() == REPLICA


def test_a_page_that_saves_writes_to_the_primary_and_the_next_pages_read_the_primary(
    replica, cast, client_for, figures
):
    from sargs.assessment.models import Assessment

    client = client_for(cast.coordinator)
    assessment = Assessment.objects.get(year=2025)
    url = reverse("assessment:findings-edit", args=[assessment.pk])
    with _Recorded("default") as primary, _Recorded(REPLICA) as on_replica:
        saved = client.post(url, {"summary": "Mazāk bērnu ārpusģimenes aprūpē."})
    assert saved.status_code == 302 and PIN_COOKIE in saved.cookies
    assert primary.writes() and not on_replica.writes()
    assert Assessment.objects.get(pk=assessment.pk).findings  # written on the primary

    status, on_primary, on_replica_after = _get(client, reverse("assessment:dashboard"))
    assert status == 200
    assert on_primary and not on_replica_after  # reads its own write from the primary


@override_settings(REPLICA_MAX_LAG_SECONDS=1, REPLICA_CHECK_SECONDS=0)
def test_a_replica_further_behind_than_allowed_is_not_used(replica, cast, client_for, figures):
    client = client_for(cast.coordinator)
    _one(REPLICA, "SELECT pg_wal_replay_pause()::text")
    try:
        frozen_assessment(cast.municipality_a, 2023, {"F3": {"children": 7}})  # not replayed
        time.sleep(1.5)
        status, on_primary, on_replica = _get(client, reverse("assessment:dashboard"))
        assert status == 200 and on_primary and not on_replica
        assert reporting_db() == "default"
    finally:
        _one(REPLICA, "SELECT pg_wal_replay_resume()::text")
    wait_for_replay()
    assert reporting_db() == REPLICA


def _replica_command(action: str) -> None:
    done = subprocess.run(
        ["bin/replica", action], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


@override_settings(REPLICA_CHECK_SECONDS=60)
def test_when_the_replica_stops_the_dashboard_answers_from_the_primary_and_says_so_once(
    replica, cast, client_for, figures, caplog
):
    client = client_for(cast.coordinator)
    url = reverse("assessment:dashboard")
    assert _get(client, url)[2]  # read from the replica, and known to be usable for a minute
    _replica_command("stop")
    try:
        with caplog.at_level("WARNING", logger="sargs.db"):
            first = _get(client, url)  # fails half-way on the replica, read again from the primary
            second = _get(client, url)
        assert first[0] == second[0] == 200
        assert first[1] and second[1]
        warnings = [r.getMessage() for r in caplog.records if r.name == "sargs.db"]
        assert warnings == ["read replica does not answer; reports read from the primary"]
    finally:
        _replica_command("start")
    reset_replica_state()
    wait_for_replay()
    with caplog.at_level("WARNING", logger="sargs.db"):
        assert _get(client, url)[2]  # back on the replica
    assert caplog.records[-1].getMessage() == "read replica answers again; reports read from it"
