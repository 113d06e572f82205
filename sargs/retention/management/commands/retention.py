"""manage.py retention [--dry-run] [--batch-size N]: remove what the retention periods let go.

Run daily from a timer on one machine, as the database owner (audit entries are removed with
the append-only trigger switched off for the transaction). Records under a legal hold (an
open court matter for the child) are never selected.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sargs.retention.periods import RULES
from sargs.retention.services import retention_counts, retention_run


class Command(BaseCommand):
    help = "Remove records whose retention period is over (counts only with --dry-run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only count what would go")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, dry_run: bool, batch_size: int, **options: Any) -> None:
        counts = retention_counts()
        for rule in RULES:
            self.stdout.write(
                f"{rule.label}: {counts[rule.kind]} to remove "
                f"(kept {rule.value} {rule.unit}; {rule.setting})"
            )
        if dry_run:
            self.stdout.write("dry run: nothing removed")
            return

        def progress(kind: str, done: int, total: int) -> None:
            width = 30
            filled = width * done // total if total else width
            bar = "#" * filled + "." * (width - filled)
            self.stdout.write(f"{kind:<22} [{bar}] {done}/{total}")

        run = retention_run(batch_size=batch_size, progress=progress)
        removed = {kind: sum(v["rows"].values()) for kind, v in run.removed.items()}
        self.stdout.write(f"removed (rows, with what hung on them): {removed}")
