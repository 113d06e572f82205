"""``manage.py jurisdiction SCENARIO.json [--lang lv|en]``: the stable BTAL 67 interface.

See the jurisdiction contract (shared/contracts/jurisdiction.md): one JSON object on stdout
and exit 0, or one line naming the problem on stderr and exit 2.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from sargs.jurisdiction.engine import decide
from sargs.jurisdiction.scenario import ScenarioError, scenario_from_text
from sargs.jurisdiction.selectors import municipality_snapshot_load
from sargs.jurisdiction.texts import LANGUAGES

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Decide which municipality is responsible for a child under BTAL article 67."

    # Scripts parse stdout/stderr, so no system-check warnings may be mixed in.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("scenario", help="path to the scenario JSON file")
        parser.add_argument("--lang", choices=LANGUAGES, default="lv", help="language of texts")

    def handle(self, *args: Any, **options: Any) -> None:
        _use_utf8()
        try:
            text = read_scenario_file(Path(options["scenario"]))
            snapshot = municipality_snapshot_load()
            scenario = scenario_from_text(text, snapshot)
        except ScenarioError as error:
            self.fail(str(error))
        decision = decide(scenario, snapshot, options["lang"])
        self.stdout.write(json.dumps(decision.to_dict(), ensure_ascii=False))

    def fail(self, message: str) -> NoReturn:
        """One line on stderr, exit 2 (CommandError would print a prefix and exit 1)."""
        self.stderr.write(" ".join(message.split()))
        raise SystemExit(BAD_INPUT)


def read_scenario_file(path: Path) -> str:
    """The file's text; a missing or unreadable file is bad input like bad JSON."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ScenarioError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ScenarioError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise ScenarioError(f"{path}: cannot read ({error.strerror})") from None


def _use_utf8() -> None:
    # The contract promises UTF-8 whatever the caller's locale (Rīga, Liepāja, …).
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower() not in (
            "utf-8",
            "utf8",
        ):
            stream.reconfigure(encoding="utf-8")
