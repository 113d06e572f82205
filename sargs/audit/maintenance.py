"""The only ways rows of the append-only audit trail are removed or rewritten: retention of
old entries and scrubbing a copy of the database (sargs/retention). Both run as the database
owner, who may switch off the trigger that refuses UPDATE and DELETE (migration 0003) for the
length of one transaction; the model and queryset refusals stay for everything else."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from .models import AuditEntry

TABLE = AuditEntry._meta.db_table
TRIGGER = "audit_entry_append_only"
COLUMNS = frozenset(field.column for field in AuditEntry._meta.concrete_fields)


@contextmanager
def _trigger_off() -> Iterator[None]:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Deferred foreign-key checks still pending in this transaction would block
                # ALTER TABLE: run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f'ALTER TABLE "{TABLE}" DISABLE TRIGGER {TRIGGER}')
        yield
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'ALTER TABLE "{TABLE}" ENABLE TRIGGER {TRIGGER}')


def audit_entries_delete_for_retention(*, pks: Sequence[int]) -> int:
    """Removes the entries whose retention period is over; the number removed."""
    if not pks:
        return 0
    with _trigger_off(), connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(pks))
        # The table name is a constant; the keys are parameters.
        cursor.execute(f'DELETE FROM "{TABLE}" WHERE id IN ({placeholders})', list(pks))  # noqa: S608
        return cursor.rowcount


def audit_entries_rewrite_for_scrub(*, rows: Sequence[tuple[int, dict[str, Any]]]) -> int:
    """Replaces fields of entries in a scrubbed copy: ``rows`` are (pk, {column: value})."""
    changed = 0
    with _trigger_off(), connection.cursor() as cursor:
        for pk, values in rows:
            if not set(values) <= COLUMNS:
                raise ValueError(f"not a column of {TABLE}: {sorted(set(values) - COLUMNS)}")
            columns = ", ".join(f'"{name}" = %s' for name in values)
            sql = f'UPDATE "{TABLE}" SET {columns} WHERE id = %s'  # noqa: S608 (names checked)
            cursor.execute(sql, [*values.values(), pk])
            changed += cursor.rowcount
    return changed
