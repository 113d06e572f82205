"""Deleting a record with everything that hangs on it, for retention only.

Ordinary deletes stop at ``on_delete=PROTECT`` on purpose (a case's court proceedings must
not vanish with a stray delete). When a record's retention period is over, its dependants go
with it: protected dependants are deleted first, then the record. The change trail is not
written per row (it would copy the contents being removed into the audit trail); the caller
records one audit entry with the counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from auditlog.context import disable_auditlog
from django.db import transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.db.models.deletion import Collector


def _delete(objs: list[Model], counts: Counter[str], depth: int = 0) -> None:
    if depth > 20:  # a cycle of PROTECT references would be a modelling error
        raise RuntimeError("dependency chain too deep while deleting for retention")
    while True:
        collector = Collector(using="default")
        try:
            collector.collect(objs)
        except ProtectedError as blocked:
            _delete_each_model(blocked.protected_objects, counts, depth + 1)
            continue
        except RestrictedError as blocked:
            _delete_each_model(blocked.restricted_objects, counts, depth + 1)
            continue
        _total, per_model = collector.delete()
        counts.update({label: n for label, n in per_model.items() if n})
        return


def _delete_each_model(objs: Iterable[Model], counts: Counter[str], depth: int) -> None:
    """The blocking dependants, one model at a time (a collector takes one model's rows)."""
    by_model: dict[type[Model], list[Model]] = {}
    for obj in objs:
        by_model.setdefault(type(obj), []).append(obj)
    for rows in by_model.values():
        _delete(rows, counts, depth)


def delete_with_dependants(objs: Iterable[Model]) -> dict[str, int]:
    """Deletes the records and everything that refers to them; the rows removed per model."""
    objs = list(objs)
    counts: Counter[str] = Counter()
    if objs:
        with transaction.atomic(), disable_auditlog():
            _delete(objs, counts)
    return dict(counts)
