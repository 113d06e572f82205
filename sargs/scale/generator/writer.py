"""Bulk writes with explicit primary keys: COPY on PostgreSQL, ``bulk_create`` elsewhere.

Rows are tuples in the order of the given column names (attnames, e.g. ``municipality_id``).
The generator numbers rows itself, so later rows can point at earlier ones without reading
them back; after a table is written its id sequence is moved past the largest id.
Per-row signals (auditlog, ``residence_changed``) do not fire: the generator writes what a
service would have written, and its own audit entries come from the audit step.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TextIO

from django.db import connection, models

BATCH_SIZE = 5_000


class Json(str):
    """JSON already serialised: copied as it is, or parsed again for ``bulk_create``."""

    __slots__ = ()


class Progress:
    """A plain-text progress line, redrawn with ``\\r``; quiet when ``out`` is None."""

    def __init__(self, out: TextIO | None, label: str, total: int) -> None:
        self.out, self.label, self.total, self.done = out, label, max(total, 1), 0
        self._shown = -1

    def advance(self, count: int) -> None:
        self.done += count
        percent = min(100, self.done * 100 // self.total)
        if self.out is not None and percent != self._shown:
            self._shown = percent
            bar = "#" * (percent // 4)
            self.out.write(f"\r  {self.label:<14} [{bar:<25}] {percent:3d}% {self.done:>10,}")
            self.out.flush()

    def finish(self) -> None:
        if self.out is not None:
            self.out.write("\n")
            self.out.flush()


class Writer:
    """Writes rows to tables and counts them; one instance per generator run."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        # On PostgreSQL one thread sends COPY data while the caller builds the next batch,
        # so the two cores work at once (Python generating, PostgreSQL storing).
        self._pool = ThreadPoolExecutor(max_workers=1) if self.postgres else None
        self._pending: Future[None] | None = None
        self.rows_written = 0
        self._next_ids: dict[type[models.Model], int] = {}
        self._touched: set[type[models.Model]] = set()
        self._checked: set[type[models.Model]] = set()

    def next_id(self, model: type[models.Model]) -> int:
        """The next free primary key for ``model`` (read once, then counted here)."""
        if model not in self._next_ids:
            largest = model._default_manager.aggregate(m=models.Max("pk"))["m"]
            self._next_ids[model] = (largest or 0) + 1
        value = self._next_ids[model]
        self._next_ids[model] = value + 1
        return value

    def write(
        self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> int:
        """Insert ``rows`` (tuples ordered as ``columns``); returns how many."""
        rows = list(rows)
        if not rows:
            return 0
        self._check_columns(model, columns)
        if self._pool is not None:
            self.drain()
            connection.ensure_connection()
            raw = connection.connection  # the same session, so the same transaction
            self._pending = self._pool.submit(_copy_rows, raw, self._copy_sql(model, columns), rows)
        else:
            objs = [model(**dict(zip(columns, map(_python, row), strict=True))) for row in rows]
            model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
        self._touched.add(model)
        self.rows_written += len(rows)
        return len(rows)

    def _check_columns(self, model: type[models.Model], columns: Sequence[str]) -> None:
        """Every column once, and no column left out: a field added to a model later must be
        added to the step too (COPY would leave it NULL, bulk_create would use the default)."""
        if model in self._checked:
            return
        fields = {field.attname for field in model._meta.concrete_fields}
        if len(columns) != len(set(columns)) or set(columns) != fields:
            missing, extra = sorted(fields - set(columns)), sorted(set(columns) - fields)
            raise ValueError(f"{model.__name__}: columns missing {missing}, unknown {extra}")
        self._checked.add(model)

    def drain(self) -> None:
        """Wait for the COPY in flight (and raise its error, if it failed)."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def close(self) -> None:
        try:
            self.drain()
        finally:
            if self._pool is not None:
                self._pool.shutdown()

    @staticmethod
    def _copy_sql(model: type[models.Model], columns: Sequence[str]) -> str:
        meta = model._meta
        by_attname = {field.attname: field.column for field in meta.concrete_fields}
        names = ", ".join(connection.ops.quote_name(by_attname[c]) for c in columns)
        return f"COPY {connection.ops.quote_name(meta.db_table)} ({names}) FROM STDIN"

    def reset_sequences(self) -> None:
        """Move each written table's id sequence past the ids the generator chose."""
        self.drain()
        if not self.postgres:
            return  # SQLite's AUTOINCREMENT follows explicit ids by itself
        with connection.cursor() as cursor:
            for model in self._touched:
                table = model._meta.db_table
                pk = model._meta.pk.column  # type: ignore[union-attr]
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), "  # noqa: S608
                    f"COALESCE((SELECT MAX({connection.ops.quote_name(pk)}) "
                    f"FROM {connection.ops.quote_name(table)}), 0) + 1, false)",
                    [table, pk],
                )
        self._touched.clear()


_SECONDARY = """
SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint
 WHERE conrelid = %(table)s::regclass AND contype IN ('f', 'u')
UNION ALL
SELECT 'index', indexname, indexdef FROM pg_indexes
 WHERE schemaname = current_schema() AND tablename = %(table)s
   AND indexname NOT IN (SELECT conname FROM pg_constraint
                          WHERE conrelid = %(table)s::regclass AND contype IN ('p', 'u', 'x'))
ORDER BY 1, 2
"""


@contextlib.contextmanager
def bulk_loading(models_: Sequence[type[models.Model]]) -> Iterator[None]:
    """On PostgreSQL: drop the tables' indexes, unique and foreign-key constraints, and put
    them back (validating every row at once) when the block ends, as the PostgreSQL manual
    advises for populating a database. Must run inside a transaction: if anything fails the
    DDL rolls back with the data. Primary keys and CHECK constraints stay in place.
    """
    if connection.vendor != "postgresql":
        yield
        return
    quote = connection.ops.quote_name
    restore: list[str] = []
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(_SECONDARY, {"table": table})
            for kind, name, definition in cursor.fetchall():
                if kind == "constraint":
                    cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
                    restore.append(
                        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
                    )
                else:
                    cursor.execute(f"DROP INDEX {quote(name)}")
                    restore.append(definition)
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for statement in restore:
            cursor.execute(statement)
        for model in models_:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


def _copy_rows(raw: Any, sql: str, rows: list[Sequence[Any]]) -> None:
    """COPY ``rows`` on the psycopg connection ``raw``; psycopg formats them in C."""
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _python(value: Any) -> Any:
    return json.loads(value) if isinstance(value, Json) else value
