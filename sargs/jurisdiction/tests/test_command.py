"""The ``jurisdiction`` management command: the contract's stable interface."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from .helpers import CONTRACT_EXAMPLE

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, data: Any, name: str = "scenario.json") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> dict[str, Any]:
    out, err = StringIO(), StringIO()
    call_command("jurisdiction", *args, stdout=out, stderr=err)
    assert err.getvalue() == ""
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def fails(*args: str) -> str:
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("jurisdiction", *args, stdout=out, stderr=err)
    assert caught.value.code == 2
    assert out.getvalue() == ""
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    return lines[0]


def test_contract_example(tmp_path: Path) -> None:
    result = run(str(write(tmp_path, CONTRACT_EXAMPLE)))
    assert result["as_of"] == "2025-03-01"
    assert result["status"] == "determined"
    assert result["responsible"] == {"atvk": "0005000", "name": "Liepāja"}
    assert result["basis"] == ["BTAL 67(4)", "BTAL 67(7)"]
    assert result["cost_settlement"] == {
        "payer": "0005000",
        "provider": "0004000",
        "basis": "BTAL 67(7)",
    }
    assert result["reason"].startswith("Atbildīgā pašvaldība ir Liepāja (0005000)")


def test_english(tmp_path: Path) -> None:
    result = run(str(write(tmp_path, CONTRACT_EXAMPLE)), "--lang", "en")
    assert result["reason"].startswith("The responsible municipality is Liepāja (0005000)")


def test_varaklani_merger_via_command(tmp_path: Path) -> None:
    data = {
        "as_of": "2025-03-01",
        "child": {
            "declared_residence": "0055000",
            "actual_location": "0055000",
            "temporary_residence": None,
            "lives_with": [],
            "in_danger": False,
            "out_of_family_care": None,
        },
        "parents": [{"role": "father", "declared_residence": "0055000", "actual_residence": None}],
    }
    path = str(write(tmp_path, data))
    assert run(path, "--lang", "en")["responsible"] == {"atvk": "0038001", "name": "Madonas novads"}
    before = dict(data, as_of="2024-06-29")
    result = run(str(write(tmp_path, before, "before.json")))
    assert result["responsible"] == {"atvk": "0055000", "name": "Varakļānu novads"}
    assert result["notes"] == []


def test_nonexistent_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    assert fails(str(path)) == f"{path}: no such file"


def test_directory_is_bad_input(tmp_path: Path) -> None:
    assert fails(str(tmp_path)).startswith(f"{tmp_path}: cannot read")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"as_of": "Rīga"}'.encode("utf-16"))
    assert fails(str(path)) == f"{path}: not UTF-8 text"


def test_unreadable_json(tmp_path: Path) -> None:
    message = fails(str(write(tmp_path, '{"as_of": "2025-03-01",\n')))
    assert message.startswith("unreadable JSON: ")


def test_missing_field(tmp_path: Path) -> None:
    data = {key: value for key, value in CONTRACT_EXAMPLE.items() if key != "parents"}
    assert fails(str(write(tmp_path, data))) == "parents: missing field"


def test_unknown_atvk(tmp_path: Path) -> None:
    data = json.loads(json.dumps(CONTRACT_EXAMPLE))
    data["child"]["declared_residence"] = "0099000"
    assert fails(str(write(tmp_path, data))) == (
        "child.declared_residence: unknown ATVK code '0099000'"
    )


def test_bad_date(tmp_path: Path) -> None:
    data = dict(CONTRACT_EXAMPLE, as_of="2025-02-30")
    assert fails(str(write(tmp_path, data))) == (
        "as_of: '2025-02-30' is not a date (expected yyyy-mm-dd)"
    )


def test_wrong_type(tmp_path: Path) -> None:
    data = json.loads(json.dumps(CONTRACT_EXAMPLE))
    data["child"]["in_danger"] = "no"
    assert fails(str(write(tmp_path, data))) == (
        "child.in_danger: expected true or false, got string"
    )


# --- As scripts call it: a real process, real exit codes, UTF-8 bytes on stdout -----------------


@pytest.fixture(scope="module")
def migrated_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for a subprocess using its own freshly migrated SQLite database."""
    database = tmp_path_factory.mktemp("db") / "jurisdiction.sqlite3"
    env = dict(os.environ, SARGS_ENV="test", DATABASE_URL=f"sqlite:///{database}")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(LC_ALL="C", LANG="C", PYTHONIOENCODING="latin-1")  # hostile locale
    manage(env, "migrate", "--verbosity", "0", check=True)
    return env


def manage(
    env: dict[str, str], *args: str, check: bool = False
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
        env=env,
        capture_output=True,
        check=check,
        timeout=120,
    )


def test_process_prints_utf8_json_and_exits_0(tmp_path: Path, migrated_env: dict[str, str]) -> None:
    done = manage(migrated_env, "jurisdiction", str(write(tmp_path, CONTRACT_EXAMPLE)))
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    text = done.stdout.decode("utf-8")
    assert '"name": "Liepāja"' in text
    assert json.loads(text)["responsible"]["atvk"] == "0005000"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        ("[1,", "unreadable JSON"),
        (json.dumps(dict(CONTRACT_EXAMPLE, as_of="01.03.2025")), "as_of: '01.03.2025' is not"),
    ],
)
def test_process_bad_input_exits_2(
    tmp_path: Path, migrated_env: dict[str, str], content: str | None, expected: str
) -> None:
    path = tmp_path / "scenario.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    done = manage(migrated_env, "jurisdiction", str(path))
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1
    assert expected in lines[0]


def test_process_rejects_unknown_language(tmp_path: Path, migrated_env: dict[str, str]) -> None:
    done = manage(
        migrated_env, "jurisdiction", str(write(tmp_path, CONTRACT_EXAMPLE)), "--lang", "de"
    )
    assert done.returncode == 2
    assert done.stdout == b""
