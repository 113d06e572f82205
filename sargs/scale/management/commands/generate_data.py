from __future__ import annotations

import argparse
import time
from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sargs.scale.generator import SCALES, STEPS, flush, generate, has_data

PUBLIC_SCALES = ("national", "municipality", "tenfold")


class Command(BaseCommand):
    help = (
        "Fill an empty database with synthetic but plausible data at the size of Latvia "
        "(national), of one mid-size municipality, or ten times Latvia (never in production)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--scale",
            required=True,
            choices=[*PUBLIC_SCALES, "tiny"],
            metavar="{" + ",".join(PUBLIC_SCALES) + "}",
        )
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument(
            "--flush",
            action="store_true",
            help="First empty the tables the generator fills, the audit trail included "
            "(and on PostgreSQL every table referring to them); only generated users are "
            "deleted from the users table.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show the plan only.")
        parser.add_argument("--quiet-progress", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Generated data is never written with production settings.")
        scale = SCALES[options["scale"]]
        self.stdout.write(
            f"Scale {scale.name}: {scale.children:,} children, seed {options['seed']}, "
            f"database {connection.vendor}; steps: {', '.join(s.name for s in STEPS)}."
        )
        if options["dry_run"]:
            return
        if has_data():
            if not options["flush"]:
                raise CommandError(
                    "The database already holds data in the tables the generator fills "
                    "(institutions, children, cases, …). Use an empty database, or --flush to "
                    "empty the generator's tables first."
                )
            flush()
            self.stdout.write("Emptied the generator's tables.")
        started = time.perf_counter()
        # The raw stream: OutputWrapper would end every "\r" progress update with a newline.
        out = None if options["quiet_progress"] else cast("TextIO", self.stdout._out)
        results = generate(scale, options["seed"], out=out)
        total_rows = sum(r.rows for r in results)
        for r in results:
            self.stdout.write(
                f"  {r.name:<14} {r.rows:>12,} rows {r.seconds:>9.1f} s "
                f"{r.rows_per_second:>12,.0f} rows/s"
            )
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {total_rows:,} rows in {seconds:.1f} s "
                f"({total_rows / max(seconds, 1e-9):,.0f} rows/s)."
            )
        )
