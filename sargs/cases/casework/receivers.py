"""Receivers of lower apps' signals (connected in ``CasesConfig.ready``)."""

from __future__ import annotations

from typing import Any

from sargs.organisations.models import User
from sargs.responsibility.models import Handover


def on_handover_accepted(sender: Any, *, handover: Handover, actor: User | None, **_: Any) -> None:
    from .transfer_services import case_transfer_for_handover

    case_transfer_for_handover(handover=handover, actor=actor)
