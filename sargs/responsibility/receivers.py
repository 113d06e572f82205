"""Listening to the registry: a change of residence may move responsibility (BTAL 67)."""

from __future__ import annotations

from typing import Any

from sargs.registry.models import Child

from .services import handover_review


def on_residence_changed(sender: Any, *, child: Child, actor: Any = None, **kwargs: Any) -> None:
    """Review the child's handover inside the registry's transaction."""
    handover_review(child=child, actor=actor)
