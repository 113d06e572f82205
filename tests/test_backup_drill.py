"""The backup and restore drill of docs/deploy.md, run against the PostgreSQL test database.

Runs in the PostgreSQL pass of .ci/run; SQLite has no pg_dump to drill.
"""

import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").split(":")[0] not in {"postgres", "postgresql"},
        reason="the drill needs PostgreSQL (runs in the PostgreSQL pass of .ci/run)",
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed"),
]


def _test_database_url() -> str:
    s = connection.settings_dict
    user = s.get("USER") or "postgres"
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{s['NAME']}"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_backup_restores_into_a_database_with_every_row():
    result = _run("bin/backup-drill", DATABASE_URL=_test_database_url())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "drill passed" in result.stdout
    # How long the restore took and how big the backup is, for the monthly record.
    assert re.search(
        r"^restore: \d+\.\d{3}s, restored database \S+ \(\d+ bytes\)$", result.stdout, re.M
    )
    assert re.search(r"^backup: \d+\.\d{3}s, \S+ \(\d+ bytes\)$", result.stdout, re.M)


def _writing_pairs(url: str, stop: threading.Event, written: list[int]) -> None:
    """A user saving all the time: each transaction writes a parent row and its child row."""
    with psycopg.connect(url, autocommit=False) as db:
        n = 0
        while not stop.is_set():
            n += 1
            with db.transaction():
                db.execute("INSERT INTO drill_parent (id) VALUES (%s)", [n])
                time.sleep(0.002)  # the two inserts are apart in time, never in visibility
                db.execute("INSERT INTO drill_child (parent_id) VALUES (%s)", [n])
            written.append(n)


def test_a_backup_taken_while_users_write_restores_to_a_consistent_state(tmp_path):
    """pg_dump reads one snapshot: a transaction's rows are restored all or none, across
    tables dumped at different moments, however busy the database is."""
    url = _test_database_url()
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE drill_parent (id integer PRIMARY KEY)")
        db.execute(
            "CREATE TABLE drill_child (parent_id integer NOT NULL REFERENCES drill_parent (id))"
        )
    stop, written = threading.Event(), []
    writer = threading.Thread(target=_writing_pairs, args=(url, stop, written))
    restored = f"{connection.settings_dict['NAME']}_restored"
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    try:
        writer.start()
        while len(written) < 20:  # users were writing before the backup started
            time.sleep(0.01)
        made = _run("bin/backup", str(tmp_path), DATABASE_URL=url)
        before_end = len(written)
        time.sleep(0.2)
        stop.set()
        writer.join(timeout=30)
        assert made.returncode == 0, made.stderr
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
            admin.execute(f'CREATE DATABASE "{restored}"')
        restore = _run("bin/restore", made.stdout.strip(), url.rsplit("/", 1)[0] + f"/{restored}")
        assert restore.returncode == 0, restore.stderr
        with psycopg.connect(url.rsplit("/", 1)[0] + f"/{restored}") as copy:
            parents = copy.execute("SELECT count(*) FROM drill_parent").fetchone()[0]
            children = copy.execute("SELECT count(*) FROM drill_child").fetchone()[0]
            orphans = copy.execute(
                "SELECT count(*) FROM drill_parent p"
                " WHERE NOT EXISTS (SELECT 1 FROM drill_child c WHERE c.parent_id = p.id)"
            ).fetchone()[0]
            gaps = copy.execute("SELECT count(*) = max(id) FROM drill_parent").fetchone()[0]
    finally:
        stop.set()
        writer.join(timeout=30)
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("DROP TABLE IF EXISTS drill_child, drill_parent")
    # Written while the backup ran: some of it is in the backup, some came after it.
    assert 20 <= parents <= before_end < len(written)
    assert children == parents and orphans == 0  # every transaction whole
    assert gaps  # and a prefix of them: the snapshot of one moment


def test_restore_refuses_a_backup_whose_checksum_does_not_match(tmp_path):
    made = _run("bin/backup", str(tmp_path), DATABASE_URL=_test_database_url())
    assert made.returncode == 0, made.stderr
    dump = Path(made.stdout.strip())
    assert dump.exists() and Path(f"{dump}.sha256").exists()
    with dump.open("ab") as f:
        f.write(b"tampered")

    result = _run("bin/restore", str(dump), "postgres://nowhere.invalid/none")
    assert result.returncode != 0
    assert "FAILED" in result.stdout + result.stderr


def test_backups_are_readable_by_their_owner_only(tmp_path):
    made = _run("bin/backup", str(tmp_path), DATABASE_URL=_test_database_url())
    assert made.returncode == 0, made.stderr
    mode = Path(made.stdout.strip()).stat().st_mode & 0o777
    assert mode == 0o600
