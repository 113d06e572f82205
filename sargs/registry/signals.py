"""Signals the registry sends; other apps listen without the registry importing them.

``residence_changed`` (kwargs ``child``, ``actor``) is sent inside the registry's transaction,
once per affected child, whenever something that decides the responsible municipality under
BTAL article 67 changes: a declared or actual residence of the child or of one of its legal
representatives is added, or a representative link (who the child lives with) is added or
changed; apps above the registry send it too when a child's out-of-family care (BTAL 67(4))
starts or ends. Receivers run in the same transaction: if they fail, the change is rolled back.
"""

from __future__ import annotations

import django.dispatch

residence_changed = django.dispatch.Signal()
