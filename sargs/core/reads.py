"""Recording that a user read a record, for apps below ``audit`` in the layer order.

``audit`` records every read of a child's data (docs/adr/0003-audit-trail.md) and sits above
``organisations`` (docs/adr/0013-layers.md). An app below it records a read here; ``audit``
registers the recorder at start-up (``use_read_recorder``), so no lower app imports it.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model
from django.http import HttpRequest


class ReadRecorder(Protocol):
    def __call__(self, *, request: HttpRequest, obj: Model, **detail: Any) -> object: ...


_recorder: ReadRecorder | None = None


def use_read_recorder(recorder: ReadRecorder) -> None:
    """Called once by ``audit`` at start-up."""
    global _recorder  # set once at start-up, read by every recorded read
    _recorder = recorder


def record_read(*, request: HttpRequest, obj: Model, **detail: Any) -> None:
    """Record that the request's user read ``obj`` (through audit's ``record_view``)."""
    if _recorder is None:
        raise ImproperlyConfigured("No read recorder: is sargs.audit installed?")
    _recorder(request=request, obj=obj, **detail)
