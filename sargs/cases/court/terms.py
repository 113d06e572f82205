"""Terms counted in months (Orphan Courts Law, Civil Law 203, BTAL 37): the same day so many
months later, moved off days off. The arithmetic and the named terms live in
:mod:`sargs.core.terms`, beside the working-day calendar."""

from __future__ import annotations

from sargs.core.terms import add_months, month_term

__all__ = ["add_months", "month_term"]
