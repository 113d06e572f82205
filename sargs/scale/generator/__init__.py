"""The realistic data generator behind ``manage.py generate_data``.

``STEPS`` lists the steps in the order they run; each names the steps it depends on. To add
one, write a module with a ``STEP`` (see ``base.Step``) and append it here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TextIO

from django.db import connection, transaction

from sargs.organisations.models import User

from . import (
    assessment,
    audit,
    cases,
    cooperation,
    organisations,
    proceedings,
    programme,
    registry,
    responsibility,
    services,
)
from .base import SCALES, Context, Scale, Step
from .writer import Writer, bulk_loading

STEPS: list[Step] = [
    organisations.STEP,
    services.STEP,
    registry.STEP,
    cases.STEP,
    proceedings.STEP,
    cooperation.STEP,
    assessment.STEP,
    programme.STEP,
    responsibility.STEP,
    audit.STEP,
]


@dataclass(frozen=True)
class StepResult:
    name: str
    rows: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def check_order(steps: list[Step]) -> None:
    """Every step comes after the steps it depends on."""
    done: set[str] = set()
    for step in steps:
        missing = set(step.depends_on) - done
        if missing:
            raise ValueError(f"Step {step.name} needs {', '.join(sorted(missing))} first.")
        done.add(step.name)


def has_data(steps: list[Step] = STEPS) -> bool:
    """Whether any table the steps fill already holds rows (users: generated ones only)."""
    generated = User.objects.filter(username__startswith=organisations.USERNAME_PREFIX)
    return generated.exists() or any(
        model._default_manager.exists()
        for step in steps
        for model in step.models
        if model is not User
    )


def flush(steps: list[Step] = STEPS) -> None:
    """Empty the tables the steps fill, the audit trail included (never in production).

    Users are the exception: only generated users (``gen-…``) are deleted, so a superuser
    made with ``createsuperuser`` survives (losing memberships it had). PostgreSQL: one
    TRUNCATE … CASCADE, which also empties every table referring to these (e.g. cases about
    the children) and is not stopped by the audit trail's row trigger, which guards UPDATE
    and DELETE only. Other databases: DELETE table by table, last-filled first.
    """
    models = [m for step in steps for m in step.models if m is not User]
    tables = [connection.ops.quote_name(model._meta.db_table) for model in models]
    users = connection.ops.quote_name(User._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in reversed(tables):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(
            f"DELETE FROM {users} WHERE username LIKE %s",  # noqa: S608
            [organisations.USERNAME_PREFIX + "%"],
        )
        if connection.vendor == "postgresql":
            # Check the deferred foreign keys now: inside an outer transaction (tests) pending
            # checks would stop the next step from altering the users table.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def generate(
    scale: Scale, seed: int, out: TextIO | None = None, steps: list[Step] = STEPS
) -> list[StepResult]:
    """Run the steps, each in its own transaction; returns rows and time per step."""
    check_order(steps)
    writer = Writer()
    ctx = Context(scale=scale, seed=seed, writer=writer, out=out)
    results = []
    try:
        for step in steps:
            started = time.perf_counter()
            with transaction.atomic(), bulk_loading(step.models):
                try:
                    rows = step.run(ctx)
                finally:
                    writer.drain()  # no COPY may outlive its transaction
                writer.reset_sequences()
            results.append(StepResult(step.name, rows, time.perf_counter() - started))
    finally:
        writer.close()
    return results


__all__ = ["SCALES", "STEPS", "Scale", "Step", "StepResult", "flush", "generate", "has_data"]
