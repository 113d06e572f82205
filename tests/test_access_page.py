"""docs/access.md is generated from the access rules; CI fails when it is stale.

When this fails after a change to a rule, a policy's declared permissions or a URL, run
``python manage.py access_matrix --output docs/access.md`` and commit the page.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from sargs.organisations.access_matrix import render

PAGE = Path(settings.BASE_DIR) / "docs" / "access.md"

pytestmark = pytest.mark.django_db


def test_the_access_page_is_up_to_date() -> None:
    generated = render()
    on_disk = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    if generated != on_disk:
        diff = "".join(
            list(
                difflib.unified_diff(
                    on_disk.splitlines(keepends=True),
                    generated.splitlines(keepends=True),
                    "docs/access.md",
                    "generated",
                )
            )[:60]
        )
        pytest.fail(
            "docs/access.md is stale: run `python manage.py access_matrix --output "
            f"docs/access.md`.\n{diff}"
        )


def test_check_fails_on_a_stale_page_and_passes_on_a_fresh_one(tmp_path: Path) -> None:
    page = tmp_path / "access.md"
    page.write_text("# Who may see and do what\n\nstale\n", encoding="utf-8")
    with pytest.raises(CommandError, match="stale"):
        call_command("access_matrix", "--check", "--output", str(page))
    call_command("access_matrix", "--output", str(page))
    call_command("access_matrix", "--check", "--output", str(page))  # no error


def test_the_page_is_generated_from_the_rules() -> None:
    page = render()
    # A rule at the door: the registry is for its keepers only, social workers only in the
    # social service; school staff never reach it.
    registry = page.split("### Registry (`registry`)")[1].split("###")[0]
    assert "| `registry:child-search` | registry keeper" in registry
    assert "Social worker (only in Social service)" in registry
    assert "School staff" not in registry
    # A policy's declared permission: the receiving side decides a handover.
    assert "| decide | registry keeper (coordinator, social service social worker, orphan's" in page
    # Public pages are marked as such.
    assert "| `core:health` | public | anyone, without signing in |" in page
