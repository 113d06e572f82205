"""Which database a read goes to.

Reports and dashboards read many rows and may be a little behind; when a read replica is
configured (``DATABASE_REPLICA_URL``) they read from it, so that a heavy report never slows
the social worker saving a case. Everything that writes, or must see its own write, reads
from the default database. The rules for lag and failure are in ``sargs/core/replica.py``.
"""

from __future__ import annotations

from .replica import REPLICA, reporting_alias

__all__ = ["REPLICA", "reporting_db"]


def reporting_db() -> str:
    """The alias for report and dashboard reads now: the replica when there is one that
    answers and is fresh enough, else the primary."""
    return reporting_alias()
