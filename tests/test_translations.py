"""Every user-facing string is translated into Latvian, and the catalogue is up to date."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "lv" / "LC_MESSAGES" / "django.po"


def _untranslated(po: Path) -> str:
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _fuzzy(po: Path) -> str:
    result = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


pytestmark = pytest.mark.skipif(shutil.which("msgattrib") is None, reason="needs gettext")


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    assert _untranslated(PO) == ""
    assert _fuzzy(PO) == ""


def test_catalogue_covers_every_string_in_the_code(tmp_path):
    """Extract the strings afresh in a copy of the tree: nothing new may be left untranslated."""
    for name in ("sargs", "templates", "config", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("tests"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "lv", "--no-location", "--no-obsolete"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    fresh = tmp_path / "locale" / "lv" / "LC_MESSAGES" / "django.po"
    missing = _untranslated(fresh)
    assert missing == "", f"Run makemessages and translate:\n{missing}"
    assert _fuzzy(fresh) == ""


def test_compiled_catalogue_is_not_older_than_the_source():
    mo = PO.with_suffix(".mo")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "-", str(PO)], capture_output=True, check=True
    )
    assert mo.read_bytes() == result.stdout, "Run: manage.py compilemessages -l lv"
