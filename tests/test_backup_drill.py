"""The backup and restore drill of docs/deploy.md, run against the PostgreSQL test database.

Runs in the PostgreSQL pass of .ci/run; SQLite has no pg_dump to drill.
"""

import os
import shutil
import subprocess
from pathlib import Path

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
