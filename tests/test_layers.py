"""Apps import only the apps below them, in the order docs/adr/0013-layers.md records.

The contract is import-linter's ``layers`` contract in pyproject.toml ([tool.importlinter]);
known violations are listed there as commented ignores, so this fails on any new one (and on
an ignore that no longer matches anything, once its violation is fixed).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports


def test_imports_follow_the_layer_order(capsys, monkeypatch) -> None:
    monkeypatch.chdir(Path(settings.BASE_DIR))
    status = lint_imports(config_filename="pyproject.toml", no_cache=True)
    report = capsys.readouterr().out
    assert status == EXIT_STATUS_SUCCESS, report
