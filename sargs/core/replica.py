"""Reports and dashboards read from the streaming replica, when it is there and fresh enough.

Pages that only read many rows for figures (dashboards, reports, report builds) opt in with
``@reads_replica`` or ``with replica_reads():``; inside, the database router sends reads to the
``replica`` alias. Everything else reads and writes the primary. The rules (docs/deploy.md,
"Read replica"):

- **Read your own writes.** After a request that changed something (POST, PUT, PATCH, DELETE),
  the user's next pages read the primary for ``REPLICA_PIN_SECONDS`` (a cookie set by
  ``ReadYourWritesMiddleware``), so a page shown after saving shows the change. Inside a
  transaction on the primary, reads stay on the primary too.
- **Lag.** A replica more than ``REPLICA_MAX_LAG_SECONDS`` behind is not used: reads go to the
  primary until it has caught up.
- **Down.** A replica that does not answer is not used; the change is logged once (and its
  return once). A page whose replica fails half-way is read again from the primary.

The replica's state is checked at most every ``REPLICA_CHECK_SECONDS`` per process.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("sargs.db")

REPLICA = "replica"
PIN_COOKIE = "sargs_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "sargs_replica_reads", default=False
)

# The lag query: 0 when everything received is replayed; otherwise the age of the last
# replayed transaction. A server that is not in recovery (e.g. promoted) is current.
LAG_SQL = """
    SELECT CASE
        WHEN NOT pg_is_in_recovery() THEN 0
        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
    END
"""


class _ReplicaState:
    """Whether the replica may be used, checked at most every REPLICA_CHECK_SECONDS."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checked_at = float("-inf")
        self.usable = False
        self.down = False  # logged as down; its return is logged once too

    def reset(self) -> None:
        with self.lock:
            self.checked_at = float("-inf")


_state = _ReplicaState()


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_lag_seconds() -> float:
    """How far the replica is behind; raises DatabaseError when it does not answer."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(LAG_SQL)
        row = cursor.fetchone()
    return float(row[0]) if row and row[0] is not None else 0.0


def _close_replica() -> None:
    try:
        connections[REPLICA].close()
    except DatabaseError:
        connections[REPLICA].connection = None


def replica_usable() -> bool:
    """The replica answers and is at most REPLICA_MAX_LAG_SECONDS behind (cached briefly)."""
    if not replica_configured():
        return False
    now = time.monotonic()
    with _state.lock:
        if now - _state.checked_at < settings.REPLICA_CHECK_SECONDS:
            return _state.usable
        _state.checked_at = now
        try:
            lag = replica_lag_seconds()
        except DatabaseError:
            _close_replica()
            _note_down()
            _state.usable = False
            return False
        if _state.down:
            _state.down = False
            logger.warning("read replica answers again; reports read from it")
        _state.usable = lag <= settings.REPLICA_MAX_LAG_SECONDS
        return _state.usable


def _note_down() -> None:
    if not _state.down:
        _state.down = True
        logger.warning("read replica does not answer; reports read from the primary")


def replica_failed() -> None:
    """Called when a read on the replica failed half-way: use the primary until it answers."""
    _close_replica()
    with _state.lock:
        _note_down()
        _state.usable = False
        _state.checked_at = time.monotonic()


def reset_replica_state() -> None:
    """Check the replica again on the next read (tests; after maintenance)."""
    _state.reset()


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside go to the replica when it is usable (report builds, dashboards)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def reporting_alias() -> str:
    """The alias a reporting read goes to now."""
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:  # must see this transaction's writes
        return DEFAULT_DB_ALIAS
    return REPLICA if replica_usable() else DEFAULT_DB_ALIAS


class ReplicaRouter:
    """Reads inside ``replica_reads()`` go to the replica; all writes go to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if _replica_reads.get() and replica_configured():
            return reporting_alias()
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA  # read-only; it gets the schema by replication


View = TypeVar("View", bound=Callable[..., HttpResponse])


def reads_replica(view: View) -> View:
    """A page of figures that may read the replica (never right after the user saved)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (
            request.method not in SAFE_METHODS
            or PIN_COOKIE in request.COOKIES
            or not replica_configured()
        ):
            return view(request, *args, **kwargs)
        try:
            with replica_reads():
                return view(request, *args, **kwargs)
        except DatabaseError:
            replica = connections[REPLICA]
            if not replica.errors_occurred and replica.is_usable():
                raise  # the primary failed: the 503 page (sargs/core/db_unavailable.py)
            replica_failed()
        return view(request, *args, **kwargs)  # once more, from the primary

    return wrapped  # type: ignore[return-value]


class ReadYourWritesMiddleware:
    """After a request that may have changed data, the user reads the primary for a while."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and replica_configured():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
