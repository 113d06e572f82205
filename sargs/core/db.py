"""Which database a read goes to.

Reports and dashboards read many rows and may be a little behind; when a read replica is
configured (``DATABASE_REPLICA_URL``) they read from it, so that a heavy report never slows
the social worker saving a case. Everything that writes, or must see its own write, reads
from the default database.
"""

from __future__ import annotations

from django.conf import settings

REPLICA = "replica"


def reporting_db() -> str:
    """The alias for report and dashboard reads: the replica when there is one."""
    return REPLICA if REPLICA in settings.DATABASES else "default"
