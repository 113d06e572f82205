"""One state change at a time: lock the row, then check its state again.

Two people can press the same button at once (two coordinators accepting one concern, a claim
accepted and withdrawn together, two approvals of one submission). Each transition service
runs in one transaction and starts by taking the row with ``SELECT ... FOR UPDATE``: the second
request waits for the first to commit and then reads the state the first one left, so its
check fails with the service's own message instead of running the transition a second time.
The state read before the lock (the object the view loaded) is never trusted.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models

M = TypeVar("M", bound=models.Model)


def lock_row(queryset: models.QuerySet[M], pk: object) -> M:
    """The row, locked until the end of the current transaction (only its own table's row:
    joined rows stay free, and PostgreSQL refuses ``FOR UPDATE`` on the nullable side of an
    outer join anyway)."""
    return queryset.select_for_update(of=("self",)).get(pk=pk)


def require_state(
    obj: models.Model,
    allowed: Collection[str],
    message: str,
    *,
    field: str = "status",
) -> None:
    """Refuses the transition unless the (freshly locked) row is in one of ``allowed``."""
    if getattr(obj, field) not in allowed:
        raise ValidationError(message)


def lock_for_transition(
    queryset: models.QuerySet[M],
    pk: object,
    *,
    allowed: Collection[str],
    message: str,
    authorise: Callable[[M], None] | None = None,
    field: str = "status",
) -> M:
    """Lock the row and check, after the lock, that it may still make the transition.

    ``authorise`` runs between the two (it raises PermissionDenied), so that someone who may
    not act learns nothing about the row's state from the message."""
    obj = lock_row(queryset, pk)
    if authorise is not None:
        authorise(obj)
    require_state(obj, allowed, message, field=field)
    return obj
